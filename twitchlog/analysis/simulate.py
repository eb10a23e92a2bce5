"""A synthetic diary: the test bed for the method (and a demo diary later).

Persistent factors (AR(1) latent processes), a persistent flare state, over-dispersed
counts, missing days and a holiday gap, optionally a seasonal drift shared by factors
and twitching, a weekday pattern, check-ins that cluster on bad days, and a factor that
*follows* bad days (reverse direction) — the things that make naive statistics lie.
Effects are planted on a factor's *high* days (the same split the analysis reports), so
"a 1.5× effect" means what the person would read. Vectorised, deterministic per seed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from twitchlog.analysis.data import DailyData, FactorInfo, TreatmentInfo
from twitchlog.analysis.effects import choose_split


@dataclass(frozen=True)
class PlantedEffect:
    """Multiply the episode rate by `ratio` on days `lag` days after a high day of `factor`."""

    factor: str
    ratio: float
    lag: int = 0


@dataclass(frozen=True)
class PlantedReverse:
    """Twitching changes the factor instead: the day after a bad day (more episodes than
    the diary's median), `factor` is raised by `add` (e.g. +150 mg coffee). No effect of
    the factor on twitching at all."""

    factor: str
    add: float
    lag: int = 1


@dataclass(frozen=True)
class PlantedTreatment:
    """A treatment started on day `start_day`; rate × `ratio` from onset for `duration_days`."""

    name: str
    kind: str = "injection"
    start_day: int = 0
    ratio: float = 1.0
    onset_days: int = 4
    duration_days: int | None = 84


@dataclass(frozen=True)
class Scenario:
    """Persistence and drift. The lag-1 autocorrelations of the factor and the episode
    counts come out near the audit's (mild 0.2/0.1, persistent 0.6/0.6); see
    docs/statistics.md."""

    factor_ar: float
    flare_ar: float
    flare_sd: float
    drift: float = 0.0  # amplitude (latent sd units) of a shared yearly cycle
    weekday: float = 0.0  # Mon–Fri bump: latent sd units for WEEKDAY_FACTORS, half in log rate
    nb_shape: float = 0.0  # > 0: extra day-to-day gamma noise (negative binomial counts)
    checkin_bias: float = 0.0  # > 0: quiet days are skipped more often than bad ones


SCENARIOS: dict[str, Scenario] = {
    "mild": Scenario(0.2, 0.3, 0.5),
    "persistent": Scenario(0.6, 0.9, 0.8),
    "persistent_drift": Scenario(0.6, 0.9, 0.8, drift=0.8),
    "mild_drift": Scenario(0.2, 0.3, 0.5, drift=0.8),
    "weekday": Scenario(0.6, 0.9, 0.8, weekday=0.8),
    "persistent_factors": Scenario(0.6, 0.3, 0.5),
    "poisson": Scenario(0.6, 0.0, 0.0),
    "overdispersed": Scenario(0.6, 0.9, 0.8, nb_shape=1.0),
    "checkin_bias": Scenario(0.6, 0.9, 0.8, checkin_bias=0.6),
}
WEEKDAY_FACTORS = ("stress", "screen_h")
"""Factors raised on workdays in the weekday scenario (twitching is too, for another reason)."""

# How a standard-normal latent z becomes a plausible value: (centre, scale, floor, step).
_NUMBER_SHAPES: dict[str, tuple[float, float, float, float]] = {
    "caffeine_mg": (200.0, 110.0, 0.0, 5.0),
    "alcohol_units": (0.8, 1.5, 0.0, 1.0),  # ≥ 2 units on about one evening in three
    "sleep_h": (7.0, 1.0, 0.0, 0.25),
    "screen_h": (5.0, 2.0, 0.0, 0.5),
    "water_l": (2.0, 0.5, 0.2, 0.1),
    "warm_compress": (0.0, 10.0, 0.0, 1.0),
    "facial_exercises": (0.0, 10.0, 0.0, 1.0),
    "relaxation": (0.0, 10.0, 0.0, 1.0),
}
_SUPPLEMENTS: dict[str, float] = {"magnesium_mg": 250.0, "potassium_mg": 99.0}


def _ar1(rng: np.random.Generator, phi: float, shape: tuple[int, int]) -> np.ndarray:
    """Rows of stationary AR(1) with unit variance (burn-in discarded)."""
    from scipy.signal import lfilter

    burn = 60
    eps = rng.standard_normal((shape[0], shape[1] + burn))
    out: np.ndarray = lfilter([np.sqrt(1.0 - phi * phi)], [1.0, -phi], eps, axis=1)
    return out[:, burn:]


def _values(info: FactorInfo, z: np.ndarray) -> np.ndarray:
    if info.kind == "yesno":
        return (z > 0).astype(float)
    if info.kind == "scale":
        return np.clip(np.round(5.0 + 2.0 * z), 0.0, 10.0)
    if info.key in _SUPPLEMENTS:
        return np.where(z > 0, _SUPPLEMENTS[info.key], 0.0)
    centre, scale, floor, step = _NUMBER_SHAPES.get(info.key, (5.0, 2.0, 0.0, 0.5))
    v = np.maximum(floor, centre + scale * z)
    return np.round(v / step) * step


def builtin_infos(keys: Sequence[str] | None = None) -> dict[str, FactorInfo]:
    """FactorInfo for built-in factors (all 16 by default), in catalog order."""
    from twitchlog.catalog import BUILTIN_FACTORS

    out = {}
    for d in BUILTIN_FACTORS:
        if keys is None or d.key in keys:
            out[d.key] = FactorInfo(
                d.key,
                d.label,
                d.kind,
                d.unit,
                d.category,
                d.high_below,
                d.high_from,
                d.slow,
                d.evening,
            )
    return out


def simulate_diary(
    n_days: int = 365,
    *,
    end: dt.date | None = None,
    seed: int = 0,
    effects: Sequence[PlantedEffect] = (),
    treatments: Sequence[PlantedTreatment] = (),
    reverse: Sequence[PlantedReverse] = (),
    factors: Sequence[str] | dict[str, FactorInfo] | None = None,
    scenario: str | Scenario = "persistent",
    base_rate: float = 1.5,
    missing: float = 0.10,
    gap_days: int = 7,
    factor_missing: float = 0.03,
) -> DailyData:
    """A diary of `n_days` calendar days ending on `end` (default today).

    episodes ~ Poisson(base_rate · exp(Σ log(ratio)·high[t−lag] + flare_t + drift_t)),
    flare an AR(1) state (over-dispersion and persistence). `missing` of the days and
    one `gap_days` stretch have no check-in (their factors are unrecorded, never filled
    in); `factor_missing` of the remaining factor values are skipped at random.
    `factors` is a list of built-in keys or a {key: FactorInfo} map; all 16 by default.
    With `checkin_bias` b, a day is skipped with probability `missing`·(1 + b) when it
    had no more episodes than the median and `missing`·(1 − b) otherwise.
    """
    rng = np.random.default_rng(seed)
    sc = SCENARIOS[scenario] if isinstance(scenario, str) else scenario
    infos = factors if isinstance(factors, dict) else builtin_infos(factors)
    n = max(int(n_days), 0)
    end = end or dt.date.today()
    first = np.datetime64(end, "D") - np.timedelta64(max(n - 1, 0), "D")
    dates = first + np.arange(n).astype("timedelta64[D]")
    keys = list(infos)
    k = len(keys)
    season = np.sin(2 * np.pi * np.arange(n) / 365.25 + rng.uniform(0, 2 * np.pi))
    z = _ar1(rng, sc.factor_ar, (k, n)) if k else np.zeros((0, n))
    if sc.drift:
        sign = rng.choice([-1.0, 1.0], size=(k, 1))
        z = (z + sign * sc.drift * season) / np.sqrt(1.0 + sc.drift**2 / 2.0)
    workday = ((dates.astype(np.int64) + 3) % 7 < 5).astype(float)  # 1970-01-01 = Thursday
    if sc.weekday:
        for i, key in enumerate(keys):
            if key in WEEKDAY_FACTORS:
                z[i] += sc.weekday * (workday - 5.0 / 7.0)
    values = {key: _values(infos[key], z[i]) for i, key in enumerate(keys)}
    log_rate = np.log(base_rate) + sc.flare_sd * _ar1(rng, sc.flare_ar, (1, n))[0]
    log_rate += sc.drift * 0.5 * season + sc.weekday * 0.5 * (workday - 5.0 / 7.0)
    for eff in effects:
        v = values[eff.factor]
        split = choose_split(v, infos[eff.factor])
        high = split.high(v).astype(float) if split else np.zeros(n)
        shifted = np.zeros(n)
        if eff.lag >= 0:
            shifted[eff.lag :] = high[: n - eff.lag] if eff.lag < n else 0.0
        log_rate += np.log(eff.ratio) * shifted
    infos_out: list[TreatmentInfo] = []
    for tr in treatments:
        on = tr.start_day + tr.onset_days
        off = n if tr.duration_days is None else on + tr.duration_days
        log_rate[max(on, 0) : max(min(off, n), 0)] += np.log(tr.ratio)
        start = (dates[0] + np.timedelta64(tr.start_day, "D")).astype(dt.date) if n else end
        infos_out.append(TreatmentInfo(tr.name, tr.kind, start))
    rate = np.exp(log_rate)
    if sc.nb_shape > 0:
        rate = rate * rng.gamma(sc.nb_shape, 1.0 / sc.nb_shape, n)
    episodes = rng.poisson(rate).astype(float)
    bad = episodes > np.median(episodes) if n else np.zeros(0, bool)
    for rev in reverse:
        v = values[rev.factor].copy()
        v[rev.lag :] += rev.add * bad[: n - rev.lag]
        values[rev.factor] = v
    skip = np.full(n, missing)
    if sc.checkin_bias:
        skip = np.where(bad, missing * (1.0 - sc.checkin_bias), missing * (1.0 + sc.checkin_bias))
    observed = rng.random(n) >= skip
    if gap_days and n > 4 * gap_days:
        g0 = int(rng.integers(n // 4, 3 * n // 4))
        observed[g0 : g0 + gap_days] = False
        episodes[g0 : g0 + gap_days] = 0.0
    ep_int = episodes.astype(np.int64)
    severity = ep_int + rng.binomial(3 * ep_int, 0.3)
    duration = np.where(ep_int > 0, rng.gamma(np.maximum(ep_int, 1), 2.0), 0.0)
    out_factors = {}
    for key in keys:
        rec = observed & (rng.random(n) >= factor_missing)
        out_factors[key] = np.where(rec, values[key], np.nan)
    return DailyData(
        dates=dates,
        observed=observed,
        episodes=episodes,
        severity=severity.astype(float),
        duration_min=np.round(duration, 1),
        factors=out_factors,
        factor_info=dict(infos),
        treatments=tuple(infos_out),
    )
