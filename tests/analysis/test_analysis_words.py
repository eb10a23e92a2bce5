"""What a person reads: plain words, the reverse check, check-ins, how far a verdict is."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from twitchlog.analysis.data import FactorInfo
from twitchlog.analysis.sentences import ci_text, q_text
from twitchlog.analysis.simulate import PlantedEffect, PlantedReverse, simulate_diary
from twitchlog.analysis.triggers import analyze_triggers

END = dt.date(2025, 12, 31)
ALCOHOL = FactorInfo("alcohol", "Alcohol", "number", "drinks", high_from=2, evening=True)


def test_numbers_as_a_person_reads_them():
    assert q_text(0.004) == "q < 0.01"
    assert q_text(0.2345) == "q = 0.23"
    assert ci_text(1.23, 2.51) == "1.2–2.5"
    # An interval that excludes 1 must not be shown as if it reached 1.
    assert ci_text(0.31, 0.987) == "0.31–0.99"
    assert ci_text(1.02, 1.9) == "1.02–1.90"


def test_sentences_use_plain_words_and_no_codes():
    data = simulate_diary(365, end=END, seed=11, factors=["caffeine_mg", "b12", "sleep_h"])
    rep = analyze_triggers(data)
    text = " ".join(f.sentence for f in (*rep.findings, *rep.reverse_checks))
    assert "episodes a day" in text
    assert "on days you didn't" in text  # yes/no factors
    for code in ("lag ", "paired days", "q = 0.00", "median 0", "twitches a day"):
        assert code not in text, code
    assert not re.search(r"\(lag -?\d", text)


def test_reverse_direction_is_said_and_drops_the_verdict():
    """Bad days → 150 mg more coffee the next day, coffee does nothing."""
    said = links = 0
    for seed in range(4):
        data = simulate_diary(
            365,
            end=END,
            seed=600 + seed,
            factors=["caffeine_mg", "sleep_h", "stress"],
            reverse=[PlantedReverse("caffeine_mg", 150.0)],
        )
        rep = analyze_triggers(data)
        caffeine = [f for f in rep.findings if f.factor == "caffeine_mg"]
        assert all(f.verdict != "clear link" for f in caffeine)
        links += any(f.verdict == "possible link" for f in caffeine)
        said += any("You tend to have more caffeine after bad days" in f.sentence for f in caffeine)
        check = next(f for f in rep.reverse_checks if f.factor == "caffeine_mg")
        assert check.p < 0.05 and "more caffeine after bad days" in check.sentence
    assert said == 4 and links <= 1


def test_a_link_explained_by_the_reverse_direction_says_so(make_data):
    # Twitching alone drives the factor the next day, strongly; the same-day association
    # comes from persistence. The verdict must not be a link, and the words say why.
    rng = np.random.default_rng(5)
    n = 400
    flare = np.zeros(n)
    for i in range(1, n):
        flare[i] = 0.9 * flare[i - 1] + rng.normal(0, 0.5)
    ep = rng.poisson(2 * np.exp(flare)).astype(float)
    drinks = np.zeros(n)
    drinks[1:] = np.where(ep[:-1] > np.median(ep), 3.0, 0.0) + rng.integers(0, 2, n - 1)
    rep = analyze_triggers(make_data(ep, {"alcohol": drinks}, infos={"alcohol": ALCOHOL}))
    for f in rep.findings:
        assert f.verdict not in ("clear link", "possible link")
        if f.reverse_stronger:
            assert "that may explain the link" in f.sentence


def test_checkin_rate_and_bad_day_checkins():
    biased = analyze_triggers(
        simulate_diary(365, end=END, seed=3, scenario="checkin_bias", factors=["stress"])
    )
    assert biased.checkin_bias
    assert re.match(r"You checked in on \d+ of 365 days \(\d+%\)\.", biased.checkin_note)
    assert "check in more on bad days" in biased.checkin_note
    # Ordinary missed days and a week's holiday with nothing logged: no warning.
    plain = analyze_triggers(simulate_diary(365, end=END, seed=3, factors=["stress"]))
    assert not plain.checkin_bias and "bad days" not in plain.checkin_note


def test_a_ninety_day_diary_can_have_a_next_day_verdict(make_data):
    rng = np.random.default_rng(8)
    n = 90
    drinks = rng.integers(0, 4, n).astype(float)
    ep = rng.poisson(1.0, n).astype(float)
    ep[1:] += rng.poisson(3.0 * (drinks[:-1] >= 2))
    rep = analyze_triggers(make_data(ep, {"alcohol": drinks}, infos={"alcohol": ALCOHOL}))
    f = next(f for f in rep.findings if f.lag_days == 1)
    assert f.days_covered == 90
    assert f.verdict == "clear link", f.sentence


def test_more_days_in_words_when_a_count_would_be_unstable(make_data):
    rng = np.random.default_rng(9)
    n = 60
    drinks = np.zeros(n)
    drinks[[10, 40]] = 3.0  # only two "high" days so far
    rep = analyze_triggers(
        make_data(rng.poisson(2, n), {"alcohol": drinks}, infos={"alcohol": ALCOHOL})
    )
    f = next(f for f in rep.findings if f.lag_days == 0)
    assert f.verdict == "not enough data" and f.more_days is None
    assert "only 2 days with alcohol ≥ 2 drinks so far" in f.sentence


def test_power_note_gives_the_smallest_effect_this_diary_can_find():
    calm = analyze_triggers(simulate_diary(365, end=END, seed=4, scenario="poisson"))
    wild = analyze_triggers(simulate_diary(365, end=END, seed=4, scenario="overdispersed"))
    assert calm.detectable_ratio and wild.detectable_ratio
    assert wild.detectable_ratio > calm.detectable_ratio  # its own spread, not a table
    assert f"about {calm.detectable_ratio:.1f}× as many episodes" in calm.power_note


def test_a_planted_next_day_effect_is_a_next_day_sentence():
    data = simulate_diary(
        365,
        end=END,
        seed=5,
        scenario="persistent_factors",
        factors=["alcohol_units", "stress"],
        effects=[PlantedEffect("alcohol_units", 2.0, 1)],
    )
    f = next(f for f in analyze_triggers(data).findings if f.factor == "alcohol_units")
    assert (f.lag_days, f.verdict) == (1, "clear link")
    assert f.sentence.startswith("On days after an evening with alcohol ≥ 2 drinks")
    assert f.ratio_ci[0] > 1 and "unlikely to be chance" in f.sentence
