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
        """In the language in use: 'left lower eyelid', 'Unterlid links'."""
        region = _(catalog.REGIONS[self.region])
        if self.side == "both":
            return region
        return _("{side} {place}").format(side=_(self.side), place=region)

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
        """'Caffeine (mg)' — the label with its unit, for tables and CSV headers."""
        unit = self.unit if self.kind == "number" else ("0–10" if self.kind == "scale" else "")
        return f"{self.label} ({unit})" if unit else self.label

    def format_value(self, value: float) -> str:
        """'300 mg', '7/10', 'yes' — a value as a person reads it, in the language in use."""
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
        noun = "episode" if self.kind == "episodes" else "day"
        parts = [f"Read {plural(self.rows, noun)}: {self.added} added"]
        if self.kind == "days":
            parts.append(f"{self.changed} updated")
        parts.append(f"{self.skipped} already in the diary")
        text = ", ".join(parts) + "."
        if self.merged:
            text += f" On days already in the diary: {self.merged}."
        if self.new_factors:
            text += " New factors: " + ", ".join(self.new_factors) + "."
        return text
