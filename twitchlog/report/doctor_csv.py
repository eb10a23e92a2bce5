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
from collections.abc import Callable, Iterator, Mapping, Sequence
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
from twitchlog.diary.records import Factor, Place
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


def row_maker(factors: tuple[Factor, ...]) -> Callable[[DoctorDay], list[Cell]]:
    """A function giving one day's neutralised cells.

    Ten years are 3,650 rows and 30,000 factor values made of a few hundred distinct
    values, places and signs: each word is translated once per file, and each distinct
    value, places, signs or treatments tuple becomes its cell once, not once a day."""
    checked_yes, checked_some, checked_unknown = (
        _text(_(w)) for w in (CHECKED_YES, CHECKED_EPISODES_ONLY, CHECKED_UNKNOWN)
    )
    yes, no = _text(_("yes")), _text(_("no"))
    column = {f.key: i for i, f in enumerate(factors)}
    yesno = [f.kind == "yesno" for f in factors]
    blank: list[Cell] = [""] * len(factors)
    numbers: dict[float, Cell] = {}
    means: dict[float, Cell] = {}  # a day's average severity, rounded to 2 places
    minutes: dict[int, Cell] = {}  # a day's seconds, as minutes to 1 place
    place_cells: dict[tuple[tuple[Place, int], ...], Cell] = {}
    sign_cells: dict[tuple[tuple[str, int], ...], Cell] = {}
    treatment_cells: dict[tuple[str, ...], Cell] = {}

    def value_cells(got: Mapping[str, float]) -> list[Cell]:
        """yes/no for yes-no factors, else the number itself (never text, so sums work);
        only the day's own values are looked at, the other cells stay empty."""
        cells = blank.copy()
        for key, value in got.items():
            i = column.get(key)
            if i is None:
                continue
            if yesno[i]:
                cells[i] = yes if value else no
                continue
            cell = numbers.get(value)
            if cell is None:
                cell = numbers[value] = _number(value)
            cells[i] = cell
        return cells

    def make(day: DoctorDay) -> list[Cell]:
        s = day.summary
        n = s.episodes
        counts: list[Cell]
        if s.observed:
            checked = checked_yes
        elif n:
            checked = checked_some
        else:
            checked = checked_unknown
        if not (s.observed or n):  # an unknown day: its counts stay empty, never 0
            counts = ["", "", "", ""]
        elif n == 0:
            counts = [0, "", "", 0]
        else:
            average: Cell = ""
            if (mean := s.mean_severity) is not None:
                if mean not in means:
                    means[mean] = _number(round(mean, 2))
                average = means[mean]
            seconds = s.duration_s
            if seconds not in minutes:
                minutes[seconds] = _number(round(seconds / 60, 1))
            top = s.max_severity if s.max_severity is not None else ""
            counts = [n, top, average, minutes[seconds]]
        places = place_cells.get(day.places)
        if places is None:
            places = place_cells[day.places] = _text(places_text(day.places))
        signs = sign_cells.get(day.signs)
        if signs is None:
            signs = sign_cells[day.signs] = _text(signs_text(day.signs))
        treatments = treatment_cells.get(day.treatments)
        if treatments is None:
            treatments = treatment_cells[day.treatments] = _text("; ".join(day.treatments))
        return [
            s.date.isoformat(),
            checked,
            *counts,
            places,
            signs,
            *(value_cells(day.values) if s.observed and day.values else blank),
            treatments,
            _text(day.injection),
            _text(day.side_effects),
            yes if day.felt_wearing_off else "",
            _text(day.note),
        ]

    return make


def _text(text: str) -> str:
    return safe_text(text) if text else text


def neutralise(cells: Sequence[Cell]) -> list[Cell]:
    """Text cells that could run as a formula get a leading '; numbers stay numbers."""
    return [safe_text(c) if c and isinstance(c, str) else c for c in cells]


def iter_rows(table: DoctorTable) -> Iterator[list[Cell]]:
    """Header, then one neutralised row per day (what the file and the preview show)."""
    yield neutralise(header(table.factors))
    make = row_maker(table.factors)
    for day in table.days:
        yield make(day)


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
