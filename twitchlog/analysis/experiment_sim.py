"""How often an experiment plan finds an effect: simulated twitching, run through the analysis.

The twitching comes from `simulate.simulate_diary` (AR flare state, over-dispersion,
missed check-ins, optional seasonal drift) with no factor effects; a true effect of the
change is planted by thinning the episodes on the changed blocks (a Poisson count thinned
with probability 1/ratio is a Poisson count at 1/ratio the rate), so "1.5×" means the
usual blocks have 1.5 times the rate of the changed ones. Each run draws its own order
within each pair, as a real plan does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np

from twitchlog.analysis.experiment import CLEAR, analyse_experiment
from twitchlog.analysis.experiment_plan import Plan, draw_orders
from twitchlog.analysis.simulate import simulate_diary
from twitchlog.i18n import _, format_number

POWER_RATIO = 1.5
POWER_RUNS = 300
POWER_SEED = 20261130
_END = dt.date(2026, 1, 31)


@dataclass(frozen=True)
class ExperimentPower:
    block_days: int
    pairs: int
    washout_days: int
    ratio: float
    runs: int
    clear: float  # share of runs with verdict "clear difference"
    p05: float  # share with exact randomisation p ≤ 0.05


def simulate_experiments(
    block_days: int = 7,
    pairs: int = 4,
    washout_days: int = 2,
    *,
    ratio: float = 1.0,
    runs: int = POWER_RUNS,
    seed: int = POWER_SEED,
    scenario: str = "persistent_drift",
    base_rate: float = 1.5,
    missing: float = 0.1,
) -> ExperimentPower:
    """Run `runs` simulated experiments and count how often each test calls a difference."""
    rng = np.random.default_rng(seed)
    template = Plan(
        "experiment", "Experiment", "changed", "as usual", _END, block_days, pairs,
        washout_days, 0, ("AB",) * pairs,
    )  # fmt: skip
    n = template.total_days
    start = _END - dt.timedelta(days=n - 1)
    clear = p05 = 0
    for i in range(runs):
        plan = replace(template, start=start, orders=draw_orders(seed + i, pairs))
        data = simulate_diary(
            n,
            end=_END,
            seed=seed + i,
            factors={},
            scenario=scenario,
            base_rate=base_rate,
            missing=missing,
            gap_days=0,
        )
        if ratio != 1.0:
            changed = np.repeat(np.array(plan.conditions()) == "A", block_days)
            thinned = rng.binomial(data.episodes.astype(np.int64), 1.0 / ratio)
            data = replace(data, episodes=np.where(changed, thinned, data.episodes))
        result = analyse_experiment(plan, data, {}, _END + dt.timedelta(days=1))
        clear += result.verdict == CLEAR
        p05 += result.p_value is not None and result.p_value <= 0.05
    return ExperimentPower(block_days, pairs, washout_days, ratio, runs, clear / runs, p05 / runs)


_POWER_CACHE: dict[tuple[int, int, int], ExperimentPower] = {}


def plan_power(block_days: int, pairs: int, washout_days: int) -> ExperimentPower:
    """The chance this plan finds a true 1.5× effect (persistent, drifting twitching).

    A few hundred milliseconds: call it off the UI thread. Same plan, same answer.
    """
    key = (block_days, pairs, washout_days)
    if key not in _POWER_CACHE:
        _POWER_CACHE[key] = simulate_experiments(
            block_days, pairs, washout_days, ratio=POWER_RATIO, runs=POWER_RUNS
        )
    return _POWER_CACHE[key]


def power_sentence(power: ExperimentPower) -> str:
    """What the person reads when planning."""
    pct = max(1, round(power.clear * 100))
    text = _(
        "With this plan, an effect like {ratio}× (a third fewer twitches with the change) is "
        "found about {percent}% of the time, in simulated diaries with twitching that comes "
        "and goes in flares."
    ).format(ratio=format_number(power.ratio), percent=pct)
    if power.clear < 0.2:
        text += " " + _(
            "So a real effect of that size would usually be missed: twitching that comes "
            "and goes in flares hides it. More pairs help a little, and 'inconclusive' at the "
            "end will not mean there is no effect."
        )
    elif power.clear < 0.8:
        text += " " + _(
            "A real effect of that size may be missed; more pairs make it likelier to show."
        )
    return text
