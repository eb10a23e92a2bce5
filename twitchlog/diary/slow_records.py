"""The diary's records that stay dataclasses, apart from `records` so that a command
which needs neither (such as `export doctor`) skips importing dataclasses.

`Episode` has a field named `count`, which a named tuple would put over tuple.count;
`doctor_import.DoctorImportSummary` extends `ImportSummary` with a field of its own.
Import them from `diary.records`, as every other record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from twitchlog.diary.records import Place
from twitchlog.i18n import _
from twitchlog.words import plural


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
