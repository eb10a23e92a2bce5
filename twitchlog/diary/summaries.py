"""Per-day totals and which days count: the diary at a glance, aggregated in SQL.

A day is observed when it has a check-in; a day without one is unknown, never zero,
even if twitches were logged on it. Plain SQL (see `db.lite`), so the doctor export
runs without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from twitchlog.db.lite import Source, dbapi, to_date


@dataclass(frozen=True)
class DaySummary:
    """One diary day at a glance."""

    date: dt.date
    observed: bool
    episodes: int
    max_severity: int | None
    mean_severity: float | None
    total_severity: int
    duration_s: int


def day_summaries(source: Source, start: dt.date, end: dt.date) -> list[DaySummary]:
    """Every calendar day from start to end, observed or not, with its episode totals."""
    conn = dbapi(source)
    span = (start.isoformat(), end.isoformat())
    by_day = {  # keyed by the ISO text SQLite returns: no date parsing per row
        row[0]: row
        for row in conn.execute(
            "SELECT diary_date, COUNT(id), MAX(severity), AVG(severity), SUM(severity), "
            "COALESCE(SUM(duration_s), 0) FROM episode "
            "WHERE diary_date BETWEEN ? AND ? GROUP BY diary_date",
            span,
        )
    }
    observed = {d for (d,) in conn.execute("SELECT date FROM day WHERE date BETWEEN ? AND ?", span)}
    out: list[DaySummary] = []
    day, one = start, dt.timedelta(days=1)
    while day <= end:
        key = day.isoformat()
        row = by_day.get(key)
        if row:
            _, n, top, mean, total, seconds = row
            out.append(DaySummary(day, key in observed, n, top, float(mean), total, seconds))
        else:
            out.append(DaySummary(day, key in observed, 0, None, None, 0, 0))
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
