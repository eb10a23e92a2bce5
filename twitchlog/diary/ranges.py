"""Which days a "last N days" view covers: up to the diary's own today, and never before
the diary's first entry (a 3-day diary is shown as 3 days, not as a grey year)."""

from __future__ import annotations

import datetime as dt

from twitchlog.db.lite import Source
from twitchlog.diary.settings import diary_today
from twitchlog.diary.summaries import date_span


def last_days(source: Source, days: int) -> tuple[dt.date, dt.date]:
    """(first, last) day of the last `days` diary days, clipped to the diary's first entry."""
    end = diary_today(source)
    start = end - dt.timedelta(days=days - 1)
    span = date_span(source)
    if span is not None:
        start = max(start, min(span[0], end))
    return start, end
