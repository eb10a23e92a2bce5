"""Simulated injection diaries (vectorised): the test bed for `analysis.cycles`.

Twitching ~ Poisson(base · flare · effect): a persistent AR(1) flare state (the
simulator's scenarios), 10% missing check-ins and one 7-day gap; the injection effect
multiplies the rate by `ratio` from day `onset` to day `full_until`, then climbs back
linearly to 1 by day `back_by` (the issue's cycle: ×0.4 from day 4 to 75, back by 90).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from twitchlog.analysis.simulate import SCENARIOS

FIRST = dt.date(2024, 1, 1)


def effect_profile(
    days_since: np.ndarray, ratio: float, onset: int = 4, full_until: int = 75, back_by: int = 90
) -> np.ndarray:
    d = np.asarray(days_since, float)
    ramp = ratio + (1 - ratio) * np.clip((d - full_until) / (back_by - full_until), 0, 1)
    return np.where(d < onset, 1.0, np.where(d < full_until, ratio, ramp))


def true_wear_off_week(full_until: int = 75, back_by: int = 90) -> int:
    """The week the rate is halfway back (the middle of the climb)."""
    return int((full_until + back_by) / 2) // 7


def simulate(
    runs: int,
    *,
    n_days: int = 450,
    starts: tuple[int, ...] = (90, 180, 270, 360),
    ratio: float = 0.4,
    scenario: str = "persistent",
    base_rate: float = 1.5,
    seed: int = 0,
) -> np.ndarray:
    """(runs, n_days) outcome arrays, NaN on days without a check-in."""
    from scipy.signal import lfilter

    rng = np.random.default_rng(seed)
    sc = SCENARIOS[scenario]
    burn = 60
    eps = rng.standard_normal((runs, n_days + burn))
    flare = lfilter([np.sqrt(1 - sc.flare_ar**2)], [1, -sc.flare_ar], eps, axis=1)[:, burn:]
    t = np.arange(n_days)
    mult = np.ones(n_days)
    for k, s in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else n_days
        seg = (t >= s) & (t < stop)
        mult[seg] = effect_profile(t[seg] - s, ratio)
    y = rng.poisson(base_rate * np.exp(sc.flare_sd * flare - sc.flare_sd**2 / 2) * mult)
    y = y.astype(float)
    y[rng.random((runs, n_days)) < 0.10] = np.nan
    g0 = rng.integers(n_days // 4, 3 * n_days // 4, size=runs)
    y[(t[None, :] >= g0[:, None]) & (t[None, :] < g0[:, None] + 7)] = np.nan
    return y


def injection_dates(starts: tuple[int, ...] = (90, 180, 270, 360)) -> list[dt.date]:
    return [FIRST + dt.timedelta(days=s) for s in starts]
