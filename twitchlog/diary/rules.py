"""Every input rule in one place: parsing and checking what a person types or imports.

The command line, the window and the importers all call these, so a value is
accepted or refused the same way everywhere, with the same sentence.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from twitchlog import catalog
from twitchlog.errors import ValidationError

_DURATION_RE = re.compile(
    r"^\s*(?:(?P<h>\d+(?:\.\d+)?)\s*h)?\s*(?:(?P<m>\d+(?:\.\d+)?)\s*m(?:in)?)?"
    r"\s*(?:(?P<s>\d+(?:\.\d+)?)\s*s?)?\s*$"
)
FUTURE_SLACK = dt.timedelta(minutes=5)


def now_local() -> dt.datetime:
    """The current local time as an aware datetime (one place so tests see one clock)."""
    return dt.datetime.now().astimezone()


def diary_date(local: dt.datetime, day_start_hour: int) -> dt.date:
    """The diary day of a local time: before `day_start_hour` it still counts as yesterday."""
    return (local - dt.timedelta(hours=day_start_hour)).date()


def today(day_start_hour: int) -> dt.date:
    return diary_date(now_local(), day_start_hour)


EARLIEST_DATE = dt.date(1900, 1, 1)


def check_date_range(value: dt.date, latest: dt.date, *, field: str = "date") -> dt.date:
    """The one range of dates a diary holds: 1 January 1900 up to `latest` (today).

    An earlier year is a typo (0999 for 1999, 0001 for a blank): stored, it broke the
    sorting of the whole diary and made a report span two thousand years.
    """
    if value < EARLIEST_DATE:
        raise ValidationError(
            f"{value.isoformat()} is before 1900; check the year (a diary holds dates from "
            f"{EARLIEST_DATE.year} to today).",
            field,
        )
    if value > latest:
        raise ValidationError(
            f"{value.isoformat()} is in the future; a diary records days that have happened "
            f"(today is {latest.isoformat()}).",
            field,
        )
    return value


def parse_date(
    text: str,
    *,
    day_start_hour: int = catalog.DEFAULT_DAY_START_HOUR,
    allow_future: bool = False,
    field: str = "date",
) -> dt.date:
    """Parse YYYY-MM-DD, 'today' or 'yesterday'; refuse days after today."""
    raw = text.strip().lower()
    base = today(day_start_hour)
    if raw == "today":
        return base
    if raw == "yesterday":
        return base - dt.timedelta(days=1)
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. {base.isoformat()}.", field
        ) from None
    return check_date_range(value, dt.date.max if allow_future else base, field=field)


def parse_when(text: str, *, field: str = "at") -> dt.datetime:
    """Parse a moment: 'YYYY-MM-DD HH:MM[:SS]', ISO 8601 with or without offset, or 'HH:MM'.

    Without an offset the time is local (the machine's zone on that date, DST included).
    Returns an aware datetime; refuses a moment in the future.
    """
    raw = text.strip()
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", raw):
            t = dt.time.fromisoformat(raw.zfill(5) if len(raw) == 4 else raw)
            value = dt.datetime.combine(now_local().date(), t)
        else:
            value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a time; write it as 'YYYY-MM-DD HH:MM' (e.g. '2026-11-20 21:15') "
            "or 'HH:MM' for today.",
            field,
        ) from None
    now = now_local()
    check_date_range(value.date(), (now + FUTURE_SLACK).date(), field=field)
    if value.tzinfo is None:
        value = local_time(value, field=field)
    value = value.replace(microsecond=0)
    if value > now + FUTURE_SLACK:
        raise ValidationError(
            f"{value.strftime('%Y-%m-%d %H:%M')} is in the future; log episodes that have "
            "happened.",
            field,
        )
    return value


def local_time(wall: dt.datetime, *, field: str = "at") -> dt.datetime:
    """A wall-clock time in this computer's zone, refusing one the clock skipped.

    On the spring-forward day 02:30 never happens; read as-is it would silently
    become 01:30 or 03:30, so the person is asked which they mean.
    """
    value = wall.astimezone()
    if value.replace(tzinfo=None) != wall:
        raise ValidationError(
            f"{wall:%Y-%m-%d %H:%M} did not happen on this computer's clock: the clocks "
            "were put forward then. Write the time the clock showed, e.g. an hour later.",
            field,
        )
    return value


def parse_duration(text: str | int | float | None, *, field: str = "duration") -> int | None:
    """Parse '45s', '2m', '1m30s', '1h', or a bare number of seconds; None/'' = not measured."""
    if text is None:
        return None
    if isinstance(text, int | float):
        seconds = float(text)
    else:
        raw = text.strip().lower()
        if not raw:
            return None
        m = _DURATION_RE.match(raw)
        if not m or not any(m.group(g) for g in "hms"):
            raise ValidationError(
                f"'{text}' is not a duration; write e.g. 45s, 2m, 1m30s or 90 (seconds).", field
            )
        seconds = (
            float(m.group("h") or 0) * 3600
            + float(m.group("m") or 0) * 60
            + float(m.group("s") or 0)
        )
    if not math.isfinite(seconds) or seconds < 0:
        raise ValidationError("A duration cannot be negative.", field)
    if seconds > catalog.MAX_DURATION_S:
        raise ValidationError(
            "A duration over 24 hours is not one episode; log separate episodes instead.", field
        )
    return round(seconds)


def check_severity(value: int | str) -> int:
    try:
        sev = int(value)
    except (TypeError, ValueError):
        sev = 0
    if sev not in catalog.SEVERITY or str(value).strip() not in {str(sev), f"{sev}.0"}:
        raise ValidationError(
            f"Severity must be 1, 2, 3 or 4 (1 = {catalog.SEVERITY[1]}, 4 = "
            f"{catalog.SEVERITY[4]}); got '{value}'.",
            "severity",
        )
    return sev


def check_count(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            f"The count of twitches must be a whole number; got '{value}'.", "count"
        ) from None
    if n < 1 or n > catalog.MAX_COUNT:
        raise ValidationError(
            f"The count of twitches must be between 1 and {catalog.MAX_COUNT:,}; got {n}.",
            "count",
        )
    return n


def parse_region(text: str) -> tuple[str, str]:
    """Parse 'side:region' (e.g. 'left:upper_eyelid'); side defaults to 'both' if omitted."""
    raw = text.strip().lower().replace(" ", "_").replace("-", "_")
    side, _, region = raw.rpartition(":")
    side = side or "both"
    if side not in catalog.SIDES:
        raise ValidationError(
            f"Unknown side '{side}' in '{text}'; use left, right or both (e.g. left:upper_eyelid).",
            "where",
        )
    if region not in catalog.REGIONS:
        raise ValidationError(
            f"Unknown place '{region}' in '{text}'; use one of: "
            + ", ".join(catalog.REGIONS)
            + ".",
            "where",
        )
    return side, region


def check_sign(text: str) -> str:
    sign = text.strip().lower()
    if sign not in catalog.SIGNS:
        raise ValidationError(
            f"Unknown warning sign '{text}'; use one of: {', '.join(catalog.SIGNS)}.", "sign"
        )
    return sign


def parse_number(text: str | float | int, *, what: str, field: str | None = None) -> float:
    """Parse a number typed by a person (comma decimal accepted), refusing NaN and infinity."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = str(text).strip().replace(",", ".")
        lowered = raw.lower()
        if lowered in {"yes", "y", "true"}:
            return 1.0
        if lowered in {"no", "n", "false"}:
            return 0.0
        try:
            value = float(raw)
        except ValueError:
            raise ValidationError(f"{what} must be a number; got '{text}'.", field) from None
    if not math.isfinite(value):
        raise ValidationError(f"{what} must be a finite number; got '{text}'.", field)
    return value


def check_factor_value(
    key: str, label: str, kind: str, unit: str, minimum: float, maximum: float, value: float
) -> float:
    """Refuse a value outside the factor's range, with a sentence naming the limits."""
    unit_txt = f" {unit}" if unit and kind == "number" else ""
    if kind == "yesno":
        if value not in (0.0, 1.0):
            raise ValidationError(f"{label} is yes or no (1 or 0); got {value:g}.", key)
        return value
    if kind == "scale" and value != int(value):
        raise ValidationError(f"{label} is a whole number from 0 to 10; got {value:g}.", key)
    if value < minimum:
        if value < 0 and minimum >= 0:
            raise ValidationError(f"{label} cannot be negative; got {value:g}{unit_txt}.", key)
        raise ValidationError(
            f"{label} must be at least {minimum:g}{unit_txt}; got {value:g}.", key
        )
    if value > maximum:
        hint = " (a day has 24 hours)" if unit == "h" and maximum == 24 else ""
        raise ValidationError(
            f"{label} must be at most {maximum:g}{unit_txt}{hint}; got {value:g}{unit_txt}.", key
        )
    return value


_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def check_factor_key(key: str) -> str:
    if not _KEY_RE.match(key):
        raise ValidationError(
            f"'{key}' cannot be a factor key; use 2–40 lower-case letters, digits or _, "
            "starting with a letter (e.g. chocolate or cold_weather).",
            "key",
        )
    return key


def check_text(value: str | None, *, what: str, limit: int = 10_000) -> str:
    """Notes and names: strip, refuse NUL bytes and absurd lengths."""
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError(f"The {what} contains a NUL character; remove it.", what)
    if len(text) > limit:
        raise ValidationError(
            f"The {what} is {len(text):,} characters long; keep it under {limit:,}.", what
        )
    return text
