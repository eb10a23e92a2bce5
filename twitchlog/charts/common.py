"""Small numeric helpers the charts share (no drawing here)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from twitchlog.analysis.data import DailyData, FactorInfo

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


def day_text(d: np.datetime64 | dt.date) -> str:
    day = d if isinstance(d, dt.date) else to_date(d)
    return f"{day:%a} {day.day} {day:%b %Y}"


def fmt(v: float, digits: int = 1) -> str:
    if not np.isfinite(v):
        return "–"
    if abs(v - round(v)) < 1e-9:
        return f"{round(v)}"
    return f"{v:.{digits}f}"


def factor_label(info: FactorInfo) -> str:
    unit = f" ({info.unit})" if info.unit and info.kind != "yesno" else ""
    return f"{info.label}{unit}"


def factors_with_data(data: DailyData) -> list[str]:
    """Factor keys that have at least one recorded value, in the diary's own order."""
    order = list(data.factor_info) + [k for k in data.factors if k not in data.factor_info]
    return [k for k in order if k in data.factors and np.isfinite(data.factors[k]).any()]
