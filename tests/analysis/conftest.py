"""Shared builders for the analysis tests: small hand-made diaries."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from twitchlog.analysis.data import DailyData, FactorInfo, TreatmentInfo

START = dt.date(2025, 1, 1)


def build_data(
    episodes,
    factors: dict[str, object] | None = None,
    observed=None,
    infos: dict[str, FactorInfo] | None = None,
    treatments: tuple[TreatmentInfo, ...] = (),
    start: dt.date = START,
) -> DailyData:
    """A DailyData from plain lists; observed defaults to every day."""
    ep = np.asarray(episodes, dtype=float)
    n = ep.size
    obs = np.ones(n, bool) if observed is None else np.asarray(observed, dtype=bool)
    dates = np.datetime64(start, "D") + np.arange(n).astype("timedelta64[D]")
    fac = {k: np.asarray(v, dtype=float) for k, v in (factors or {}).items()}
    return DailyData(
        dates=dates,
        observed=obs,
        episodes=ep,
        severity=ep * 2,
        duration_min=ep * 3,
        factors=fac,
        factor_info=dict(infos or {}),
        treatments=treatments,
    )


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


@pytest.fixture(scope="session")
def make_data():
    """The `build_data` builder, as a fixture so test modules need no imports from here."""
    return build_data
