"""What the History view reads: a range of check-ins with what it needs to show them, and
one whole day. Each is one read, so the view holds no query of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from twitchlog.db.lite import Source
from twitchlog.diary import days, episodes, summaries
from twitchlog.diary.factors import list_factors
from twitchlog.diary.records import Day, Episode, Factor


@dataclass(frozen=True)
class DaysListing:
    """The check-ins of a range, newest first, with the factors and twitches per day."""

    days: list[Day]
    factors: list[Factor]
    twitches: dict[dt.date, int]


def days_listing(source: Source, start: dt.date, end: dt.date) -> DaysListing:
    return DaysListing(
        days.list_days(source, start, end)[::-1],
        list_factors(source),
        summaries.episodes_per_day(source, start, end),
    )


def episodes_listing(source: Source, start: dt.date, end: dt.date) -> list[Episode]:
    """The twitches of a range, newest first."""
    return episodes.list_episodes(source, start, end)[::-1]


@dataclass(frozen=True)
class DayDetails:
    """One diary day whole: its check-in (if any), its twitches, the factors to name."""

    day: dt.date
    checkin: Day | None
    episodes: list[Episode]
    factors: list[Factor]


def day_details(source: Source, day: dt.date) -> DayDetails:
    return DayDetails(
        day,
        days.get_day(source, day),
        episodes.list_episodes(source, day, day),
        list_factors(source),
    )
