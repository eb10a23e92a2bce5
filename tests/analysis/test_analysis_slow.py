"""Big simulations and the ten-year timing (run with -m slow; prints its figures)."""

from __future__ import annotations

import datetime as dt
import statistics
import time

import numpy as np
import pytest

from twitchlog.analysis.simulate import simulate_diary
from twitchlog.analysis.triggers import analyze_triggers

END = dt.date(2025, 12, 31)
SCENARIOS = ["mild", "persistent", "persistent_drift", "mild_drift"]


@pytest.mark.slow
def test_ten_year_timing():
    data = simulate_diary(3650, end=END, seed=1)
    analyze_triggers(data)  # imports and caches warm
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        rep = analyze_triggers(data)
        times.append(time.perf_counter() - t0)
    print(
        f"\n10 years, 16 factors, {rep.comparisons} tests + reverse checks: "
        f"median {1000 * statistics.median(times):.0f} ms, best {1000 * min(times):.0f} ms"
    )


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_null_rates_at_scale(scenario):
    """400 diaries, all 16 factors (37 tests each): per-test p < 0.05 and per-diary false
    'clear link' with BH (ANALYSIS.md asks ≤ 7% and ≤ 16%)."""
    runs = 400
    p05 = tests = diaries_with_clear = cover = 0
    for run in range(runs):
        rep = analyze_triggers(
            simulate_diary(365, end=END, seed=50_000 + run, scenario=scenario),
            reverse_check=False,
        )
        p = np.array([f.p for f in rep.findings])
        tests += p.size
        p05 += int((p < 0.05).sum())
        cover += sum(f.rho_within_ci[0] <= 0 <= f.rho_within_ci[1] for f in rep.findings)
        diaries_with_clear += any(f.verdict == "clear link" for f in rep.findings)
    print(
        f"\n{scenario}: p<0.05 {p05 / tests:.3f}, rho CI coverage {cover / tests:.3f}, "
        f"diaries with a false clear link {diaries_with_clear / runs:.3f}"
    )
    assert p05 / tests <= 0.07
    assert cover / tests >= 0.93
    assert diaries_with_clear / runs <= 0.16
