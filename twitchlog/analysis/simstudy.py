"""Many simulated diaries through the analysis: error rates, interval coverage and power.

Offline only (tests, the README and docs/statistics.md figures); nothing in the app
calls this. Each study returns plain shares so a slow test can assert the targets and
print the figures. Seeds are fixed, so a figure can always be reproduced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from twitchlog.analysis.power import POWER_DAYS, POWER_RUNS, POWER_SEED, POWER_TABLE
from twitchlog.analysis.simulate import PlantedEffect, PlantedReverse, simulate_diary
from twitchlog.analysis.triggers import Finding, TriggerReport, analyze_triggers

END = dt.date(2025, 12, 31)
LINKS = ("clear link", "possible link")


@dataclass
class Study:
    """Shares over `runs` diaries (per diary unless the name says per test)."""

    runs: int = 0
    any_clear: float = 0.0  # diaries with at least one "clear link"
    any_link: float = 0.0  # diaries with at least one clear or possible link
    p05_per_test: float = 0.0  # within-month partial p < 0.05, per forward test
    ratio_cover: float = 0.0  # shown ratio interval covers the true ratio, per test
    disagree: int = 0  # "clear link" sentences whose interval includes no effect
    target: float = 0.0  # the scenario's own figure (e.g. the planted effect found)
    wrong_lag: float = 0.0  # planted next-day effect called a same-day clear link
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def _disagreements(rep: TriggerReport) -> int:
    n = 0
    for f in rep.findings:
        lo, hi = f.ratio_ci
        if f.verdict == "clear link" and not (lo > 1 or hi < 1):
            n += 1
        if "unlikely to be chance" in f.sentence and f.verdict != "clear link":
            n += 1
        if f.verdict == "clear link" and ("CI 1.0–" in f.sentence or "–1.0)" in f.sentence):
            n += 1  # the interval as shown must not look as if it included no effect
    return n


def _find(rep: TriggerReport, factor: str, lag: int) -> Finding:
    return next(f for f in rep.findings if f.factor == factor and f.lag_days == lag)


def null_study(scenario: str, runs: int = 200, days: int = 365, seed: int = 50_000) -> Study:
    """No real effect at all: how many diaries show any link, and interval coverage of 1."""
    import time

    t0 = time.perf_counter()
    s = Study(runs)
    tests = p05 = cover = 0
    for i in range(runs):
        rep = analyze_triggers(simulate_diary(days, end=END, seed=seed + i, scenario=scenario))
        verdicts = [f.verdict for f in rep.findings]
        s.extra.setdefault("min_q", []).append(
            min((f.q for f in rep.findings if np.isfinite(f.q)), default=1.0)
        )
        s.any_clear += "clear link" in verdicts
        s.any_link += any(v in LINKS for v in verdicts)
        for f in rep.findings:
            if np.isfinite(f.p):
                tests += 1
                p05 += f.p < 0.05
                cover += f.ratio_ci[0] <= 1.0 <= f.ratio_ci[1]
        s.disagree += _disagreements(rep)
    s.any_clear /= runs
    s.any_link /= runs
    s.p05_per_test = p05 / max(tests, 1)
    s.ratio_cover = cover / max(tests, 1)
    s.seconds = time.perf_counter() - t0
    return s


def reverse_study(runs: int = 200, days: int = 365, seed: int = 60_000) -> Study:
    """Bad day → +150 mg caffeine the next day; caffeine has no effect on twitching."""
    import time

    t0 = time.perf_counter()
    s = Study(runs)
    rev_seen = 0
    for i in range(runs):
        data = simulate_diary(
            days,
            end=END,
            seed=seed + i,
            scenario="persistent",
            reverse=[PlantedReverse("caffeine_mg", 150.0)],
        )
        rep = analyze_triggers(data)
        caf = [f for f in rep.findings if f.factor == "caffeine_mg"]
        s.target += any(f.verdict in LINKS for f in caf)
        s.any_clear += any(f.verdict == "clear link" for f in rep.findings)
        rc = next(f for f in rep.reverse_checks if f.factor == "caffeine_mg")
        rev_seen += bool(np.isfinite(rc.p) and rc.p < 0.05)
        s.disagree += _disagreements(rep)
    s.target /= runs
    s.any_clear /= runs
    s.extra["reverse_check_p05"] = rev_seen / runs
    s.seconds = time.perf_counter() - t0
    return s


def nextday_study(
    runs: int = 200,
    days: int = 365,
    ratio: float = 1.8,
    seed: int = 70_000,
    scenario: str = "persistent_factors",
) -> Study:
    """A real next-day alcohol effect: found at lag 1? wrongly called same-day? covered?"""
    import time

    t0 = time.perf_counter()
    s = Study(runs)
    cover = 0
    for i in range(runs):
        data = simulate_diary(
            days,
            end=END,
            seed=seed + i,
            scenario=scenario,
            effects=[PlantedEffect("alcohol_units", ratio, 1)],
        )
        rep = analyze_triggers(data)
        f1 = _find(rep, "alcohol_units", 1)
        f0 = _find(rep, "alcohol_units", 0)
        s.target += f1.verdict in LINKS
        s.extra["clear_at_lag1"] = s.extra.get("clear_at_lag1", 0) + (f1.verdict == "clear link")
        s.wrong_lag += f0.verdict == "clear link"
        cover += f1.ratio_ci[0] <= ratio <= f1.ratio_ci[1]
        s.disagree += _disagreements(rep)
    s.target /= runs
    s.wrong_lag /= runs
    s.extra["clear_at_lag1"] /= runs
    s.ratio_cover = cover / runs
    s.seconds = time.perf_counter() - t0
    return s


def estimate_power(
    ratio: float,
    days: int,
    scenario: str,
    runs: int = POWER_RUNS,
    seed: int = POWER_SEED,
    factor: str = "screen_h",
    lag: int = 1,
) -> float:
    """Share of simulated diaries in which a planted `ratio` effect is a clear or
    possible link at the lag planted."""
    found = 0
    for i in range(runs):
        data = simulate_diary(
            days,
            end=END,
            seed=seed + i,
            scenario=scenario,
            effects=[PlantedEffect(factor, ratio, lag)],
        )
        found += _find(analyze_triggers(data), factor, lag).verdict in LINKS
    return found / runs


def power_table(runs: int = POWER_RUNS) -> dict[tuple[str, float], dict[int, float]]:
    """Recompute the stored power.POWER_TABLE (same keys)."""
    return {
        key: {d: estimate_power(key[1], d, key[0], runs) for d in POWER_DAYS} for key in POWER_TABLE
    }
