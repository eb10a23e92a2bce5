"""The high/low split and the headline effect, by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlog.analysis.data import FactorInfo
from twitchlog.analysis.effects import adjusted_effect, choose_split, group_effect
from twitchlog.analysis.sentences import split_words


def test_catalog_thresholds_and_yesno():
    caffeine = FactorInfo("caffeine_mg", "Caffeine", "number", "mg", high_from=300)
    sleep = FactorInfo("sleep_h", "Sleep", "number", "h", high_below=6)
    b12 = FactorInfo("b12", "Vitamin B12 taken", "yesno")
    s = choose_split(np.array([100.0, 300, 450]), caffeine)
    assert split_words(s, caffeine) == "≥ 300 mg"
    assert s.high(np.array([299.0, 300, 301, np.nan])).tolist() == [False, True, True, False]
    s = choose_split(np.array([5.0, 7]), sleep)
    assert split_words(s, sleep) == "< 6 h"
    assert s.high(np.array([5.75, 6.0])).tolist() == [True, False]
    s = choose_split(np.array([0.0, 1]), b12)
    assert split_words(s, b12) == "yes"
    assert s.high(np.array([0.0, 1.0])).tolist() == [False, True]


def test_median_split_with_zero_inflation():
    # Median 0 with 6 of 10 at zero: "≥ 0" would leave no low group, so "any at all".
    drinks = FactorInfo("drinks", "Drinks", "number", "drinks")
    v = np.array([0, 0, 0, 0, 0, 0, 1, 2, 2, 3], dtype=float)
    s = choose_split(v, drinks)
    assert split_words(s, drinks) == "any at all"
    assert int(s.high(v).sum()) == 4


def test_median_split_picks_the_balanced_side_of_ties():
    scale = FactorInfo("mood", "Mood", "scale", "0–10")
    v = np.array([2, 3, 5, 5, 5, 5, 5, 5, 7, 8], dtype=float)  # median 5, heavily tied
    s = choose_split(v, scale)
    # ≥ 5 → 8 vs 2; > 5 → 2 vs 8: equal, so "≥" is kept.
    assert split_words(s, scale) == "at or above your usual (5)"
    v = np.array([1, 2, 3, 5, 5, 5, 5, 6, 7, 8, 9], dtype=float)  # median 5
    s = choose_split(v, scale)
    assert (
        split_words(s, scale) == "above your usual (5)"
    )  # ≥ 5: 8 vs 3; > 5: 4 vs 7 — more balanced
    assert choose_split(np.array([np.nan, np.nan]), scale) is None


def test_group_effect_by_hand():
    y = np.array([2.0, 4.0, 1.0, 1.0, 2.0, 2.0])
    high = np.array([True, True, False, False, False, False])
    e = group_effect(y, high, deff=1.0)
    assert (e.high_mean, e.low_mean, e.high_days, e.low_days) == (3.0, 1.5, 2, 4)
    assert e.ratio == pytest.approx(2.0)
    assert e.difference == pytest.approx(1.5)
    # log-ratio delta method: var = s_h²/(n_h m_h²) + s_l²/(n_l m_l²), t on n − 2 df
    from scipy.stats import t

    se = np.sqrt(2.0 / (2 * 9.0) + (1.0 / 3.0) / (4 * 2.25))
    tq = t.ppf(0.975, 4)
    assert e.ratio_ci[0] == pytest.approx(2.0 * np.exp(-tq * se))
    assert e.ratio_ci[1] == pytest.approx(2.0 * np.exp(tq * se))
    wider = group_effect(y, high, deff=3.0)
    assert wider.ratio_ci[0] < e.ratio_ci[0] and wider.ratio_ci[1] > e.ratio_ci[1]


def test_group_effect_zero_groups():
    y = np.array([0.0, 0.0, 1.0, 2.0])
    e = group_effect(y, np.array([True, True, False, False]), 1.0)
    assert e.ratio == 0.0 and e.ratio_ci[0] == 0.0 and np.isfinite(e.ratio_ci[1])
    e = group_effect(y, np.array([False, False, True, True]), 1.0)
    assert np.isnan(e.ratio)  # nothing on "other" days: no ratio, the difference stands
    assert e.difference == pytest.approx(1.5)
    e = group_effect(np.zeros(4), np.array([True, False, True, False]), 1.0)
    assert np.isnan(e.ratio) and e.difference == 0.0


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from([0.0, 0.0, 0.0, 1.0, 2.0, 5.0, 5.0, 9.0, 1e12]), min_size=2, max_size=60
    )
)
def test_median_split_never_leaves_a_group_empty(values):
    v = np.array(values)
    s = choose_split(v, FactorInfo("x", "X", "number"))
    high = s.high(v)
    if np.ptp(v) > 0:
        assert 0 < high.sum() < v.size


def test_adjusted_effect_compares_within_blocks_by_hand():
    # Two 28-day calendar blocks, high days on weekdays only: block A has level 1 (high
    # days 2), block B level 10 (high days 20), and high days are rarer in B. The raw
    # ratio is confounded by the month; the Mantel–Haenszel ratio is 2.
    from twitchlog.analysis.stats import calendar_groups

    first = int(np.datetime64("2025-01-01").astype(np.int64))
    first += (-(first + 3)) % 28  # the first block start on or after 2025-01-01
    days = first + np.arange(56)
    weekday = ((days + 3) % 7) < 5
    block_b = np.arange(56) >= 28
    high = np.zeros(56, bool)
    high[np.flatnonzero(weekday & ~block_b)[:10]] = True
    high[np.flatnonzero(weekday & block_b)[:4]] = True
    level = np.where(block_b, 10.0, 1.0)
    y = level * np.where(high, 2.0, 1.0)
    e = adjusted_effect(y, high, calendar_groups(days)[1], days)
    assert e.ratio == pytest.approx(2.0)
    assert e.high_mean == pytest.approx(y[high].mean())  # what was logged
    assert e.high_mean / e.low_mean != pytest.approx(2.0)
    assert e.ratio_ci[0] <= 2.0 <= e.ratio_ci[1]
    assert e.difference == pytest.approx(e.low_mean)  # low mean × (2 − 1)
