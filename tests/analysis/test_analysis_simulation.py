"""The method on simulated diaries: false positives, interval coverage, power.

Seeds are fixed, so these cannot flake; the bounds still leave room for library
versions to move the numbers a little. Each null check is paired with the same check
on naive Spearman p-values, to prove the bound would catch a naive method.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest
from scipy.stats import false_discovery_control, spearmanr

from twitchlog.analysis.simulate import PlantedEffect, simulate_diary
from twitchlog.analysis.triggers import MIN_DAYS_COVERED, MIN_EPISODE_DAYS, analyze_triggers

NULL_FACTORS = ["caffeine_mg", "sleep_h", "stress", "screen_h", "b12", "alcohol_units"]
RUNS = 30
END = dt.date(2025, 12, 31)


@dataclass
class NullRates:
    tests: int
    p05: float  # within-month p < 0.05, per test
    naive_p05: float  # spearmanr's own p < 0.05 on the same pairs
    clear: float  # "clear link" at any lag, per null factor per diary
    naive_clear: float  # same verdict rule with naive p-values
    rho_cover: float  # rho_within CI covers 0
    ratio_cover: float  # approximate ratio CI covers 1


@cache
def null_rates(scenario: str) -> NullRates:
    p05 = naive05 = cover = rcover = tests = clear = naive_clear = 0
    for run in range(RUNS):
        data = simulate_diary(
            365, end=END, seed=10_000 + run, scenario=scenario, factors=NULL_FACTORS
        )
        rep = analyze_triggers(data)
        y = data.outcome()
        naive_p = []
        for f in rep.findings:
            x = data.factors[f.factor]
            xl = np.concatenate([np.full(f.lag_days, np.nan), x[: x.size - f.lag_days]])
            m = np.isfinite(xl) & np.isfinite(y)
            naive_p.append(spearmanr(xl[m], y[m]).pvalue)
            tests += 1
            p05 += f.p < 0.05
            naive05 += naive_p[-1] < 0.05
            cover += f.rho_within_ci[0] <= 0 <= f.rho_within_ci[1]
            rcover += f.ratio_ci[0] <= 1 <= f.ratio_ci[1]
        naive_q = false_discovery_control(naive_p)
        clear += any(f.verdict == "clear link" for f in rep.findings)
        naive_clear += any(
            q <= 0.10 and f.days_covered >= MIN_DAYS_COVERED and f.episode_days >= MIN_EPISODE_DAYS
            for f, q in zip(rep.findings, naive_q, strict=True)
        )
    return NullRates(
        tests,
        p05 / tests,
        naive05 / tests,
        clear / RUNS,
        naive_clear / RUNS,
        cover / tests,
        rcover / tests,
    )


SCENARIOS_FAST = ["persistent_drift", "weekday"]


@pytest.mark.parametrize("scenario", SCENARIOS_FAST)
def test_null_false_positive_rates(scenario):
    r = null_rates(scenario)
    print(f"\n{scenario}: {r}")
    assert r.tests == RUNS * 14
    assert r.p05 <= 0.085
    assert r.clear <= 0.10  # per diary (6 factors); the slow suite checks 200 diaries
    assert r.naive_p05 > 0.085  # the naive method would fail these bounds
    assert r.naive_clear > 0.10


@pytest.mark.parametrize("scenario", SCENARIOS_FAST)
def test_null_interval_coverage(scenario):
    r = null_rates(scenario)
    assert r.rho_cover >= 0.93
    # The shown ratio compares days within the same month and kind of day, so drift
    # and a weekday pattern no longer push it away from 1.
    assert r.ratio_cover >= 0.93


def test_planted_next_day_effect_is_found_at_the_right_lag():
    found = same_day = 0
    runs = 20
    for run in range(runs):
        data = simulate_diary(
            430,
            end=END,
            seed=20_000 + run,
            scenario="persistent_factors",
            factors=NULL_FACTORS,
            effects=[PlantedEffect("screen_h", 2.0, 1)],
        )
        rep = analyze_triggers(data)
        assert rep.observed_days >= 365
        f = next(f for f in rep.findings if f.factor == "screen_h" and f.lag_days == 1)
        f0 = next(f for f in rep.findings if f.factor == "screen_h" and f.lag_days == 0)
        found += f.verdict in ("possible link", "clear link")
        same_day += f0.verdict == "clear link"
    assert found / runs >= 0.80
    assert same_day / runs <= 0.10


def test_simulator_is_deterministic_and_fast():
    a = simulate_diary(365, end=END, seed=1, effects=[PlantedEffect("stress", 1.5, 2)])
    b = simulate_diary(365, end=END, seed=1, effects=[PlantedEffect("stress", 1.5, 2)])
    np.testing.assert_array_equal(a.episodes, b.episodes)
    np.testing.assert_array_equal(a.factors["stress"], b.factors["stress"])
    assert len(a.factors) == 16 and a.dates[-1] == np.datetime64(END)
    assert 0.80 < a.observed.mean() < 0.95
    assert not np.isfinite(a.factors["stress"][~a.observed]).any()  # never filled in
    t0 = time.perf_counter()
    simulate_diary(3650, seed=2)
    assert time.perf_counter() - t0 < 0.5


def test_simulated_persistence_matches_the_scenarios():
    """Lag-1 autocorrelation of the counts: mild ≈ 0.1, persistent ≈ 0.6 (ANALYSIS.md)."""
    for name, lo, hi in (("mild", 0.0, 0.25), ("persistent", 0.45, 0.75)):
        d = simulate_diary(5000, end=END, seed=3, scenario=name, missing=0.0, gap_days=0)
        e = d.episodes
        r1 = np.corrcoef(e[:-1], e[1:])[0, 1]
        assert lo < r1 < hi, (name, r1)
