"""Plain records the diary functions take and return: the front ends see no database rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from twitchlog import catalog
from twitchlog.i18n import _, format_number
from twitchlog.words import plural, unit_for


@dataclass(frozen=True)
class Place:
    side: str  # left | right | both
    region: str  # a key of catalog.REGIONS

    @property
    def code(self) -> str:
        return f"{self.side}:{self.region}"

    @property
    def words(self) -> str:
        """'left upper eyelid' in the user's language ('Oberlid links')."""
        region = _(catalog.REGIONS[self.region])
        if self.side == "left":
            return _("left {place}").format(place=region)
        if self.side == "right":
            return _("right {place}").format(place=region)
        return region

    @classmethod
    def parse(cls, text: str) -> Place:
        from twitchlog.diary.rules import parse_region

        side, region = parse_region(text)
        return cls(side, region)


@dataclass(frozen=True)
class Episode:
    id: int
    started_at: dt.datetime  # aware, in the offset it was logged with
    diary_date: dt.date
    severity: int
    duration_s: int | None = None
    count: int | None = None
    places: tuple[Place, ...] = ()
    signs: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Factor:
    id: int
    key: str
    label: str
    kind: str
    unit: str
    minimum: float
    maximum: float
    builtin: bool
    category: str

    @property
    def heading(self) -> str:
        """'Caffeine (mg)' — the label with its unit in the user's language, for tables and
        CSV headers (a built-in label is translated, one's own comes back as typed)."""
        unit = (
            unit_for(2, self.unit)
            if self.kind == "number"
            else ("0–10" if self.kind == "scale" else "")
        )
        label = _(self.label)
        return f"{label} ({unit})" if unit else label

    def format_value(self, value: float) -> str:
        """'300 mg', '7/10', 'yes' — a value as a person reads it."""
        if self.kind == "yesno":
            return _("yes") if value else _("no")
        if self.kind == "scale":
            return f"{format_number(value)}/10"
        return f"{format_number(value)} {unit_for(value, self.unit)}".rstrip()


@dataclass(frozen=True)
class Day:
    date: dt.date
    no_twitches: bool = False
    note: str = ""
    values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Treatment:
    id: int
    name: str
    kind: str
    start: dt.date
    end: dt.date | None = None
    dose: float | None = None
    unit: str = ""
    sites: str = ""
    note: str = ""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the sentence the CLI prints and the window shows."""

    kind: str  # "episodes" | "days"
    rows: int
    added: int
    changed: int
    skipped: int
    new_factors: tuple[str, ...] = ()
    merged: str = ""  # what the import rule did on known days (diary.merge): filled/kept/replaced

    def sentence(self) -> str:
        if self.kind == "episodes":
            text = _("Read {rows}: {added} added, {skipped} already in the diary.").format(
                rows=plural(self.rows, "episode"), added=self.added, skipped=self.skipped
            )
        else:
            text = _(
                "Read {rows}: {added} added, {changed} updated, {skipped} already in the diary."
            ).format(
                rows=plural(self.rows, "day"),
                added=self.added,
                changed=self.changed,
                skipped=self.skipped,
            )
        return text + self.merge_notes()

    def merge_notes(self) -> str:
        """' On days already in the diary: …. New factors: ….' (or '')."""
        text = ""
        if self.merged:
            text += " " + _("On days already in the diary: {what}.").format(what=self.merged)
        if self.new_factors:
            text += " " + _("New factors: {names}.").format(names=", ".join(self.new_factors))
        return text
