"""Today at a glance, as the window shows it: the diary day, its twitches, its check-in.

Each function is one read on the diary's connection, with today taken from the diary's
own day-start hour, so the Today view, the check-in, the reminder and the doctor notice
agree on which day it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from twitchlog.db.lite import Source
from twitchlog.diary import days, episodes, notices
from twitchlog.diary.factors import list_factors
from twitchlog.diary.records import Day, Episode, Factor
from twitchlog.diary.settings import diary_today

RECENT_DAYS = 14  # the Today view lists twitches of the last two weeks...
RECENT_MOST = 12  # ...at most this many, newest first


@dataclass(frozen=True)
class TodaySoFar:
    today: dt.date
    twitches: int  # logged on today's diary day
    checked_in: bool
    recent: list[Episode]  # newest first


def today_so_far(source: Source) -> TodaySoFar:
    today = diary_today(source)
    recent = episodes.list_episodes(source, today - dt.timedelta(days=RECENT_DAYS - 1), today)
    return TodaySoFar(
        today,
        sum(1 for e in recent if e.diary_date == today),
        days.get_day(source, today) is not None,
        recent[-RECENT_MOST:][::-1],
    )


def checked_in_today(source: Source) -> bool:
    return days.get_day(source, diary_today(source)) is not None


def current_notice(source: Source) -> notices.Notice | None:
    """The doctor notice over the last weeks of the diary, if it has anything to say."""
    today = diary_today(source)
    start = today - dt.timedelta(days=notices.LOOKBACK_DAYS)
    return notices.assess(episodes.list_episodes(source, start, today), today)


@dataclass(frozen=True)
class CheckinPage:
    """What the check-in form shows: the factors, and what is recorded for `day`."""

    today: dt.date
    day: dt.date
    record: Day | None
    factors: list[Factor]


def checkin_page(source: Source, day: dt.date | None = None) -> CheckinPage:
    """The page for `day`, or for today's diary day when none is given."""
    today = diary_today(source)
    shown = day or today
    return CheckinPage(today, shown, days.get_day(source, shown), list_factors(source))
