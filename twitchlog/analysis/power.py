"""How often a real effect is found: a small table from simulation, and the user's sentence.

People should know that "no clear link" after three months says little. The table is
computed by `estimate_power` (slow; see tests/analysis/test_power_slow.py, which
recomputes it) and stored here so the app never simulates at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

POWER_RATIO = 1.5
POWER_RUNS = 200
POWER_SEED = 20261122
# days of diary → share of simulated diaries in which the planted effect got at least
# "possible link" (all 16 built-in factors, BH over all tests, "persistent" scenario,
# effect on caffeine ≥ 300 mg the same day).
POWER_TABLE: dict[int, float] = {90: 0.0, 180: 0.0, 365: 0.0}
POWER_NOTE = (
    f"estimate_power(ratio={POWER_RATIO}, n_days=d, runs={POWER_RUNS}, seed={POWER_SEED}) "
    "with simulate_diary(scenario='persistent'): a 1.5× effect of caffeine ≥ 300 mg on the "
    "same day among 16 built-in factors; 'found' = verdict possible or clear link."
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
    factor: str = "caffeine_mg",
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
    parts = []
    for d in (now, nxt):
        if d is not None:
            parts.append(
                f"with about {_SPAN_WORDS.get(d, f'{d} days')}, an effect of "
                f"{POWER_RATIO:g}× is found {_share_words(POWER_TABLE[d])}"
            )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + " (estimated by simulation)."
