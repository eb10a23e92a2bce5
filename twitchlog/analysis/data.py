"""The plain data the analysis works on: one row per calendar day, arrays not objects.

Built by `twitchlog.diary.dataset.load_daily_data` from the database; the analysis and
charts only ever see this, so they never touch storage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class FactorInfo:
    """What the analysis needs to know about a factor (mirrors catalog.FactorDef)."""

    key: str
    label: str
    kind: str  # "number" | "scale" | "yesno"
    unit: str = ""
    category: str = "trigger"  # "trigger" | "relief" | "custom"
    high_below: float | None = None  # catalog threshold: "high" (risky) day when value < this
    high_from: float | None = None  # catalog threshold: "high" day when value >= this
    slow: bool = False  # slow-acting: also test lag 2
    evening: bool = False  # also pair the evening before (lag 1) in the sentence wording


@dataclass(frozen=True)
class TreatmentInfo:
    name: str
    kind: str  # "medication" | "injection" | "therapy" | "procedure"
    start: dt.date
    end: dt.date | None = None
    dose: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class DailyData:
    """Consecutive calendar days `dates[0]..dates[-1]` (no gaps in the index itself).

    - `observed[i]` is True when the person checked in that day; only those days have
      a known outcome. Unobserved days are missing, never zero.
    - `episodes`, `severity`, `duration_min` hold what was logged each day (also on
      unobserved days, so a timeline can show them; the analysis ignores those days).
    - `factors[key][i]` is the recorded value, NaN when not recorded.
    """

    dates: np.ndarray  # datetime64[D], shape (n,)
    observed: np.ndarray  # bool (n,)
    episodes: np.ndarray  # float (n,) episode count
    severity: np.ndarray  # float (n,) sum of severities
    duration_min: np.ndarray  # float (n,) total minutes (unmeasured durations count 0)
    factors: dict[str, np.ndarray] = field(default_factory=dict)
    factor_info: dict[str, FactorInfo] = field(default_factory=dict)
    treatments: tuple[TreatmentInfo, ...] = ()

    @property
    def n_days(self) -> int:
        return int(self.dates.shape[0])

    def epoch_days(self) -> np.ndarray:
        """Each day as whole days since 1970-01-01 (int64): the calendar the blocks use."""
        return self.dates.astype("datetime64[D]").astype(np.int64)

    def between(self, start: dt.date | None, end: dt.date | None) -> DailyData:
        """Only the days from `start` to `end` (inclusive; None = open end).

        The analysis of a range sees nothing outside it, so it gives the same answer
        whether the whole diary or just the range was loaded.
        """
        if self.n_days == 0 or (start is None and end is None):
            return self
        d = self.dates.astype("datetime64[D]")
        a = 0 if start is None else int(np.searchsorted(d, np.datetime64(start, "D"), "left"))
        b = (
            self.n_days
            if end is None
            else int(np.searchsorted(d, np.datetime64(end, "D"), "right"))
        )
        b = max(a, b)
        if a == 0 and b == self.n_days:
            return self
        return DailyData(
            dates=self.dates[a:b],
            observed=self.observed[a:b],
            episodes=self.episodes[a:b],
            severity=self.severity[a:b],
            duration_min=self.duration_min[a:b],
            factors={k: v[a:b] for k, v in self.factors.items()},
            factor_info=self.factor_info,
            treatments=self.treatments,
        )

    def outcome(self, name: str = "count") -> np.ndarray:
        """The outcome per day: 'count', 'severity' or 'duration'; NaN where unobserved."""
        base = {"count": self.episodes, "severity": self.severity, "duration": self.duration_min}[
            name
        ]
        return np.where(self.observed, base, np.nan)


@dataclass(frozen=True)
class EpisodePoints:
    """Every episode in a range as parallel arrays (for time-of-day and face-map charts)."""

    diary_date: np.ndarray  # datetime64[D] (n,)
    local_hour: np.ndarray  # float (n,) hour of day in the local time it was logged, 0–24
    weekend: np.ndarray  # bool (n,) logged on a Saturday or Sunday (local time)
    severity: np.ndarray  # int (n,)
    duration_s: np.ndarray  # float (n,), NaN when not measured
    places: dict[tuple[str, str], int] = field(default_factory=dict)  # (side, region) -> count
    signs: dict[str, int] = field(default_factory=dict)  # warning sign -> count

    @property
    def n(self) -> int:
        return int(self.diary_date.shape[0])


def factor_info(data: DailyData, key: str) -> FactorInfo:
    """The factor's description from the data, else the catalog, else a plain number.

    One rule for the analysis and the charts alike.
    """
    if key in data.factor_info:
        return data.factor_info[key]
    from twitchlog.catalog import BUILTIN_BY_KEY

    d = BUILTIN_BY_KEY.get(key)
    if d is None:
        return FactorInfo(key, key, "number")
    return FactorInfo(
        d.key, d.label, d.kind, d.unit, d.category, d.high_below, d.high_from, d.slow, d.evening
    )
