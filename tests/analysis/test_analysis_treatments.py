"""Before/after windows and injection-cycle weekly bins, by hand and by simulation."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from twitchlog.analysis.data import TreatmentInfo
from twitchlog.analysis.simulate import PlantedTreatment, simulate_diary
from twitchlog.analysis.treatments import analyze_treatments, before_after, injection_cycles

D0 = dt.date(2025, 1, 1)


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def test_injection_before_after_by_hand(make_data, rng):
    n = 200
    ep = np.full(n, 4.0)
    ep[100:] = 1.0  # day 100 = injection; effect already there, but days 100–103 are skipped
    ep[100:104] = 50.0  # onset gap: must not count
    ep[60:100] = rng.choice([3.0, 5.0], 40)
    tr = TreatmentInfo("Botox", "injection", _day(100))
    r = before_after(make_data(ep, treatments=(tr,)), tr)
    assert (r.gap_days, r.window_days, r.before_days, r.after_days) == (4, 84, 28, 84)
    assert r.before_rate == pytest.approx(ep[72:100].mean())
    assert r.after_rate == 1.0
    assert r.ratio == pytest.approx(1.0 / ep[72:100].mean())
    assert r.verdict == "lower after"
    assert r.ratio_ci[0] < r.ratio < r.ratio_ci[1] < 1
    assert "likely too narrow" in r.note
    assert "day 4 to day 88" in r.sentence


def test_medication_window_stops_at_end_date_and_unobserved_days(make_data):
    n = 150
    obs = np.ones(n, bool)
    obs[30:40] = False
    tr = TreatmentInfo("Pill", "medication", _day(40), end=_day(90))
    r = before_after(make_data(np.ones(n) * 2, observed=obs, treatments=(tr,)), tr)
    assert r.gap_days == 7
    assert r.before_days == 18  # days 12..39 minus 10 unobserved
    assert r.window_days == 91 - 47  # days 47..90 inclusive
    assert r.verdict == "no clear change" and r.ratio == 1.0


def test_not_enough_data_around_a_late_start(make_data):
    tr = TreatmentInfo("Pill", "medication", _day(95))
    r = before_after(make_data(np.ones(100), treatments=(tr,)), tr)
    assert r.verdict == "not enough data" and "Not enough data" in r.sentence


def test_injection_cycles_weekly_bins_by_hand(make_data):
    n = 300
    ep = np.arange(n, dtype=float) % 7  # every calendar week holds 0..6 in some order
    obs = np.ones(n, bool)
    obs[50:57] = False  # no observed day in week 0 of cycle 1 (day 50)
    trs = (TreatmentInfo("B", "injection", _day(50)), TreatmentInfo("B", "injection", _day(140)))
    cyc = injection_cycles(make_data(ep, observed=obs, treatments=trs))
    assert cyc.weeks.tolist() == list(range(-4, 18))
    assert cyc.rates.shape == (2, 22)
    assert np.isnan(cyc.rates[0, 4])  # week 0 of cycle 1: unobserved
    assert cyc.rates[0, 5] == pytest.approx(3.0)  # any full week averages 0..6 → 3
    assert np.isnan(cyc.rates[0, 4 + 13])  # week 13 of cycle 1 is after the next injection
    assert cyc.rates[1, 0] == pytest.approx(3.0)
    assert cyc.median[5] == pytest.approx(3.0)
    # weeks 2–10 of both cycles: 63 days each; the untreated baseline: the 50 days
    # before the first injection, for both (not the previous cycle's wear-off)
    assert (cyc.before_days, cyc.after_days) == (50, 126)
    assert cyc.starts == (_day(50), _day(140))


def test_simulated_injection_effect_is_seen():
    trs = [PlantedTreatment("Botox", "injection", s, ratio=0.4) for s in (150, 260)]
    data = simulate_diary(
        400, end=dt.date(2025, 12, 31), seed=8, treatments=trs, scenario="mild", factors=["stress"]
    )
    res = analyze_treatments(data)
    assert [r.verdict for r in res] == ["lower after", "lower after"]
    assert res[0].window_days == 56  # weeks 1–8 of the cycle
    assert "before the first injection" in res[1].before_words
    cyc = injection_cycles(data)
    assert cyc.ratio < 0.7 and cyc.ratio_ci[1] < 1
    assert np.nanmedian(cyc.median[6:14]) < np.nanmedian(cyc.median[:4])
