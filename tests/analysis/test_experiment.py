"""The experiment's result from hand-made diaries: pair differences, interval, exact p."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from tests.analysis.conftest import START, build_data
from twitchlog.analysis.experiment import (
    CLEAR,
    IN_PROGRESS,
    INCONCLUSIVE,
    NOT_ENOUGH,
    analyse_experiment,
    randomisation_p,
)
from twitchlog.analysis.experiment_plan import Plan, draw_orders

PLAN = Plan("caffeine_mg", "Caffeine", "at most 1 cup", "as usual", START, 7, 4, 2, 1,
            ("AB", "BA", "BA", "AB"))  # fmt: skip
AFTER = START + dt.timedelta(days=60)


def _series(changed: float, usual: float, plan: Plan = PLAN, washout: float = 99.0) -> list[float]:
    out = []
    for k in range(plan.total_days):
        cond = plan.conditions()[k // plan.block_days]
        value = changed if cond == "A" else usual
        out.append(washout if not plan.analysed(k) else value)
    return out


def test_a_consistent_difference_is_clear_and_washout_days_are_left_out() -> None:
    eps = np.array(_series(2.0, 5.0))
    eps[np.arange(eps.size) % 7 == 2] += 1.0  # a little day-to-day noise
    eps[14 + 3] += 2.0
    r = analyse_experiment(PLAN, build_data(eps), {}, AFTER)
    assert r.verdict == CLEAR and r.complete_pairs == 4
    assert r.mean_difference == pytest.approx(-3.0, abs=0.15)  # the 99s never counted
    assert r.ci is not None and r.ci[1] < 0
    assert r.p_value == pytest.approx(2 / 16)  # all pairs agree: the smallest the design allows
    assert r.sentences[0].startswith("In 4 pairs of weeks, with at most 1 cup you logged 3.1 fewer")
    assert "cannot go below 0.125" in r.sentences[2]


def test_no_difference_is_inconclusive_and_asks_for_one_more_pair() -> None:
    rng = np.random.default_rng(3)
    eps = rng.poisson(4.0, PLAN.total_days)
    r = analyse_experiment(PLAN, build_data(eps), {}, AFTER)
    assert r.verdict == INCONCLUSIVE
    assert "Inconclusive: this could be chance; a fifth pair would help." in r.sentences


def test_missing_check_ins_and_a_plan_still_running() -> None:
    observed = np.ones(PLAN.total_days, bool)
    observed[2:7] = False  # the whole analysed part of block 1
    data = build_data(_series(1.0, 3.0), observed=observed)
    r = analyse_experiment(PLAN, data, {}, AFTER)
    assert r.complete_pairs == 3 and r.pairs[0].difference is None
    early = analyse_experiment(PLAN, data, {}, START + dt.timedelta(days=20))
    assert early.verdict == IN_PROGRESS and early.elapsed_days == 20
    empty = analyse_experiment(PLAN, build_data([]), {}, AFTER)
    assert empty.verdict == NOT_ENOUGH and empty.mean_difference is None
    assert empty.sentences[0].startswith("Not enough data")


def test_adherence_below_70_percent_is_flagged() -> None:
    kept = {START + dt.timedelta(days=i): ("yes" if i % 2 else "no") for i in range(20)}
    r = analyse_experiment(PLAN, build_data(_series(2.0, 2.0)), kept, AFTER)
    assert r.adherence == 0.5 and r.low_adherence
    assert any(s.startswith("Low adherence: you kept to the plan on 50%") for s in r.sentences)
    good = analyse_experiment(
        PLAN, build_data(_series(2.0, 2.0)), dict.fromkeys(kept, "yes"), AFTER
    )
    assert not good.low_adherence and good.adherence == 1.0


def test_stopped_early_counts_only_days_before_the_stop() -> None:
    plan = replace(PLAN, stopped=START + dt.timedelta(days=28), stop_reason="flu")
    r = analyse_experiment(plan, build_data(_series(1.0, 4.0)), {}, AFTER)
    assert r.state == "stopped" and r.complete_pairs == 2 and r.verdict == CLEAR
    assert r.sentences[-1] == f"Stopped on {plan.stopped}: flu"


def test_randomisation_p_enumerates_every_sign_flip() -> None:
    assert randomisation_p(np.array([1.0, 1.0, 1.0])) == pytest.approx(2 / 8)
    assert randomisation_p(np.array([1.0, -1.0])) == 1.0
    # 3 positive and 1 small negative: flips with |mean| >= observed are 4 of 16
    assert randomisation_p(np.array([3.0, 2.0, 2.0, -1.0])) == pytest.approx(4 / 16)


def test_pauses_shift_days_and_the_seed_fixes_the_order() -> None:
    paused = replace(PLAN, pauses=((START + dt.timedelta(days=3), START + dt.timedelta(days=6)),))
    assert paused.plan_day(START + dt.timedelta(days=7)) == 3
    assert paused.date_of(3) == START + dt.timedelta(days=7)
    assert paused.end == PLAN.end + dt.timedelta(days=4)  # type: ignore[operator]
    assert draw_orders(42, 6) == draw_orders(42, 6)
    assert {o for s in range(20) for o in draw_orders(s, 3)} == {"AB", "BA"}
