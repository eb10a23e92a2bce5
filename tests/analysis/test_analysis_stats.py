"""The statistics against scipy and against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import false_discovery_control, spearmanr
from scipy.stats import t as t_dist

from twitchlog.analysis import stats

# Day 25 after 1970-01-01 is a Monday that starts a 28-day block (blocks are anchored on
# the calendar); START + 28 * k starts a block too.
START = 25 + 28 * 700


def test_partial_within_plain_rho_is_scipy_spearman_with_ties(rng):
    days = START + np.sort(rng.choice(400, 250, replace=False))
    x = rng.integers(0, 5, 250).astype(float)  # heavy ties
    y = rng.poisson(1.5, 250).astype(float) + (x > 2)
    got = stats.partial_within(x, y, days)
    assert got.n == 250
    assert got.rho == pytest.approx(spearmanr(x, y).statistic, abs=1e-12)
    shown = stats.partial_within(x, y, days, rho_x=(x > 2).astype(float))
    assert shown.rho == pytest.approx(spearmanr(x > 2, y).statistic, abs=1e-12)
    assert shown.rho_within == pytest.approx(got.rho_within)  # only the shown rho changes


def test_bh_q_equals_scipy_and_keeps_nan(rng):
    p = rng.uniform(size=30) ** 3
    np.testing.assert_allclose(stats.bh_q(p), false_discovery_control(p), atol=1e-15)
    q = stats.bh_q(np.array([0.01, np.nan, 0.04, 0.5]))
    assert np.isnan(q[1])
    np.testing.assert_allclose(q[[0, 2, 3]], false_discovery_control([0.01, 0.04, 0.5]))


def _within_by_hand(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """Ranks minus their group's mean rank, then Pearson: the definition, spelled out."""
    rx, ry = stats.average_ranks(x), stats.average_ranks(y)
    ex, ey = rx.copy(), ry.copy()
    for g in np.unique(groups):
        ex[groups == g] -= rx[groups == g].mean()
        ey[groups == g] -= ry[groups == g].mean()
    return float(np.dot(ex, ey) / np.sqrt(np.dot(ex, ex) * np.dot(ey, ey)))


def test_partial_within_removes_a_level_shift_between_months():
    # Two calendar blocks: both series jump between months, but within each month (and
    # within its weekdays and weekends) they are unrelated.
    perm = np.array([(7 * i) % 28 for i in range(28)])
    x = np.concatenate([np.arange(28.0), np.arange(28.0) + 100])
    y = np.concatenate([perm.astype(float), perm + 50.0])
    days = START + np.arange(56)
    got = stats.partial_within(x, y, days)
    assert got.rho > 0.7  # the level shift drives the plain correlation
    groups = stats.calendar_groups(days)[1]
    assert got.rho_within == pytest.approx(_within_by_hand(x, y, groups), abs=1e-12)
    assert abs(got.rho_within) < 0.3


def test_partial_within_blocks_follow_the_calendar_not_the_pairs():
    # Pairs only on days 20..35 of a block straddle its end: two blocks, not one.
    days = START + np.arange(20, 36)
    x = np.arange(16.0)
    y = np.array([0, 1, 0, 2, 1, 0, 1, 2, 5, 6, 5, 7, 6, 5, 6, 7], dtype=float)
    got = stats.partial_within(x, y, days)
    groups = stats.calendar_groups(days)[1]
    assert len(np.unique(stats.calendar_groups(days)[0])) == 2
    assert got.rho_within == pytest.approx(_within_by_hand(x, y, groups))
    assert got.rho_within < got.rho
    # The same pairs a week later fall into other groups: a different answer.
    later = stats.partial_within(x, y, days + 7)
    assert later.rho == got.rho and later.rho_within != pytest.approx(got.rho_within)


def test_partial_within_takes_out_a_covariate_that_drives_both(rng):
    days = START + np.arange(300)
    z = rng.normal(size=300)  # say, sleep: it moves both caffeine and twitching
    x = z + 0.3 * rng.normal(size=300)
    y = z + 0.3 * rng.normal(size=300)
    alone = stats.partial_within(x, y, days)
    adjusted = stats.partial_within(x, y, days, covariates=(z,))
    assert alone.rho_within > 0.7
    assert abs(adjusted.rho_within) < 0.2


def test_partial_within_needs_three_pairs():
    got = stats.partial_within(np.array([1.0, 2.0]), np.array([2.0, 1.0]), START + np.arange(2))
    assert got.n == 2 and np.isnan(got.rho) and np.isnan(got.rho_within)


def test_calendar_autocorr_recovers_ar1_and_keeps_gaps(rng):
    from scipy.signal import lfilter

    phi = 0.7
    z = lfilter([1.0], [1.0, -phi], rng.normal(size=6000))
    keep = rng.uniform(size=6000) > 0.3
    pos = np.flatnonzero(keep)
    e = z[keep] - z[keep].mean()
    r = stats.calendar_autocorr(e, pos, 3)
    np.testing.assert_allclose(r, [phi, phi**2, phi**3], atol=0.05)
    # Closing the gaps up would mix lags 1 and 2+: clearly lower r(1).
    closed = stats.calendar_autocorr(e, np.arange(e.size), 1)
    assert closed[0] < phi - 0.05


def test_bartlett_n_eff_by_hand_and_clipped():
    r = np.array([0.5, 0.25])
    # 1/n_eff = 1/100 + 2/100 * (0.25 + 0.0625) -> n_eff = 100 / 1.625
    assert stats.bartlett_n_eff(r, r, 100) == pytest.approx(100 / 1.625)
    assert stats.bartlett_n_eff(np.zeros(5), np.zeros(5), 50) == 50
    assert stats.bartlett_n_eff(-np.ones(20), np.ones(20), 100) == 100  # negative sum
    assert stats.bartlett_n_eff(np.ones(20), np.ones(20), 100) == 4  # floor


def test_correlation_test_by_hand():
    rho, ne = 0.3, 50.0
    tval = rho * np.sqrt((ne - 2) / (1 - rho**2))
    p, lo, hi = stats.correlation_test(np.array([rho]), np.array([ne]))
    assert p[0] == pytest.approx(2 * t_dist.sf(tval, ne - 2))
    half = 1.959963984540054 / np.sqrt(ne - 3)
    assert lo[0] == pytest.approx(np.tanh(np.arctanh(rho) - half))
    assert hi[0] == pytest.approx(np.tanh(np.arctanh(rho) + half))
    p, lo, hi = stats.correlation_test(np.array([np.nan, 0.0]), np.array([30.0, 30.0]))
    assert np.isnan(p[0]) and p[1] == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    rho=st.floats(-1.0, 1.0, allow_nan=False),
    n_eff=st.floats(4.0, 5000.0, allow_nan=False),
)
def test_correlation_test_is_well_formed(rho, n_eff):
    p, lo, hi = stats.correlation_test(np.array([rho]), np.array([n_eff]))
    assert 0.0 <= p[0] <= 1.0
    r = float(np.clip(rho, -0.999999, 0.999999))  # as correlation_test clips it
    assert -1.0 <= lo[0] <= r + 1e-12
    assert r - 1e-12 <= hi[0] <= 1.0


def test_design_effect_is_one_for_independent_days(rng):
    a = (rng.uniform(size=500) > 0.5).astype(float)
    b = rng.poisson(2, 500).astype(float)
    assert stats.design_effect(a, b, np.arange(500)) < 1.3
    slow = np.repeat(rng.normal(size=10), 50)
    assert stats.design_effect(slow, slow + 0.1 * b, np.arange(500)) > 5
