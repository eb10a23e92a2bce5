"""The doctor CSV: one row per calendar day, readable in LibreOffice Calc and Excel.

UTF-8 with a BOM (so Excel reads é and 日本 right), ISO dates, numbers as numbers,
RFC 4180 quoting with CRLF line ends, and every text cell that a spreadsheet would run
as a formula (= + - @, tab, CR, NUL first) prefixed with ' so it stays text.
A day without a check-in has empty factor cells; a day with neither a check-in nor an
episode is unknown, so its counts stay empty, never 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from twitchlog.db.lite import Source
from twitchlog.diary.csvfiles import safe_text
from twitchlog.diary.doctor_columns import (
    CHECKED_EPISODES_ONLY,
    CHECKED_UNKNOWN,
    CHECKED_YES,
    doctor_header,
)
from twitchlog.diary.records import Factor
from twitchlog.i18n import _
from twitchlog.report.doctor_data import (
    DoctorDay,
    DoctorTable,
    load_doctor_table,
    places_text,
    signs_text,
)
from twitchlog.safefile import atomic_write

Cell = str | int | float


def header(factors: tuple[Factor, ...]) -> list[str]:
    """In the user's language (diary.csvheaders); the importer reads it in any of ours."""
    return doctor_header(factors)


def _number(value: float) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() and -1e15 < number < 1e15 else number


def factor_cell(factor: Factor, value: float | None) -> Cell:
    """yes/no for yes-no factors, else the number itself (never text, so sums work)."""
    if value is None:
        return ""
    if factor.kind == "yesno":
        return _("yes") if value else _("no")
    return _number(value)


def day_row(day: DoctorDay, factors: tuple[Factor, ...]) -> list[Cell]:
    """The cells of one day, before text neutralisation."""
    s = day.summary
    if s.observed:
        checked = _(CHECKED_YES)
    elif s.episodes:
        checked = _(CHECKED_EPISODES_ONLY)
    else:
        checked = _(CHECKED_UNKNOWN)
    counts: list[Cell]
    if not day.known:
        counts = ["", "", "", ""]
    elif s.episodes == 0:
        counts = [0, "", "", 0]
    else:
        counts = [
            s.episodes,
            s.max_severity if s.max_severity is not None else "",
            _number(round(s.mean_severity, 2)) if s.mean_severity is not None else "",
            _number(round(s.duration_s / 60, 1)),
        ]
    got = day.values
    values: list[Cell] = (  # an empty cell needs no call
        [factor_cell(f, got[f.key]) if f.key in got else "" for f in factors]
        if s.observed
        else [""] * len(factors)
    )
    return [
        day.date.isoformat(),
        checked,
        *counts,
        places_text(day.places),
        signs_text(day.signs),
        *values,
        "; ".join(day.treatments),
        day.injection,
        day.side_effects,
        _("yes") if day.felt_wearing_off else "",
        day.note,
    ]


def neutralise(cells: Sequence[Cell]) -> list[Cell]:
    """Text cells that could run as a formula get a leading '; numbers stay numbers."""
    return [safe_text(c) if c and isinstance(c, str) else c for c in cells]


def iter_rows(table: DoctorTable) -> Iterator[list[Cell]]:
    """Header, then one neutralised row per day (what the file and the preview show)."""
    yield neutralise(header(table.factors))
    for day in table.days:
        yield neutralise(day_row(day, table.factors))


def write_doctor_csv(table: DoctorTable, path: str | Path) -> int:
    """Write the table atomically (0600, temp + rename); returns the number of day rows."""
    with atomic_write(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerows(iter_rows(table))
    return len(table.days)


def export_doctor_csv(
    source: Source, path: str | Path, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    """Load the range (default: the whole diary) and write the doctor CSV."""
    with collector_paused():
        return write_doctor_csv(load_doctor_table(source, start, end), path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the table is built and written: its thousands of day
    objects all live until the file is done, so the collector would only walk them again
    and again (5–10 ms on ten years) and find nothing to free."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
