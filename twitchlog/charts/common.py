"""Small numeric helpers the charts share (no drawing here)."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from twitchlog.analysis.data import DailyData, FactorInfo
from twitchlog.i18n import N_, _, format_number
from twitchlog.words import unit_for

MIN_DAYS = 2  # fewer observed days than this: "nothing to show yet"


def enough_days(data: DailyData) -> bool:
    return data.n_days > 0 and int(np.count_nonzero(data.observed)) >= MIN_DAYS


def rolling_mean(y: np.ndarray, window: int = 7, min_count: int = 3) -> np.ndarray:
    """Centred moving average over the known (finite) values only; NaN where too few.

    Always one value per day: `np.convolve(mode="same")` returns max(len, window) values,
    so a diary shorter than the window is convolved in full and the centre cut out.
    """
    known = np.isfinite(y)
    vals = np.where(known, y, 0.0)
    kernel = np.ones(window)
    lead = (window - 1) // 2
    n = len(vals)
    total = np.convolve(vals, kernel, mode="full")[lead : lead + n]
    count = np.convolve(known.astype(float), kernel, mode="full")[lead : lead + n]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = total / count
    out[count < min_count] = np.nan
    return out


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True values."""
    m = np.concatenate([[False], np.asarray(mask, bool), [False]])
    d = np.diff(m.astype(np.int8))
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1) - 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def to_date(d: np.datetime64) -> dt.date:
    day: dt.date = d.astype("datetime64[D]").astype(dt.date)
    return day


# The C locale's names, as strftime and matplotlib's date formatters write them; shown
# through _() (the system locale is never switched: it is process-wide and not thread-safe).
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip
_NAME = re.compile(r"\b(" + "|".join(WEEKDAYS + MONTHS) + r")\b")


def local_names(text: str) -> str:
    """Weekday and month abbreviations in a C-locale date text in the language in use."""
    return _NAME.sub(lambda m: _(m.group(1)), text)


def month_text(d: dt.date) -> str:
    """'Mar 2026' / 'Mär 2026'."""
    return _("{month} {year}").format(month=_(MONTHS[d.month - 1]), year=d.year)


def day_text(d: np.datetime64 | dt.date) -> str:
    """'Mon 9 Mar 2026' / 'Mo., 9. Mär 2026'."""
    day = d if isinstance(d, dt.date) else to_date(d)
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(WEEKDAYS[day.weekday()]),
        day=day.day,
        month=_(MONTHS[day.month - 1]),
        year=day.year,
    )


def num(v: float, digits: int | None = None) -> str:
    """A number for a chart, with the language's decimal sign: '1.5' / '1,5'."""
    return format_number(v, digits)


def fmt(v: float, digits: int = 1) -> str:
    if not np.isfinite(v):
        return "–"
    if abs(v - round(v)) < 1e-9:
        return f"{round(v)}"
    return num(v, digits)


def factor_label(info: FactorInfo) -> str:
    unit = f" ({unit_for(2, info.unit)})" if info.unit and info.kind != "yesno" else ""
    return f"{_(info.label)}{unit}"


def factors_with_data(data: DailyData) -> list[str]:
    """Factor keys that have at least one recorded value, in the diary's own order."""
    order = list(data.factor_info) + [k for k in data.factors if k not in data.factor_info]
    return [k for k in order if k in data.factors and np.isfinite(data.factors[k]).any()]
