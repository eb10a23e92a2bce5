"""Export the diary to CSV and import it back: lossless, all-or-nothing, idempotent.

Episodes file: started_at (ISO 8601; without an offset it is local time), severity,
duration_s, regions ('side:region' joined by ';'), count, signs (joined by ';'), notes.
Days file: date, one column per factor key (empty = not recorded), no_twitches, note.
Each row of a days file is a checked-in (observed) day. Headers are written in the user's
language and read in any of ours (diary.csvheaders); the values never change with it.
Notes that a spreadsheet would run as a formula are written with a leading ' (see
csvfiles.safe_text) and read back without it, so the round trip stays exact.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from twitchlog.db.lite import Source, dbapi
from twitchlog.diary import days as days_mod
from twitchlog.diary import doctor_import, rules
from twitchlog.diary import episodes as ep_mod
from twitchlog.diary import factors as factors_mod
from twitchlog.diary.csvfiles import (
    CsvTable,
    at_line,
    cells_by_name,
    format_number,
    iter_split,
    plain_text,
    read_csv,
    safe_text,
)
from twitchlog.diary.csvheaders import DAYS, EPISODES, column_key, column_keys, header
from twitchlog.diary.records import ImportSummary, Place
from twitchlog.diary.settings import day_start_hour
from twitchlog.errors import DiaryError, ImportFailed, ValidationError
from twitchlog.i18n import _
from twitchlog.safefile import atomic_write

_CHUNK = 2_000  # episodes written per batch

__all__ = ["ImportSummary", "export_days", "export_episodes", "import_csv"]


def export_episodes(
    source: Source, path: str | Path, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    """Write the episodes file; returns the number of rows written."""
    episodes = ep_mod.list_episodes(source, start, end)
    with atomic_write(path) as fh:
        writer = csv.writer(fh)
        writer.writerow(header(EPISODES))
        for e in episodes:
            writer.writerow(
                [
                    e.started_at.isoformat(),
                    e.severity,
                    "" if e.duration_s is None else e.duration_s,
                    ";".join(p.code for p in e.places),
                    "" if e.count is None else e.count,
                    ";".join(e.signs),
                    safe_text(e.notes),
                ]
            )
    return len(episodes)


def export_days(
    source: Source, path: str | Path, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    """Write the days file (every checked-in day, every factor as a column)."""
    factors = factors_mod.list_factors(source)
    days = days_mod.list_days(source, start, end)
    with atomic_write(path) as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                *header(DAYS, ["date"]),
                *(f.key for f in factors),
                *header(DAYS, ["no_twitches", "note"]),
            ]
        )
        for d in days:
            writer.writerow(
                [
                    d.date.isoformat(),
                    *(format_number(d.values.get(f.key)) for f in factors),
                    1 if d.no_twitches else 0,
                    safe_text(d.note),
                ]
            )
    return len(days)


def import_csv(source: Source, path: str | Path, *, replace: bool = False) -> ImportSummary:
    """Import an episodes or days file (detected from its header) in one transaction.

    Every row is checked before anything is written; one bad row means nothing is
    imported, and the error lists each bad row with its line number. A value that
    differs from the diary's is never overwritten unless `replace` (see diary.merge).
    """
    with rules.numbers_from_a_file():
        return _import_table(source, read_csv(path), replace=replace)


def _import_table(source: Source, table: CsvTable, *, replace: bool) -> ImportSummary:
    conn = dbapi(source)
    if doctor_import.is_doctor_header(table.header):
        return doctor_import.import_doctor(conn, table, replace=replace)
    if "started_at" in (column_key(EPISODES, h) for h in table.header):
        return _import_episodes(conn, table.header, table.rows)
    if "date" in (column_key(DAYS, h) for h in table.header):
        found = column_keys(DAYS, table.header)
        keys = [k or h.strip().lower() for k, h in zip(found, table.header, strict=True)]
        return _import_days(conn, keys, table.rows, replace=replace)
    raise DiaryError(
        _(
            "This file has neither a '{episodes}' column (episodes) nor a '{days}' column "
            "(days); export a file from twitchlog to see the expected columns."
        ).format(episodes=_(EPISODES["started_at"]), days=_(DAYS["date"]))
    )


def _parsed(
    rows: Iterable[tuple[int, list[str]]],
    header: list[str],
    parse: Callable[[dict[str, str]], Any],
    problems: list[str],
) -> Iterator[tuple[int, Any]]:
    """Each row parsed, with its line; a bad row goes to `problems` with its line number."""
    for line, cells in rows:
        try:
            yield line, parse(cells_by_name(header, cells))
        except DiaryError as exc:
            problems.append(at_line(line, str(exc)))


def _collect(
    rows: Iterable[tuple[int, list[str]]], header: list[str], parse: Callable[[dict[str, str]], Any]
) -> list[tuple[int, Any]]:
    problems: list[str] = []
    parsed = list(_parsed(rows, header, parse, problems))
    if problems:
        raise ImportFailed(problems)
    return parsed


def _import_episodes(
    source: Source, names: list[str], rows: Iterable[tuple[int, list[str]]]
) -> ImportSummary:
    keys = column_keys(EPISODES, names)
    unknown = [name for name, key in zip(names, keys, strict=True) if key is None]
    if unknown:
        raise ImportFailed(
            [
                at_line(
                    1,
                    _("unknown column(s) {unknown}; an episodes file has {known}.").format(
                        unknown=", ".join(unknown), known=", ".join(header(EPISODES))
                    ),
                )
            ]
        )
    header_keys = [key or "" for key in keys]

    hour = day_start_hour(source)

    def parse(cells: dict[str, str]) -> dict[str, Any]:
        if not cells.get("started_at"):
            raise ValidationError(
                _("{column} is empty; every episode needs its time.").format(
                    column=_(EPISODES["started_at"])
                )
            )
        return {
            "started_at": rules.parse_when(cells["started_at"], day_start_hour=hour),
            "severity": rules.check_severity(cells.get("severity") or ""),
            "duration_s": rules.parse_duration(cells.get("duration_s") or None),
            "count": rules.check_count(cells.get("count")),
            "places": [Place.parse(p) for p in iter_split(cells.get("regions", ""))],
            "signs": [rules.check_sign(s) for s in iter_split(cells.get("signs", ""))],
            "notes": rules.check_text(plain_text(cells.get("notes", "")), what="note"),
        }

    # Two passes over the file, so memory stays bounded whatever its length: the first
    # checks every row and keeps nothing but the problems; the second writes _CHUNK rows
    # at a time, each chunk compared with the diary (earlier chunks included).
    problems: list[str] = []
    rows_read = sum(1 for _row in _parsed(rows, header_keys, parse, problems))
    if problems:
        raise ImportFailed(problems)
    added = 0
    chunk: list[dict[str, Any]] = []
    for _line, item in _parsed(rows, header_keys, parse, problems):
        chunk.append(item)
        if len(chunk) == _CHUNK:
            added += _add_new(source, chunk)
            chunk = []
    added += _add_new(source, chunk)
    return ImportSummary("episodes", rows_read, added, 0, rows_read - added)


def _add_new(source: Source, items: list[dict[str, Any]]) -> int:
    """Add the items not yet in the diary; returns how many were added."""
    fresh = ep_mod.new_episodes(source, items)
    ep_mod.add_episodes(source, fresh)
    return len(fresh)


def _import_days(
    source: Source,
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    *,
    replace: bool,
) -> ImportSummary:
    factors = factors_mod.factors_by_key(source)
    factor_cols = [h for h in header if h not in DAYS]
    new_keys = [h for h in factor_cols if h not in factors]
    for key in new_keys:
        rules.check_factor_key(key)
    created = []
    columns: dict[str, list[str]] = {key: [] for key in new_keys}
    for _line, c in rows if new_keys else ():  # one pass over the file for every new column
        cells = cells_by_name(header, c)
        for key in new_keys:
            columns[key].append(cells[key])
    for key in new_keys:
        kind = "yesno" if rules.is_yes_no_column(columns[key]) else "number"
        created.append(factors_mod.add_factor(source, key, kind=kind))
    factors = factors_mod.factors_by_key(source)
    hour = day_start_hour(source)

    def parse(cells: dict[str, str]) -> days_mod.DayDraft:
        date = rules.parse_date(cells["date"], day_start_hour=hour)
        return days_mod.make_draft(
            factors,
            date,
            {k: cells[k] for k in factor_cols},
            note=plain_text(cells["note"]) if "note" in cells else None,
            no_twitches=rules.parse_yes_no(
                cells.get("no_twitches"), what=DAYS["no_twitches"], field="no_twitches"
            ),
        )

    parsed = _collect(rows, header, parse)
    return days_mod.merge_imported(source, parsed, [f.key for f in created], replace=replace)
