"""analyze_triggers end to end: hand-made diaries, q-values, verdicts, JSON and table."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from scipy.stats import false_discovery_control, spearmanr

from twitchlog.analysis.data import FactorInfo
from twitchlog.analysis.output import format_table, to_json_dict
from twitchlog.analysis.sentences import days_words
from twitchlog.analysis.simulate import PlantedEffect, simulate_diary
from twitchlog.analysis.triggers import VERDICT_RANK, analyze_triggers

COFFEE = FactorInfo("coffee", "Coffee", "yesno")


def _periodic(make_data, n=112):
    coffee = (np.arange(n) % 3 == 0).astype(float)
    episodes = np.ones(n)
    episodes[1:][coffee[:-1] == 1] = 3.0  # 3 twitches the day after coffee, else 1
    return make_data(episodes, {"coffee": coffee}, infos={"coffee": COFFEE})


def _get(report, factor, lag):
    return next(f for f in report.findings if f.factor == factor and f.lag_days == lag)


def test_means_ratio_and_days_by_hand(make_data):
    rep = analyze_triggers(_periodic(make_data))
    f1 = _get(rep, "coffee", 1)
    assert (f1.n, f1.high_days, f1.low_days) == (111, 37, 74)
    assert (f1.high_mean, f1.low_mean, f1.ratio) == (3.0, 1.0, 3.0)
    assert f1.difference == pytest.approx(2.0)
    assert f1.split == "yes"
    f0 = _get(rep, "coffee", 0)
    # same-day: coffee days (i % 3 == 0) have 1; other days alternate 3 and 1.
    assert (f0.high_mean, f0.low_mean) == (1.0, 2.0)
    assert f0.ratio == pytest.approx(0.5, abs=0.01)  # within calendar blocks, nearly raw
    assert f1.rho > 0.9 and f0.rho < 0


def test_rho_is_spearman_on_the_same_pairs():
    data = simulate_diary(200, end=dt.date(2025, 6, 30), seed=3, factors=["stress"])
    rep = analyze_triggers(data)
    y = data.outcome("count")
    x = data.factors["stress"]
    for lag in (0, 1, 2):
        f = _get(rep, "stress", lag)
        xl = np.concatenate([np.full(lag, np.nan), x[: x.size - lag]])
        m = np.isfinite(xl) & np.isfinite(y)
        assert f.n == int(m.sum())
        assert f.rho == pytest.approx(spearmanr(xl[m], y[m]).statistic, abs=1e-12)


def test_q_is_simes_within_factor_then_bh_across_factors():
    data = simulate_diary(300, end=dt.date(2025, 6, 30), seed=4)
    rep = analyze_triggers(data)
    fam = [f for f in rep.findings if np.isfinite(f.q)]
    assert rep.comparisons == len(fam) == 37  # 16 factors × lags 0, 1 + 5 slow ones at lag 2
    keys = sorted({f.factor for f in fam})
    simes = {}
    for k in keys:
        p = np.sort([f.p for f in fam if f.factor == k])
        simes[k] = min(1.0, float(np.min(p * p.size / np.arange(1, p.size + 1))))
    q_factor = dict(zip(keys, false_discovery_control([simes[k] for k in keys]), strict=True))
    for f in fam:
        m = sum(g.factor == f.factor for g in fam)
        assert f.family_p == pytest.approx(simes[f.factor], abs=1e-12)
        assert f.q == pytest.approx(max(q_factor[f.factor], min(1.0, m * f.p)), abs=1e-12)
    assert rep.reverse_checks and all(f.lag_days == -1 for f in rep.reverse_checks)
    assert all(np.isnan(f.q) for f in rep.reverse_checks)
    assert {f.factor for f in rep.reverse_checks} == set(data.factors)


def test_findings_sorted_by_strength():
    data = simulate_diary(
        400, end=dt.date(2025, 6, 30), seed=5, effects=[PlantedEffect("b12", 2.5, 1)]
    )
    rep = analyze_triggers(data)
    keys = [(VERDICT_RANK[f.verdict], f.q) for f in rep.findings]
    assert keys == sorted(keys)
    top = rep.findings[0]
    assert (top.factor, top.lag_days, top.verdict) == ("b12", 1, "clear link")
    assert "unlikely to be chance" in top.sentence and "37 comparisons" in top.sentence
    assert rep.experiment_hint and "four" in rep.experiment_hint
    assert "not proof of cause" in rep.caveat


def test_no_clear_link_says_what_cannot_be_ruled_out():
    rep = analyze_triggers(
        simulate_diary(400, end=dt.date(2025, 6, 30), seed=6, factors=["screen_h"])
    )
    f = next(f for f in rep.findings if f.verdict == "no clear link")
    assert f"can't rule out up to {f.ratio_ci[1]:.1f}×" in f.sentence


def test_not_enough_data_says_how_many_more_days(make_data, rng):
    n = 30
    data = make_data(rng.poisson(2, n), {"coffee": rng.integers(0, 2, n)}, infos={"coffee": COFFEE})
    rep = analyze_triggers(data)
    f = _get(rep, "coffee", 0)
    assert f.verdict == "not enough data"
    assert f.more_days is not None and f.more_days >= 12  # ≥ 42 − 30 paired days
    assert f"about {days_words(f.more_days)} more" in f.sentence
    assert rep.comparisons == 0


def test_too_early_to_tell_before_the_data_minimums(make_data, rng):
    n = 70  # passes the collecting gate, but under 90 days covered
    coffee = rng.integers(0, 2, n).astype(float)
    ep = rng.poisson(1 + 2 * coffee).astype(float)
    rep = analyze_triggers(make_data(ep, {"coffee": coffee}, infos={"coffee": COFFEE}))
    f = _get(rep, "coffee", 0)
    assert f.verdict == "too early to tell"
    assert np.isfinite(f.rho_within) and np.isfinite(f.p)
    assert "Too early to tell" in f.sentence and "90 days" in f.sentence


def test_outcome_words_and_window(make_data):
    data = _periodic(make_data, 200)
    for outcome, words in (
        ("count", "episodes a day"),
        ("severity", "severity points a day"),
        ("duration", "minutes of twitching a day"),
    ):
        rep = analyze_triggers(data, outcome=outcome)
        assert words in _get(rep, "coffee", 1).sentence
    assert _get(analyze_triggers(data, outcome="severity"), "coffee", 1).high_mean == 6.0
    rep = analyze_triggers(data, start=dt.date(2025, 2, 1), end=dt.date(2025, 5, 31))
    assert rep.observed_days == 120
    # Only days in the range count, also for lags: the same answer whether the whole
    # diary or just the range was loaded.
    assert _get(rep, "coffee", 1).n == 119
    part = data.between(dt.date(2025, 2, 1), dt.date(2025, 5, 31))
    assert part.n_days == 120
    same = analyze_triggers(part, start=dt.date(2025, 2, 1), end=dt.date(2025, 5, 31))
    assert to_json_dict(rep) == to_json_dict(same)
    with pytest.raises(ValueError):
        analyze_triggers(data, outcome="mood")


def test_json_is_valid_and_has_the_contract_keys():
    data = simulate_diary(250, end=dt.date(2025, 6, 30), seed=7, factors=["caffeine_mg", "sleep_h"])
    rep = analyze_triggers(data)
    d = to_json_dict(rep)
    text = json.dumps(d, allow_nan=False)
    assert json.loads(text)["observed_days"] == rep.observed_days
    assert set(d) >= {"observed_days", "findings", "treatments"}
    need = {
        "factor",
        "lag_days",
        "n",
        "rho",
        "rho_within",
        "rho_within_ci",
        "n_eff",
        "ratio",
        "ratio_ci",
        "high_mean",
        "low_mean",
        "p",
        "q",
        "verdict",
        "sentence",
    }
    for f in d["findings"]:
        assert need <= set(f)
        assert isinstance(f["rho_within_ci"], list) and len(f["ratio_ci"]) == 2
    table = format_table(rep)
    assert "Caffeine" in table and "Sleep" in table and rep.caveat in table
    assert table.count("\n- ") >= len(rep.findings)


def test_raw_difference_without_a_within_month_link_is_explained():
    """A raw high/low ratio outside the month-adjusted interval, next to "no clear link",
    gets the drift note (as a possibility)."""
    seen = 0
    for seed in range(12):
        data = simulate_diary(
            365,
            end=dt.date(2025, 12, 31),
            seed=300 + seed,
            scenario="mild_drift",
            factors=["screen_h", "stress", "b12"],
        )
        for f in analyze_triggers(data).findings:
            lo, hi = f.ratio_ci
            raw = f.high_mean / f.low_mean
            outside = not lo * (1 - 1e-9) <= raw <= hi * (1 + 1e-9)
            has_note = "month to month" in f.sentence
            assert has_note == (f.verdict in ("no clear link", "too early to tell") and outside)
            assert "may come from" in f.sentence or not has_note
            seen += has_note
    assert seen > 0
