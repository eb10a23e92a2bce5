"""Every input rule in one place: parsing and checking what a person types or imports.

The command line, the window and the importers all call these, so a value is
accepted or refused the same way everywhere, with the same sentence.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from twitchlog import catalog
from twitchlog.errors import ValidationError
from twitchlog.i18n import N_, _, decimal_sign, format_count, format_date, format_number
from twitchlog.words import did_you_mean, nearest

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
            _(
                "{date} is before 1900; check the year (a diary holds dates from {year} to today)."
            ).format(date=value.isoformat(), year=EARLIEST_DATE.year),
            field,
        )
    if value > latest:
        raise ValidationError(
            _(
                "{date} is in the future; a diary records days that have happened (today is "
                "{today})."
            ).format(date=value.isoformat(), today=format_date(latest)),
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
            _(
                "{moment} did not happen on this computer's clock: the clocks were put forward "
                "then. Write the time the clock showed, e.g. an hour later."
            ).format(moment=f"{wall:%Y-%m-%d %H:%M}"),
            field,
        )
    return value


_TIME_RE = r"\d{1,2}:\d{2}(?::\d{2})?"
_DAY_WORDS = {"today": 0, "yesterday": -1}
_WORDS_RE = re.compile(rf"(?P<word>today|yesterday)?\s*(?P<time>{_TIME_RE})?")


class DateWords(NamedTuple):
    """A day or a moment as a person wrote it, resolved only once the diary is open.

    'today', 'yesterday' and a bare 'HH:MM' depend on the diary's own day-start hour,
    which is known only after opening it; so parsing (at once, for the syntax) and
    resolving (later, with the hour) are two steps. Accepted: 'today', 'yesterday',
    'YYYY-MM-DD', and for moments also 'HH:MM', 'today 9:00', 'yesterday 21:15',
    'YYYY-MM-DD HH:MM' and ISO 8601 with or without an offset.
    """

    text: str
    field: str
    moment: bool  # a moment is wanted (log --at), not a day
    offset: int | None = None  # days from the diary's today ('today' 0, 'yesterday' -1)
    date: dt.date | None = None
    time: dt.time | None = None
    stamp: dt.datetime | None = None  # a full ISO date-time as written

    def day(self, day_start_hour: int, *, allow_future: bool = False) -> dt.date:
        """The diary day meant; refuses days after today unless `allow_future`."""
        base = today(day_start_hour)
        value = self.date if self.offset is None else base + dt.timedelta(days=self.offset)
        assert value is not None
        return check_date_range(value, dt.date.max if allow_future else base, field=self.field)

    def when(self, day_start_hour: int) -> dt.datetime:
        """The aware local moment meant; refuses one in the future.

        A day word with a time names a time of that diary day, so with the day starting
        at 4:00, 'yesterday 01:30' is the night at the end of yesterday. A bare time is
        its latest occurrence, i.e. within the last day.
        """
        if self.stamp is not None:
            value = self.stamp
        else:
            assert self.time is not None
            if self.offset is None:
                now = now_local()
                value = dt.datetime.combine(now.date(), self.time)
                if value.astimezone() > now + FUTURE_SLACK:
                    value -= dt.timedelta(days=1)
            else:
                base = today(day_start_hour) + dt.timedelta(days=self.offset)
                night = self.time.hour < day_start_hour
                value = dt.datetime.combine(base + dt.timedelta(days=int(night)), self.time)
        latest = now_local() + FUTURE_SLACK
        check_date_range(value.date(), latest.date(), field=self.field)  # before any zone sums
        if value.tzinfo is None:
            value = local_time(value, field=self.field)  # the machine's zone, DST included
        return check_moment(value.replace(microsecond=0), field=self.field)


def check_moment(value: dt.datetime, *, field: str = "at") -> dt.datetime:
    """The one rule for a moment a twitch happened: from 1900 up to now (a minute's slack
    for clocks), never in the future."""
    latest = now_local() + FUTURE_SLACK
    check_date_range(value.date(), latest.date(), field=field)
    if value > latest:
        raise ValidationError(
            _("{moment} is in the future; log episodes that have happened.").format(
                moment=value.strftime("%Y-%m-%d %H:%M")
            ),
            field,
        )
    return value


def read_date_words(text: str, *, moment: bool = False, field: str | None = None) -> DateWords:
    """Check the syntax of a day (or, with `moment`, a time); resolve it later.

    The one parser of dates and times typed or imported anywhere.
    """
    name = field or ("at" if moment else "date")
    raw = text.strip()
    low = raw.lower()
    words = _WORDS_RE.fullmatch(low) if low else None
    try:
        if words and (words["word"] or words["time"]):
            offset = _DAY_WORDS[words["word"]] if words["word"] else None
            clock = words["time"]
            if clock is None:
                if moment:
                    raise ValueError  # 'today' alone is no moment
                return DateWords(text, name, moment, offset=offset)
            if not moment:
                raise ValueError
            hour, minute, second = (int(part) for part in f"{clock}:0".split(":")[:3])
            t = dt.time(hour, minute, second)
            return DateWords(text, name, moment, offset=offset, time=t)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = dt.date.fromisoformat(raw)
            if moment:
                raise ValueError
            return DateWords(text, name, moment, date=day)
        if moment:
            return DateWords(text, name, moment, stamp=dt.datetime.fromisoformat(raw))
    except ValueError:
        pass
    wrong = _impossible_day(raw)
    if wrong:
        raise ValidationError(
            _("'{text}' is not a date: {why}.").format(text=text, why=wrong), name
        )
    if moment:
        raise ValidationError(
            _(
                "'{text}' is not a time; write it as 'YYYY-MM-DD HH:MM' (e.g. "
                "'2026-11-20 21:15'), 'HH:MM' for the last such time, or 'yesterday 21:15'."
            ).format(text=text),
            name,
        )
    raise ValidationError(
        _(
            "'{text}' is not a date; write it as YYYY-MM-DD (e.g. {example}), 'today' or "
            "'yesterday'."
        ).format(text=text, example=dt.date.today().isoformat()),
        name,
    )


def _impossible_day(raw: str) -> str | None:
    """What is wrong with a well-written date that does not exist ('November has 30 days')."""
    found = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", raw)
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    if not 1 <= month <= 12:
        return _("there is no month {month} (months go from 01 to 12)").format(month=month)
    import calendar  # only for a date that is wrong (calendar and locale cost ~1.5 ms)

    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = _(MONTHS[month - 1])
        if month == 2:
            return _("{month} has {last} days that year, so day {day} does not exist").format(
                month=name, last=last, day=day
            )
        return _("{month} has {last} days, so day {day} does not exist").format(
            month=name, last=last, day=day
        )
    return None


MONTHS: tuple[str, ...] = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
"""Month names for sentences (calendar.month_name follows the C locale, not ours)."""


def parse_date(
    text: str,
    *,
    day_start_hour: int = catalog.DEFAULT_DAY_START_HOUR,
    allow_future: bool = False,
    field: str = "date",
) -> dt.date:
    """Parse and resolve a day at once (importers, which know the diary's hour)."""
    return read_date_words(text, field=field).day(day_start_hour, allow_future=allow_future)


def parse_when(
    text: str, *, day_start_hour: int = catalog.DEFAULT_DAY_START_HOUR, field: str = "at"
) -> dt.datetime:
    """Parse and resolve a moment at once; returns an aware datetime, never in the future."""
    return read_date_words(text, moment=True, field=field).when(day_start_hour)


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
                _("'{text}' is not a duration; write e.g. 45s, 2m, 1m30s or 90 (seconds).").format(
                    text=text
                ),
                field,
            )
        seconds = (
            float(m.group("h") or 0) * 3600
            + float(m.group("m") or 0) * 60
            + float(m.group("s") or 0)
        )
    if not math.isfinite(seconds) or seconds < 0:
        raise ValidationError(_("A duration cannot be negative."), field)
    if seconds > catalog.MAX_DURATION_S:
        raise ValidationError(
            _("A duration over 24 hours is not one episode; log separate episodes instead."),
            field,
        )
    return round(seconds)


def check_severity(value: int | str) -> int:
    try:
        sev = int(value)
    except (TypeError, ValueError):
        sev = 0
    if sev not in catalog.SEVERITY or str(value).strip() not in {str(sev), f"{sev}.0"}:
        raise ValidationError(
            _("Severity must be 1, 2, 3 or 4 (1 = {lowest}, 4 = {highest}); got '{value}'.").format(
                lowest=_(catalog.SEVERITY[1]), highest=_(catalog.SEVERITY[4]), value=value
            ),
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
            _("The count of twitches must be a whole number; got '{value}'.").format(value=value),
            "count",
        ) from None
    if n < 1 or n > catalog.MAX_COUNT:
        raise ValidationError(
            _("The count of twitches must be between 1 and {most}; got {n}.").format(
                most=format_count(catalog.MAX_COUNT), n=n
            ),
            "count",
        )
    return n


def parse_region(text: str) -> tuple[str, str]:
    """Parse 'side:region' (e.g. 'left:upper_eyelid'); side defaults to 'both' if omitted."""
    raw = text.strip().lower().replace(" ", "_").replace("-", "_")
    side, _sep, region = raw.rpartition(":")
    side = side or "both"
    if side not in catalog.SIDES:
        raise ValidationError(
            _("Unknown side '{side}' in '{text}'.").format(side=side, text=text)
            + did_you_mean(side, catalog.SIDES)
            + " "
            + _("Use left, right or both (e.g. left:upper_eyelid)."),
            "where",
        )
    if region not in catalog.REGIONS:
        shown = side if ":" in raw else "left"
        codes = [f"{shown}:{r}" for r in nearest(region, catalog.REGIONS)]
        hint = (
            " "
            + _("Did you mean {choices}?").format(
                choices=f" {_('or')} ".join(f"'{c}'" for c in codes)
            )
            if codes
            else ""
        )
        raise ValidationError(
            _("Unknown place '{place}' in '{text}'.").format(place=region, text=text)
            + hint
            + " "
            + _("Write SIDE:PLACE with a side (left, right, both) and one of: {places}.").format(
                places=", ".join(catalog.REGIONS)
            ),
            "where",
        )
    return side, region


def check_sign(text: str) -> str:
    sign = text.strip().lower()
    if sign not in catalog.SIGNS:
        raise ValidationError(
            _("Unknown warning sign '{text}'.").format(text=text)
            + did_you_mean(sign, catalog.SIGNS)
            + " "
            + _("Use one of: {choices}.").format(choices=", ".join(catalog.SIGNS)),
            "sign",
        )
    return sign


YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "ja", "j"})
NO_WORDS = frozenset({"no", "n", "false", "0", "nein"})
"""The one yes/no vocabulary (any case) of the command line, the window and every import,
in both languages twitchlog writes (a German doctor CSV says 'ja'/'nein'); an empty cell
means "not said"."""


def parse_yes_no(
    text: str | float | int | None, *, what: str, field: str | None = None
) -> bool | None:
    """yes/no/y/n/true/false/1/0/x/✓ (any case) as True/False; None or an empty cell is None.
    `what` as in parse_number."""
    if text is None:
        return None
    raw = format(text, "g") if isinstance(text, int | float) else str(text).strip().casefold()
    if not raw:
        return None
    if raw in YES_WORDS:
        return True
    if raw in NO_WORDS:
        return False
    raise ValidationError(
        _(
            "{what} is yes or no (yes/no, y/n, true/false, 1/0, or x/✓ for yes); got '{text}'."
        ).format(what=_(what), text=text),
        field,
    )


def is_yes_no_column(cells: Iterable[str]) -> bool:
    """Whether a column's filled cells all speak the yes/no vocabulary (a new factor's kind)."""
    filled = {c.strip().casefold() for c in cells} - {""}
    return bool(filled) and filled <= YES_WORDS | NO_WORDS


_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")


def _grouped(text: str, sep: str) -> bool:
    """'1,000,000' with sep ',': digits in groups of three after the first."""
    return bool(re.fullmatch(rf"[+-]?\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", text))


def _not_a_number(what: str, raw: str, field: str | None) -> ValidationError:
    return ValidationError(
        _("{what} must be a number; got '{text}'.").format(what=what, text=raw), field
    )


def _decimal_text(raw: str, what: str, field: str | None) -> str:
    """Tell thousands separators from decimal commas, or refuse when both readings fit.

    '6,5' is 6.5 and '1.000,5' 1000.5 (decimal comma); '1,000,000' and '1,000.5' carry
    thousands separators; '1,000' could be either: in a language that writes a decimal
    comma (German) it is 1.0, as a person of that language means it; otherwise it is
    refused, never guessed.
    """
    dot, comma = raw.rfind("."), raw.rfind(",")
    if dot >= 0 and comma >= 0:
        decimal, thousands = (".", ",") if dot > comma else (",", ".")
        whole, _sep, fraction = raw.rpartition(decimal)
        if not _grouped(whole, thousands):
            raise _not_a_number(what, raw, field)
        return whole.replace(thousands, "") + "." + fraction
    for sep in (",", "."):
        if raw.count(sep) > 1:
            if not _grouped(raw, sep):
                raise _not_a_number(what, raw, field)
            return raw.replace(sep, "")
    if comma < 0:
        return raw
    whole, fraction = raw.split(",")
    ambiguous = len(fraction) == 3 and fraction.isdigit() and whole.lstrip("+-") not in ("", "0")
    if ambiguous and (_FROM_FILE.get() or decimal_sign() != ","):
        raise ValidationError(
            _(
                "{what}: '{text}' could mean {thousands} (thousands separator) or {decimal} "
                "(decimal comma); write it as {thousands} or {decimal}."
            ).format(
                what=what, text=raw, thousands=whole + fraction, decimal=f"{whole}.{fraction}"
            ),
            field,
        )
    return whole + "." + fraction


_FROM_FILE: ContextVar[bool] = ContextVar("numbers_from_a_file", default=False)


@contextmanager
def numbers_from_a_file() -> Iterator[None]:
    """While importing: a file's '1,000' is refused as ambiguous whatever the language of
    the window or command line (it says nothing of how the file was written); typed input
    reads the user's decimal comma."""
    token = _FROM_FILE.set(True)
    try:
        yield
    finally:
        _FROM_FILE.reset(token)


def parse_number(text: str | float | int, *, what: str, field: str | None = None) -> float:
    """Parse a number typed by a person or a spreadsheet, refusing NaN, infinity and guesses.

    `what` names the value in sentences: an English phrase marked N_() or a factor's label
    (translated here; a label of one's own comes back unchanged)."""
    what = _(what)
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = str(text).strip().replace("\u2212", "-")
        plain = _decimal_text(raw, what, field) if ("," in raw or raw.count(".") > 1) else raw
        special = plain.lower().lstrip("+-") in {"nan", "inf", "infinity"}
        if not (special or _NUMBER_RE.fullmatch(plain.lower())):
            raise _not_a_number(what, str(text), field)
        value = float(plain)
    if not math.isfinite(value):
        raise ValidationError(
            _("{what} must be a finite number; got '{text}'.").format(what=what, text=text), field
        )
    return value


def check_factor_value(
    key: str, label: str, kind: str, unit: str, minimum: float, maximum: float, value: float
) -> float:
    """Refuse a value outside the factor's range, with a sentence naming the limits.

    `label` may be a built-in factor's English label; it is shown in the user's language."""
    name = _(label) if label else label
    unit_txt = f" {unit}" if unit and kind == "number" else ""
    got = format_number(value)
    if kind == "yesno":
        if value not in (0.0, 1.0):
            raise ValidationError(
                _("{factor} is yes or no (1 or 0); got {value}.").format(factor=name, value=got),
                key,
            )
        return value
    if kind == "scale" and value != int(value):
        raise ValidationError(
            _("{factor} is a whole number from 0 to 10; got {value}.").format(
                factor=name, value=got
            ),
            key,
        )
    if value < minimum:
        if value < 0 and minimum >= 0:
            raise ValidationError(
                _("{factor} cannot be negative; got {value}.").format(
                    factor=name, value=got + unit_txt
                ),
                key,
            )
        raise ValidationError(
            _("{factor} must be at least {limit}; got {value}.").format(
                factor=name, limit=format_number(minimum) + unit_txt, value=got
            ),
            key,
        )
    if value > maximum:
        limit = format_number(maximum) + unit_txt
        if unit == "h" and maximum == 24:
            message = _("{factor} must be at most {limit} (a day has 24 hours); got {value}.")
        else:
            message = _("{factor} must be at most {limit}; got {value}.")
        raise ValidationError(message.format(factor=name, limit=limit, value=got + unit_txt), key)
    return value


_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def check_factor_key(key: str) -> str:
    if not _KEY_RE.match(key):
        raise ValidationError(
            _(
                "'{key}' cannot be a factor key; use 2–40 lower-case letters, digits or _, "
                "starting with a letter (e.g. chocolate or cold_weather)."
            ).format(key=key),
            "key",
        )
    return key


TEXT_KINDS: dict[str, str] = {
    "note": N_("The note"),
    "name": N_("The name"),
    "label": N_("The label"),
    "unit": N_("The unit"),
    "dose": N_("The dose"),
    "sites": N_("The list of sites"),
    "reason": N_("The reason"),
    "changed condition": N_("The changed condition"),
    "usual condition": N_("The usual condition"),
}
"""What `check_text` may be checking, as the subject of its sentences."""


def check_text(value: str | None, *, what: str, limit: int = 10_000) -> str:
    """Notes and names: strip, refuse NUL bytes and absurd lengths. `what` is a key of
    TEXT_KINDS ('note') and also the field the error points at."""
    text = (value or "").strip()
    subject = _(TEXT_KINDS[what]) if what in TEXT_KINDS else what
    if "\x00" in text:
        raise ValidationError(
            _("{subject} contains a NUL character; remove it.").format(subject=subject), what
        )
    if len(text) > limit:
        raise ValidationError(
            _("{subject} is {length} characters long; keep it under {limit}.").format(
                subject=subject, length=format_count(len(text)), limit=format_count(limit)
            ),
            what,
        )
    return text
