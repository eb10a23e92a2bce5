"""When the next botulinum toxin injection is due, and whether to remind yet.

Standard library only: the Today view asks this on every load, and importing numpy for a
median of a few dates would cost the window ~0.15 s.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Sequence


def next_due(
    injections: Sequence[dt.date], default_days: int = 84
) -> tuple[dt.date | None, int, bool]:
    """(due date, interval in days, interval is the default): the person's own median gap
    between injections once there is one, else `default_days` (12 weeks)."""
    days = sorted(set(injections))
    if not days:
        return None, default_days, True
    if len(days) == 1:
        return days[-1] + dt.timedelta(days=default_days), default_days, True
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    interval = round(float(statistics.median(gaps)))
    return days[-1] + dt.timedelta(days=interval), interval, False


def due_soon(due: dt.date | None, today: dt.date, remind_days: int | None) -> bool:
    """Whether the reminder shows: from `remind_days` before the due date on."""
    return (
        due is not None
        and remind_days is not None
        and today >= due - dt.timedelta(days=remind_days)
    )
