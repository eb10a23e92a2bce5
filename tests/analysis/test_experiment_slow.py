"""The experiment analysis proven by simulation (slow): false alarms and power."""

from __future__ import annotations

import pytest

from twitchlog.analysis.experiment_sim import simulate_experiments

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("pairs", [2, 3, 4, 6])
@pytest.mark.parametrize("scenario", ["persistent_drift", "persistent"])
def test_no_true_effect_gives_a_clear_difference_at_most_5_percent(pairs, scenario) -> None:  # type: ignore[no-untyped-def]
    runs = 3000
    result = simulate_experiments(
        7, pairs, 2, ratio=1.0, runs=runs, seed=500 + pairs, scenario=scenario
    )
    print(f"null {scenario} pairs={pairs}: clear {result.clear:.3f}, p<=0.05 {result.p05:.3f}")
    # At most 5%, up to the simulation's own noise (two standard errors of 3000 runs: 0.8%).
    noise = 2 * (0.05 * 0.95 / runs) ** 0.5
    assert result.clear <= 0.05 + noise
    assert result.p05 <= 0.05 + noise


def test_power_for_a_true_1_5x_effect_over_4_pairs_of_weeks() -> None:
    from twitchlog.analysis.experiment_sim import POWER_RUNS, plan_power

    result = simulate_experiments(7, 4, 2, ratio=1.5, runs=1000, seed=9)
    print(f"power 1.5x, 4 pairs of 7 days: clear {result.clear:.3f}")
    shown = plan_power(7, 4, 2)  # what the person is told when planning
    # The quick estimate agrees with the long run (binomial sd of 300 runs ≈ 0.015 here).
    assert (
        abs(shown.clear - result.clear)
        < 4 * (result.clear * (1 - result.clear) / POWER_RUNS) ** 0.5 + 0.01
    )
    assert result.clear > 0.05  # a real effect is found more often than chance alone
    stronger = simulate_experiments(7, 4, 2, ratio=3.0, runs=300, seed=9)
    assert stronger.clear > 2 * result.clear
