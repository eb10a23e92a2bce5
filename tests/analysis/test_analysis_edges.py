"""Awkward diaries: nothing raises, and the verdict is "not enough data" where it should be."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchlog.analysis.data import DailyData, FactorInfo, TreatmentInfo
from twitchlog.analysis.output import format_table, to_json_dict
from twitchlog.analysis.treatments import injection_cycles
from twitchlog.analysis.triggers import VERDICTS, analyze_triggers

NUM = FactorInfo("x", "Thing", "number", "u")


def _check(data: DailyData):
    for outcome in ("count", "severity", "duration"):
        rep = analyze_triggers(data, outcome=outcome)
        json.dumps(to_json_dict(rep), allow_nan=False)
        format_table(rep)
        for f in rep.findings:
            assert f.verdict in VERDICTS
    return rep


def test_empty_diary(make_data):
    rep = _check(make_data([], {"x": []}, infos={"x": NUM}))
    assert rep.observed_days == 0 and rep.comparisons == 0
    assert all(f.verdict == "not enough data" for f in rep.findings)
    empty = make_data([], {})
    assert _check(empty).findings == ()
    assert injection_cycles(empty) is None


def test_one_observed_day(make_data):
    obs = np.zeros(60, bool)
    obs[10] = True
    rep = _check(make_data(np.ones(60), {"x": np.arange(60.0)}, observed=obs, infos={"x": NUM}))
    assert rep.observed_days == 1
    assert {f.verdict for f in rep.findings} == {"not enough data"}


def test_constant_factor(make_data, rng):
    rep = _check(make_data(rng.poisson(2, 200), {"x": np.full(200, 3.0)}, infos={"x": NUM}))
    assert {f.verdict for f in rep.findings} == {"not enough data"}
    assert "same on every check-in day" in rep.findings[0].sentence


def test_all_zero_outcomes(make_data, rng):
    rep = _check(make_data(np.zeros(200), {"x": rng.normal(size=200)}, infos={"x": NUM}))
    assert {f.verdict for f in rep.findings} == {"not enough data"}
    assert "nothing to compare" in rep.findings[0].sentence


def test_factor_never_recorded(make_data, rng):
    rep = _check(make_data(rng.poisson(2, 200), {"x": np.full(200, np.nan)}, infos={"x": NUM}))
    assert {f.verdict for f in rep.findings} == {"not enough data"}
    assert "hasn't been recorded" in rep.findings[0].sentence


def test_ties_everywhere(make_data, rng):
    x = rng.integers(0, 2, 200).astype(float)
    y = rng.integers(0, 2, 200).astype(float)
    rep = _check(make_data(y, {"x": x}, infos={"x": NUM}))
    assert all(np.isfinite(f.rho_within) and np.isfinite(f.p) for f in rep.findings)


def test_huge_values(make_data, rng):
    x = rng.uniform(0, 1e12, 200)
    y = np.floor(rng.uniform(0, 1e12, 200))
    rep = _check(make_data(y, {"x": x}, infos={"x": NUM}))
    for f in rep.findings:
        assert np.isfinite(f.ratio) and np.isfinite(f.high_mean) and np.isfinite(f.p)


def test_unknown_factor_without_info_and_custom_treatment_dates(make_data, rng):
    tr = (
        TreatmentInfo("Pill", "medication", dt.date(2024, 1, 1)),
        TreatmentInfo("Botox", "injection", dt.date(2030, 1, 1)),
    )
    rep = _check(make_data(rng.poisson(2, 100), {"mystery": rng.normal(size=100)}, treatments=tr))
    assert rep.findings[0].label == "mystery"
    assert all(t.verdict == "not enough data" for t in rep.treatments)


@st.composite
def diaries(draw):
    n = draw(st.integers(0, 90))
    ep = draw(st.lists(st.sampled_from([0.0, 1.0, 2.0, 50.0, 1e12]), min_size=n, max_size=n))
    obs = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    vals = draw(
        st.lists(st.sampled_from([np.nan, 0.0, 1.0, 5.0, -3.0, 1e12]), min_size=n, max_size=n)
    )
    kind = draw(st.sampled_from(["number", "scale", "yesno"]))
    info = FactorInfo("x", "Thing", kind, high_from=draw(st.sampled_from([None, 1.0])))
    return n, ep, obs, vals, info


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diaries())
def test_random_small_diaries_never_raise(make_data, d):
    _n, ep, obs, vals, info = d
    data = make_data(
        ep,
        {"x": vals},
        observed=obs,
        infos={"x": info},
        treatments=(TreatmentInfo("B", "injection", dt.date(2025, 1, 20)),),
    )
    _check(data)
    injection_cycles(data)


def test_factor_that_never_crosses_its_threshold(make_data, rng):
    caffeine = FactorInfo("caffeine_mg", "Caffeine", "number", "mg", high_from=300)
    x = rng.uniform(0, 250, 200)
    rep = _check(
        make_data(rng.poisson(2, 200), {"caffeine_mg": x}, infos={"caffeine_mg": caffeine})
    )
    assert {f.verdict for f in rep.findings} == {"not enough data"}
    assert "no check-in day so far had caffeine ≥ 300 mg" in rep.findings[0].sentence


def test_factor_that_only_moves_between_months(make_data, rng):
    # Constant within every 28-day calendar block: nothing to compare within months.
    from twitchlog.analysis.stats import calendar_groups

    y = rng.poisson(2, 224).astype(float)
    days = make_data(y).epoch_days()
    block = calendar_groups(days)[0]
    x = (rng.integers(0, 2, block.max() + 1)[block]).astype(float)
    x[block == block.min()] = 0.0
    x[block == block.max()] = 1.0
    rep = _check(make_data(y, {"x": x}, infos={"x": FactorInfo("x", "X", "yesno")}))
    f = next(f for f in rep.findings if f.lag_days == 0)
    assert f.verdict == "too early to tell" and np.isnan(f.q)
    assert "no day-to-day variation within months" in f.sentence
