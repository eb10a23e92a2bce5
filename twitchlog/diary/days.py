"""Use cases for the daily check-in: record, update, undo, list.

Plain SQL on the diary's sqlite3 connection (see `db.lite`). A check-in typed in the
window or on the command line and a day read from a file pass through the same two
steps: `make_draft` applies every rule of one day, `apply_days` writes checked days.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from twitchlog.db.lite import Source, date_range, datetime_text, dbapi, to_date
from twitchlog.diary import rules
from twitchlog.diary.csvfiles import at_line
from twitchlog.diary.factors import check_value, factors_by_key
from twitchlog.diary.records import Day, Factor, ImportSummary
from twitchlog.diary.settings import diary_today
from twitchlog.diary.twitchfree import refuse_flag_on_twitch_days
from twitchlog.errors import ImportFailed, NotFound, ValidationError
from twitchlog.i18n import _, format_date
from twitchlog.words import did_you_mean, nearest

RawValue = str | float | int | None


def _unknown_factor(key: str, factors: Mapping[str, Factor]) -> ValidationError:
    """Point at the factor most likely meant ('sleep' → 'sleep_h'), not at a second one."""
    by_label = {f.label.lower(): k for k, f in factors.items()}
    near = nearest(key, factors) or [by_label[w] for w in nearest(key, by_label)]
    if near:
        return ValidationError(
            _("Unknown factor '{key}'.").format(key=key)
            + did_you_mean(key, near)
            + " "
            + _("See 'twitchlog factor list' for every key."),
            key,
        )
    return ValidationError(
        _(
            "Unknown factor '{key}'. See 'twitchlog factor list', or add it with "
            "'twitchlog factor add {key} --kind number'."
        ).format(key=key),
        key,
    )


def validate_values(
    factors: Mapping[str, Factor], values: Mapping[str, RawValue]
) -> dict[str, float | None]:
    """Check every value before anything is written; None or '' means 'not recorded'."""
    clean: dict[str, float | None] = {}
    for key, raw in values.items():
        factor = factors.get(key)
        if factor is None:
            raise _unknown_factor(key, factors)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            clean[key] = None
        else:
            clean[key] = check_value(factor, raw)
    return clean


@dataclass(frozen=True)
class DayDraft:
    """A day whose values and note passed the rules (`make_draft`), ready to write.

    Values named are set (None clears one); values not named keep what was recorded.
    `note=None` keeps the note; `no_twitches=None` keeps the flag.
    """

    date: dt.date
    values: dict[str, float | None]
    note: str | None = None
    no_twitches: bool | None = None


def make_draft(
    factors: Mapping[str, Factor],
    date: dt.date,
    values: Mapping[str, RawValue],
    *,
    note: str | None = None,
    no_twitches: bool | None = None,
) -> DayDraft:
    """Every rule of one day's own fields: the one check for check-ins and imports alike."""
    clean = validate_values(factors, values)
    text = None if note is None else rules.check_text(note, what="note")
    return DayDraft(date, clean, text, no_twitches)


def check_in(
    source: Source,
    date: dt.date,
    values: Mapping[str, RawValue] | None = None,
    *,
    note: str | None = None,
    no_twitches: bool | None = None,
) -> Day:
    """Record (or update) the check-in for `date`; the day then counts as observed."""
    conn = dbapi(source)
    rules.check_date_range(date, diary_today(conn))
    draft = make_draft(factors_by_key(conn), date, values or {}, note=note, no_twitches=no_twitches)
    _write(conn, [draft], skip_same=False)
    found = get_day(conn, date)
    assert found is not None
    return found


def apply_days(
    source: Source, drafts: Sequence[DayDraft], lines: Mapping[dt.date, int] | None = None
) -> tuple[int, int]:
    """Merge many checked days at once (import, demo); returns (days added, days changed).

    `lines` (date -> line in the file) lets a refusal name the line of an import.
    """
    return _write(dbapi(source), drafts, skip_same=True, lines=lines)


def merge_imported(
    source: Source,
    lined: Sequence[tuple[int, DayDraft]],
    new_factors: Sequence[str] = (),
    *,
    replace: bool = False,
) -> ImportSummary:
    """Write the checked days read from a file (line, draft): one row per day, or nothing.

    The one ending of every days importer (days CSV, doctor CSV). What the diary already
    holds is never overwritten unless `replace` (the rule: diary.merge).
    """
    from twitchlog.diary.merge import merge_days  # merge builds on this module

    first_line: dict[dt.date, int] = {}
    problems = []
    for line, draft in lined:
        if draft.date in first_line:
            problems.append(
                at_line(
                    line,
                    _("{date} is also on line {line}; keep one row per day.").format(
                        date=draft.date.isoformat(), line=first_line[draft.date]
                    ),
                )
            )
        first_line.setdefault(draft.date, line)
    if problems:
        raise ImportFailed(problems)
    drafts = [d for _line, d in lined]
    merged = merge_days(source, drafts, first_line, replace=replace)
    added, changed = apply_days(source, merged.drafts, first_line)
    skipped = len(drafts) - added - changed
    return ImportSummary(
        "days", len(drafts), added, changed, skipped, tuple(new_factors), merged.words()
    )


def _write(
    conn: sqlite3.Connection,
    drafts: Sequence[DayDraft],
    *,
    skip_same: bool,
    lines: Mapping[dt.date, int] | None = None,
) -> tuple[int, int]:
    refuse_flag_on_twitch_days(conn, [d.date for d in drafts if d.no_twitches], lines)
    factors = factors_by_key(conn)
    existing = _load(conn, [d.date for d in drafts])
    now = datetime_text(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0))
    added = changed = 0
    for draft in drafts:
        found = existing.get(draft.date)
        if found is None:
            cur = conn.execute(
                "INSERT INTO day (date, no_twitches, note, checked_in_utc) VALUES (?, ?, ?, ?)",
                (draft.date.isoformat(), bool(draft.no_twitches), draft.note or "", now),
            )
            assert cur.lastrowid is not None
            day_id = cur.lastrowid
            existing[draft.date] = (day_id, Day(draft.date))
            added += 1
        else:
            day_id, before = found
            if skip_same and _same(before, draft):
                continue
            changed += 1
            conn.execute(
                "UPDATE day SET checked_in_utc = ?, note = COALESCE(?, note), "
                "no_twitches = COALESCE(?, no_twitches) WHERE id = ?",
                (now, draft.note, draft.no_twitches, day_id),
            )
        cleared = [(day_id, factors[k].id) for k, v in draft.values.items() if v is None]
        kept = [(day_id, factors[k].id, v) for k, v in draft.values.items() if v is not None]
        conn.executemany("DELETE FROM factor_value WHERE day_id = ? AND factor_id = ?", cleared)
        conn.executemany(
            "INSERT INTO factor_value (day_id, factor_id, value) VALUES (?, ?, ?) "
            "ON CONFLICT (day_id, factor_id) DO UPDATE SET value = excluded.value",
            kept,
        )
    return added, changed


def _same(day: Day, draft: DayDraft) -> bool:
    wanted = dict(day.values)
    for key, value in draft.values.items():
        if value is None:
            wanted.pop(key, None)
        else:
            wanted[key] = value
    return (
        wanted == day.values
        and (draft.note is None or draft.note == day.note)
        and (draft.no_twitches is None or draft.no_twitches == day.no_twitches)
    )


def _load(conn: sqlite3.Connection, dates: Sequence[dt.date]) -> dict[dt.date, tuple[int, Day]]:
    """The stored days among `dates`, with their row ids."""
    wanted = sorted({d.isoformat() for d in dates})
    found: dict[dt.date, tuple[int, Day]] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        for day_id, day in _select(conn, f"WHERE d.date IN ({marks})", chunk):
            found[day.date] = (day_id, day)
    return found


def _select(
    conn: sqlite3.Connection, clause: str, params: Sequence[object]
) -> list[tuple[int, Day]]:
    """Days matching `clause` (on alias d) with their values, by date."""
    values: dict[int, dict[str, float]] = {}
    for day_id, key, value in conn.execute(
        "SELECT v.day_id, f.key, v.value FROM factor_value v JOIN factor f ON f.id = v.factor_id "
        f"JOIN day d ON d.id = v.day_id {clause} ORDER BY v.day_id, v.factor_id",
        params,
    ):
        values.setdefault(day_id, {})[key] = value
    return [
        (day_id, Day(to_date(date), bool(flag), note, values.get(day_id, {})))
        for day_id, date, flag, note in conn.execute(
            f"SELECT d.id, d.date, d.no_twitches, d.note FROM day d {clause} ORDER BY d.date",
            params,
        )
    ]


def get_day(source: Source, date: dt.date) -> Day | None:
    found = _select(dbapi(source), "WHERE d.date = ?", (date.isoformat(),))
    return found[0][1] if found else None


def latest_day_before(source: Source, date: dt.date) -> Day | None:
    """The most recent check-in before `date` ("same as yesterday" in the form)."""
    conn = dbapi(source)
    row = conn.execute(
        "SELECT date FROM day WHERE date < ? ORDER BY date DESC LIMIT 1", (date.isoformat(),)
    ).fetchone()
    return get_day(conn, to_date(row[0])) if row else None


def delete_day(source: Source, date: dt.date) -> Day:
    """Remove a check-in (the day becomes unknown again) and return it for Undo."""
    conn = dbapi(source)
    found = _select(conn, "WHERE d.date = ?", (date.isoformat(),))
    if not found:
        raise NotFound(_("There is no check-in for {date}.").format(date=format_date(date)))
    day_id, record = found[0]
    conn.execute("DELETE FROM factor_value WHERE day_id = ?", (day_id,))
    conn.execute("DELETE FROM day WHERE id = ?", (day_id,))
    return record


def restore_day(source: Source, record: Day) -> Day:
    """Put a deleted check-in back (Undo), under the same rules as a new one."""
    return check_in(
        source, record.date, dict(record.values), note=record.note, no_twitches=record.no_twitches
    )


def list_days(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> list[Day]:
    return [day for _id, day in _select(dbapi(source), *date_range("d.date", start, end))]
