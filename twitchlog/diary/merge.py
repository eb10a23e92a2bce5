"""The import rule: a file never silently overwrites what the diary already holds.

For every day in a days CSV or a doctor CSV that the diary already has:

- a value (or the note) the diary does not have yet is **filled** in from the file;
- a value the diary has and the file repeats is **kept** (nothing to do);
- an empty cell in the file never clears anything in the diary;
- a value or a note that differs is a **conflict**. Conflicts are listed by line and
  nothing at all is written, unless the person asks to replace (`import --replace`, or
  the window's "Use the file's values" choice): then the file's value **replaces** the
  diary's.

Days the diary does not have are added as they are. Episodes are never changed by an
import: one already in the diary (same moment, same details) is kept, anything else is
added beside what is there. The summary says what was filled, kept and replaced.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from twitchlog.db.lite import Source
from twitchlog.diary import days as days_mod
from twitchlog.diary.factors import factors_by_key
from twitchlog.diary.records import Day, Factor
from twitchlog.errors import DiaryError
from twitchlog.i18n import N_, _, format_date, format_number
from twitchlog.words import plural

THE_NOTE = N_("the note")

SHOWN_CONFLICTS = 20


@dataclass(frozen=True)
class Conflict:
    """One value on one day that the diary and the file disagree on."""

    line: int | None
    date: dt.date
    what: str  # 'Sleep (h)' (as shown), or THE_NOTE (translated when shown)
    in_diary: str
    in_file: str

    def sentence(self) -> str:
        if self.line:
            where = _("line {line} ({date})").format(line=self.line, date=format_date(self.date))
        else:
            where = format_date(self.date)
        return _("{where}: {what} is {in_diary} in the diary, {in_file} in the file").format(
            where=where, what=_(self.what), in_diary=self.in_diary, in_file=self.in_file
        )


class ImportConflicts(DiaryError):
    """The file disagrees with the diary; nothing was written."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        shown = [c.sentence() for c in conflicts[:SHOWN_CONFLICTS]]
        more = len(conflicts) - len(shown)
        super().__init__(
            _("Nothing was imported: the file disagrees with the diary ({values}):").format(
                values=plural(len(conflicts), "value")
            )
            + "\n  "
            + "\n  ".join(shown)
            + ("\n  " + _("… and {n} more.").format(n=more) if more > 0 else "")
            + "\n"
            + _(
                "To use the file's values for these, import again with --replace; values the "
                "diary does not have yet are then filled in as well."
            )
        )
        self.conflicts = tuple(conflicts)


@dataclass
class Merged:
    """What to write after the rule, and the counts for the summary."""

    drafts: list[days_mod.DayDraft] = field(default_factory=list)
    filled: int = 0
    kept: int = 0
    replaced: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def words(self) -> str:
        """'3 values filled, 2 kept, 1 replaced' (empty when the import touched no known day)."""
        if not (self.filled or self.kept or self.replaced):
            return ""
        return _("{filled} filled, {kept} kept as they were, {replaced} replaced").format(
            filled=plural(self.filled, "empty value"), kept=self.kept, replaced=self.replaced
        )


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _shown(factor: Factor | None, value: float) -> str:
    return factor.format_value(value) if factor is not None else format_number(value)


def merge_days(
    source: Source,
    drafts: Sequence[days_mod.DayDraft],
    lines: Mapping[dt.date, int] | None = None,
    *,
    replace: bool = False,
) -> Merged:
    """Apply the rule to imported days; raises ImportConflicts (writing nothing) on a
    disagreement unless `replace`."""
    lines = lines or {}
    factors = factors_by_key(source)
    out = Merged()
    for draft in drafts:
        have = days_mod.get_day(source, draft.date)
        if have is None:
            values: dict[str, float | None] = {
                k: v for k, v in draft.values.items() if v is not None
            }
            out.drafts.append(days_mod.DayDraft(draft.date, values, draft.note, draft.no_twitches))
            continue
        out.drafts.append(_merge_day(have, draft, factors, lines.get(draft.date), replace, out))
    if out.conflicts and not replace:
        raise ImportConflicts(out.conflicts)
    return out


def _merge_day(
    have: Day,
    draft: days_mod.DayDraft,
    factors: Mapping[str, Factor],
    line: int | None,
    replace: bool,
    out: Merged,
) -> days_mod.DayDraft:
    values: dict[str, float | None] = {}
    for key, value in draft.values.items():
        if value is None:
            continue  # an empty cell never clears the diary
        old = have.values.get(key)
        if old is None:
            values[key] = value
            out.filled += 1
        elif _same(old, value):
            out.kept += 1
        elif replace:
            values[key] = value
            out.replaced += 1
        else:
            factor = factors.get(key)
            out.conflicts.append(
                Conflict(
                    line,
                    draft.date,
                    factor.heading if factor else key,
                    _shown(factor, old),
                    _shown(factor, value),
                )
            )
    note = None
    text = (draft.note or "").strip()
    if text:
        if not have.note:
            note = draft.note
            out.filled += 1
        elif have.note == draft.note:
            out.kept += 1
        elif replace:
            note = draft.note
            out.replaced += 1
        else:
            out.conflicts.append(
                Conflict(line, draft.date, THE_NOTE, f"“{have.note}”", f"“{draft.note}”")
            )
    flag = True if draft.no_twitches and not have.no_twitches else None
    return days_mod.DayDraft(draft.date, values, note, flag)
