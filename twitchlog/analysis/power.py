"""How often a real effect is found: a small table from simulation, and the user's sentence.

People should know that "no clear link" after three months says little. The table is
computed by `estimate_power` (slow; see tests/analysis/test_power_slow.py, which
recomputes it) and stored here so the app never simulates at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

from twitchlog.words import plural

POWER_RATIO = 1.5
POWER_RUNS = 200
POWER_SEED = 20261122
# Days of diary (calendar days; about 88% observed) → share of 200 simulated diaries in
# which a planted 1.5× effect was found: verdict "possible link" or "clear link" (BH over
# all 37 tests of the 16 built-in factors, data minimums applied). Scenario "persistent";
# the effect is on screen time above the person's median, same day (a balanced split;
# catalog thresholds with rare high days, e.g. sleep < 6 h, find less).
POWER_TABLE: dict[int, float] = {90: 0.095, 180: 0.23, 365: 0.455}
# Same runs, the single within-month test at p < 0.05 (no BH, no minimums): comparable
# with the ANALYSIS.md table (persistent 1.5×: 30% / 52% / 80%).
POWER_P05: dict[int, float] = {90: 0.28, 180: 0.42, 365: 0.695}
POWER_NOTE = (
    f"estimate_power(ratio={POWER_RATIO}, n_days=d, runs={POWER_RUNS}, seed={POWER_SEED}, "
    "scenario='persistent', factor='screen_h', lag=0) for d in 90, 180, 365; recomputed by "
    "tests/analysis/test_analysis_power.py::test_power_table_matches_simulation (slow)."
)


@dataclass(frozen=True)
class PowerEstimate:
    n_days: int
    runs: int
    found: float  # share with verdict "possible link" or "clear link"
    clear: float  # share with verdict "clear link"
    p05: float  # share with within-month p < 0.05 (single test, no BH, no minimums)


def estimate_power(
    ratio: float = POWER_RATIO,
    n_days: int = 180,
    runs: int = POWER_RUNS,
    seed: int = POWER_SEED,
    scenario: str = "persistent",
    factor: str = "screen_h",
    lag: int = 0,
) -> PowerEstimate:
    """Share of simulated diaries in which a planted `ratio` effect is found."""
    import numpy as np

    from twitchlog.analysis.simulate import PlantedEffect, simulate_diary
    from twitchlog.analysis.triggers import analyze_triggers

    found = clear = p05 = 0
    for i in range(runs):
        data = simulate_diary(
            n_days, seed=seed + i, scenario=scenario, effects=[PlantedEffect(factor, ratio, lag)]
        )
        rep = analyze_triggers(data, reverse_check=False)
        f = next(f for f in rep.findings if f.factor == factor and f.lag_days == lag)
        found += f.verdict in ("possible link", "clear link")
        clear += f.verdict == "clear link"
        p05 += bool(np.isfinite(f.p) and f.p < 0.05)
    return PowerEstimate(n_days, runs, found / runs, clear / runs, p05 / runs)


def _share_words(share: float) -> str:
    if share < 0.1:
        return "rarely"
    if share < 0.3:
        return "about one time in five" if share < 0.22 else "about one time in four"
    if share < 0.42:
        return "about a third of the time"
    if share < 0.6:
        return "about half the time"
    if share < 0.72:
        return "about two times in three"
    if share < 0.85:
        return "about three times in four"
    return "most of the time"


_SPAN_WORDS = {90: "three months", 180: "six months", 365: "a year"}


def power_sentence(observed_days: int) -> str:
    """What a diary of this length can find, e.g. "with about six months, an effect of
    1.5× is found about half the time" — for the current length and the next step up."""
    days = sorted(POWER_TABLE)
    now = max([d for d in days if d <= observed_days * 1.15], default=None)
    nxt = min([d for d in days if d > observed_days * 1.15], default=None)
    parts: list[str] = []
    for d in (now, nxt):
        if d is None:
            continue
        span = _SPAN_WORDS.get(d, f"{d} days")
        share = _share_words(POWER_TABLE[d])
        if not parts:
            parts.append(f"with about {span}, an effect of {POWER_RATIO:g}× is found {share}")
        else:
            parts.append(f"with about {span}, {share}")
    text = "; ".join(parts)
    if now is None:  # shorter than the shortest length simulated: say what there is first
        so_far = plural(observed_days, "checked-in day")
        return (
            f"With {so_far} so far, links are rarely found yet; {text} (estimated by simulation)."
        )
    return text[:1].upper() + text[1:] + " (estimated by simulation)."
