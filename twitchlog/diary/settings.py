"""Diary-wide settings stored in the diary itself, so the window and the CLI agree."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from twitchlog import catalog
from twitchlog.db.lite import Source, dbapi
from twitchlog.diary import rules
from twitchlog.errors import ValidationError
from twitchlog.i18n import _

if TYPE_CHECKING:
    from twitchlog.diary.records import Factor, Treatment

DAY_START_HOUR = "day_start_hour"


def day_start_hour(source: Source) -> int:
    """The hour at which a new diary day begins (a twitch at 00:30 belongs to the evening)."""
    row = dbapi(source).execute("SELECT value FROM setting WHERE key = ?", (DAY_START_HOUR,))
    found = row.fetchone()
    return int(found[0]) if found else catalog.DEFAULT_DAY_START_HOUR


def diary_today(source: Source) -> dt.date:
    """Today's diary day under this diary's own day-start hour (the one place that asks)."""
    return rules.today(day_start_hour(source))


def set_day_start_hour(source: Source, hour: int | str) -> int:
    try:
        value = int(str(hour).strip())
    except ValueError:
        value = -1
    if not 0 <= value <= 12:
        raise ValidationError(
            _("The day-start hour must be a whole hour from 0 to 12; got '{hour}'.").format(
                hour=hour
            ),
            "day_start",
        )
    dbapi(source).execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (DAY_START_HOUR, str(value)),
    )
    return value


class SettingsPage(NamedTuple):
    """What the Settings view lists: the factors, the treatments and the day-start hour."""

    factors: list[Factor]
    treatments: list[Treatment]
    day_start: int


def settings_page(source: Source) -> SettingsPage:
    from twitchlog.diary.factors import list_factors
    from twitchlog.diary.treatments import list_treatments

    return SettingsPage(list_factors(source), list_treatments(source), day_start_hour(source))
