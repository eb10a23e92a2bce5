"""Diary-wide settings stored in the diary itself, so the window and the CLI agree."""

from __future__ import annotations

from sqlalchemy.orm import Session

from twitchlog import catalog
from twitchlog.db.models import Setting
from twitchlog.errors import ValidationError

DAY_START_HOUR = "day_start_hour"


def day_start_hour(session: Session) -> int:
    """The hour at which a new diary day begins (a twitch at 00:30 belongs to the evening)."""
    row = session.get(Setting, DAY_START_HOUR)
    return int(row.value) if row else catalog.DEFAULT_DAY_START_HOUR


def set_day_start_hour(session: Session, hour: int | str) -> int:
    try:
        value = int(str(hour).strip())
    except ValueError:
        value = -1
    if not 0 <= value <= 12:
        raise ValidationError(
            f"The day-start hour must be a whole hour from 0 to 12; got '{hour}'.", "day_start"
        )
    row = session.get(Setting, DAY_START_HOUR) or Setting(key=DAY_START_HOUR, value="")
    row.value = str(value)
    session.add(row)
    return value
