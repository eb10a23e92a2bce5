"""Per-day totals, which days count, and where and how it twitched: aggregated in SQL once.

A day is observed when it has a check-in; a day without one is unknown, never zero,
even if twitches were logged on it. The doctor's table, the analysis arrays, the
history list and the command line all take their totals from here, so they agree.
Rows are keyed by the ISO text SQLite returns: no date parsing per row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from twitchlog.db.lite import Source, date_range, dbapi, to_date

# How `places_by_day` and `signs_by_day` join a day's entries (char(30) and char(31) in
# their SQL): between a day's places (or signs), and between a place's side and region.
ENTRY_SEP = "\x1e"
SIDE_SEP = "\x1f"

DayTotals = tuple[str, int, int, float, int, int]
"""(ISO diary date, episodes, highest severity, mean severity, sum of severities, seconds)."""


class DaySummary(NamedTuple):
    """One diary day at a glance (a named tuple: the doctor's table makes one a day)."""

    date: dt.date
    observed: bool
    episodes: int
    max_severity: int | None
    mean_severity: float | None
    duration_s: int


def day_totals(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> list[DayTotals]:
    """Each diary day with episodes in the range, with its totals (unmeasured = 0 s)."""
    clause, params = date_range("diary_date", start, end)
    return (
        dbapi(source)
        .execute(
            "SELECT diary_date, COUNT(id), MAX(severity), AVG(severity), SUM(severity), "
            f"COALESCE(SUM(duration_s), 0) FROM episode {clause} GROUP BY diary_date",
            params,
        )
        .fetchall()
    )


def observed_dates(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> list[str]:
    """The observed (checked-in) days in the range, as ISO text in date order."""
    clause, params = date_range("date", start, end)
    return [
        d for (d,) in dbapi(source).execute(f"SELECT date FROM day {clause} ORDER BY date", params)
    ]


def episodes_per_day(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> dict[dt.date, int]:
    """How many episodes each diary day with any holds."""
    return {to_date(row[0]): row[1] for row in day_totals(source, start, end)}


def factor_values(
    source: Source, start: dt.date | None = None, end: dt.date | None = None, *, chunk: int = 500
) -> Iterator[list[tuple[str, int, float]]]:
    """(ISO date, factor id, value) of every recorded value in the range, a chunk at a time.

    Chunks keep the rows from piling up as Python objects: with matplotlib and scipy
    loaded, a full garbage collection over them would cost more than the query.
    """
    clause, params = date_range("d.date", start, end)
    cur = dbapi(source).execute(
        "SELECT d.date, v.factor_id, v.value FROM factor_value v "
        f"JOIN day d ON d.id = v.day_id {clause}",
        params,
    )
    while rows := cur.fetchmany(chunk):
        yield rows


def places_by_day(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[str, str]]:
    """(ISO diary date, every place felt that day) for each day with places, the places as
    'side US region' joined by RS (ASCII unit and record separators; sides and regions are
    catalogue keys), once per episode felt there: ten years become a few thousand rows, not
    ten thousand, read in date order from the index (no sorting), and days that read alike
    are counted once by the caller: `entries` counts a day's places, `place_of` splits one."""
    clause, params = date_range("e.diary_date", start, end)
    return (
        dbapi(source)
        .execute(
            "SELECT e.diary_date, group_concat(r.side || char(31) || r.region, char(30)) "
            f"FROM episode e JOIN episode_region r ON e.id = r.episode_id {clause} "
            "GROUP BY e.diary_date",
            params,
        )
        .fetchall()
    )


def signs_by_day(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[str, str]]:
    """(ISO diary date, every warning sign of that day joined by RS, once per episode with
    it), one row a day, as `places_by_day` reads places."""
    clause, params = date_range("e.diary_date", start, end)
    return (
        dbapi(source)
        .execute(
            "SELECT e.diary_date, group_concat(s.sign, char(30)) "
            f"FROM episode e JOIN episode_sign s ON e.id = s.episode_id {clause} "
            "GROUP BY e.diary_date",
            params,
        )
        .fetchall()
    )


def entries(text: str) -> Counter[str]:
    """A day's joined places (or signs) from `places_by_day` / `signs_by_day`, each with
    how many of the day's episodes had it."""
    return Counter(text.split(ENTRY_SEP))


def place_of(entry: str) -> tuple[str, str]:
    """(side, region) of one place entry."""
    side, _sep, region = entry.partition(SIDE_SEP)
    return side, region


def day_summaries(source: Source, start: dt.date, end: dt.date) -> list[DaySummary]:
    """Every calendar day from start to end, observed or not, with its episode totals."""
    by_day = {row[0]: row for row in day_totals(source, start, end)}
    observed = set(observed_dates(source, start, end))
    out: list[DaySummary] = []
    day, one = start, dt.timedelta(days=1)
    while day <= end:
        key = day.isoformat()
        row = by_day.get(key)
        if row:
            _, n, top, mean, _total, seconds = row
            out.append(DaySummary(day, key in observed, n, top, float(mean), seconds))
        else:
            out.append(DaySummary(day, key in observed, 0, None, None, 0))
        day += one
    return out


def date_span(source: Source) -> tuple[dt.date, dt.date] | None:
    """First and last diary day with anything recorded, or None for an empty diary."""
    row = (
        dbapi(source)
        .execute(
            "SELECT MIN(d), MAX(d) FROM (SELECT MIN(date) AS d FROM day UNION ALL "
            "SELECT MAX(date) FROM day UNION ALL SELECT MIN(diary_date) FROM episode "
            "UNION ALL SELECT MAX(diary_date) FROM episode)"
        )
        .fetchone()
    )
    return (to_date(row[0]), to_date(row[1])) if row and row[0] else None


def open_bounds(source: Source, lo: dt.date, hi: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """lo..hi for a query, a bound at or past the diary's first or last entry left open:
    the same rows, but SQLite scans the table instead of seeking each day by its date
    (ten years of factor values: ~5 ms less)."""
    span = date_span(source)
    if span is None:
        return lo, hi
    return (None if lo <= span[0] else lo), (None if hi >= span[1] else hi)


def resolve_range(
    source: Source, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """Fill an open range from the diary's first/last entries; None for an empty diary."""
    span = date_span(source)
    if span is None and (start is None or end is None):
        return None
    lo = start or span[0]  # type: ignore[index]
    hi = end or span[1]  # type: ignore[index]
    return (lo, hi) if lo <= hi else (hi, lo)
