"""Which factors go with more twitching: one finding per factor × lag, with a verdict.

The gate is the within-month rank correlation with a Bartlett effective n (stats.py),
BH q-values over all factor × lag tests run together, and data minimums before anything
is called a link (ANALYSIS.md, "When to say something"). The headline is in the
person's units (effects.py). Nothing here advises avoiding anything: a diary shows
association, not cause, so a link comes with a confirming experiment instead.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from twitchlog.analysis import stats
from twitchlog.analysis.data import DailyData, FactorInfo, factor_info
from twitchlog.analysis.effects import Effect, Split, choose_split, fmt_num, group_effect

if TYPE_CHECKING:  # imported when the analysis runs (it pulls in the treatment statistics)
    from twitchlog.analysis.treatments import TreatmentResult

OUTCOME_WORDS: dict[str, str] = {
    "count": "twitches a day",
    "severity": "severity points a day",
    "duration": "minutes a day",
}

# Collecting: below these, say only "not enough data yet".
MIN_PAIRED_DAYS = 42
MIN_GROUP_DAYS = 10
MIN_FULL_BLOCKS = 2
# Data minimums before a "link" verdict.
MIN_N_EFF = 30.0
MIN_DAYS_COVERED = 90
MIN_EPISODE_DAYS = 24
Q_CLEAR = 0.10
Q_POSSIBLE = 0.25

VERDICTS: tuple[str, ...] = (
    "clear link",
    "possible link",
    "too early to tell",
    "no clear link",
    "not enough data",
)
VERDICT_RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}

CAVEAT = (
    "These are patterns in your own diary, not proof of cause: something else (a busy "
    "month, poor sleep, stress) may move with both."
)
DRIFT_NOTE = (
    "The difference follows slower ups and downs from month to month rather than "
    "day-to-day changes."
)
EXPERIMENT_HINT = (
    "To check a link, try it on purpose: alternate two-week blocks with and without it, "
    "in random order, for at least four pairs of blocks, and keep logging as usual."
)


@dataclass(frozen=True)
class Finding:
    """One factor at one lag. `rho_within`/`p`/`q` are the gate; the means are the headline.

    lag_days: the factor's value from `lag_days` days before the outcome day (−1 = the
    day after: a reverse-direction check, `reverse=True`, never in the BH family).
    """

    factor: str
    label: str
    lag_days: int
    n: int
    rho: float
    rho_within: float
    rho_within_ci: tuple[float, float]
    n_eff: float
    ratio: float
    ratio_ci: tuple[float, float]
    difference: float
    difference_ci: tuple[float, float]
    high_mean: float
    low_mean: float
    high_days: int
    low_days: int
    split: str
    p: float
    q: float
    verdict: str
    sentence: str
    days_covered: int = 0
    episode_days: int = 0
    more_days: int | None = None
    reverse: bool = False


@dataclass(frozen=True)
class TriggerReport:
    outcome: str
    start: dt.date | None
    end: dt.date | None
    observed_days: int
    comparisons: int
    findings: tuple[Finding, ...]
    reverse_checks: tuple[Finding, ...]
    power_note: str
    caveat: str = CAVEAT
    experiment_hint: str | None = None
    treatments: tuple[TreatmentResult, ...] = field(default_factory=tuple)


def _lowerfirst(label: str) -> str:
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _lagged(x: np.ndarray, lag: int) -> np.ndarray:
    """x shifted so that out[d] = x[d − lag] (NaN where that day is outside the data)."""
    out = np.full(x.shape, np.nan)
    if lag == 0:
        out[:] = x
    elif lag > 0:
        if lag < x.size:
            out[lag:] = x[:-lag]
    elif -lag < x.size:
        out[:lag] = x[-lag:]
    return out


def _full_blocks(idx: np.ndarray) -> int:
    """28-day blocks lying wholly between the first and last paired day."""
    if idx.size == 0:
        return 0
    first_block = -(-int(idx[0]) // stats.BLOCK_DAYS)
    last_block = (int(idx[-1]) + 1) // stats.BLOCK_DAYS  # exclusive
    return max(0, last_block - first_block)


def _more_days(idx: np.ndarray, n_high: int, n_low: int) -> int | None:
    """Rough calendar days until the collecting thresholds are met, at the current pace."""
    n = int(idx.size)
    if n == 0:
        return None
    span = int(idx[-1] - idx[0]) + 1
    rate = n / span  # paired days per calendar day so far
    need = 0.0
    if n < MIN_PAIRED_DAYS:
        need = max(need, (MIN_PAIRED_DAYS - n) / rate)
    g = min(n_high, n_low)
    if g < MIN_GROUP_DAYS:
        if g == 0:
            return None
        need = max(need, (MIN_GROUP_DAYS - g) / (rate * g / n))
    if _full_blocks(idx) < MIN_FULL_BLOCKS:
        first_block = -(-int(idx[0]) // stats.BLOCK_DAYS)
        end_needed = (first_block + MIN_FULL_BLOCKS) * stats.BLOCK_DAYS - 1
        need = max(need, end_needed - int(idx[-1]))
    days = max(1, math.ceil(need))
    return days if days < 14 else 7 * math.ceil(days / 7)


@dataclass
class _Test:
    """Working state of one factor × lag before q-values exist."""

    info: FactorInfo
    lag: int
    split: Split | None
    y: np.ndarray
    high: np.ndarray
    idx: np.ndarray
    wm: stats.WithinMonth
    effect: Effect | None
    episode_days: int
    gate: str | None  # reason for "not enough data", else None
    more_days: int | None = None


def _run_test(
    info: FactorInfo,
    lag: int,
    split: Split | None,
    xl: np.ndarray,
    y: np.ndarray,
    episodes: np.ndarray,
    offset: int,
) -> _Test:
    """One factor × lag; `xl` is the factor already lagged and cut to the window like `y`."""
    mask = np.isfinite(y) & np.isfinite(xl)
    idx_local = np.flatnonzero(mask)
    idx = idx_local + offset
    xs, ys = xl[mask], y[mask]
    high = split.high(xs) if split is not None else np.zeros(xs.size, bool)
    n_high = int(np.count_nonzero(high))
    n_low = int(xs.size - n_high)
    ep_days = int(np.count_nonzero(episodes[mask] > 0))
    empty = stats.WithinMonth(int(xs.size), float("nan"), float("nan"), float("nan"))
    gate = None
    more = None
    if xs.size == 0:
        gate = "unrecorded"
    elif np.ptp(xs) == 0:
        gate = "constant"
    elif min(n_high, n_low) == 0:
        gate = "one_sided"
    elif np.ptp(ys) == 0:
        gate = "flat_outcome"
    elif (
        xs.size < MIN_PAIRED_DAYS
        or min(n_high, n_low) < MIN_GROUP_DAYS
        or _full_blocks(idx) < MIN_FULL_BLOCKS
    ):
        gate = "collecting"
        more = _more_days(idx, n_high, n_low)
    if gate is not None:
        eff = group_effect(ys, high, 1.0) if xs.size else None
        return _Test(info, lag, split, ys, high, idx, empty, eff, ep_days, gate, more)
    wm = stats.within_month(xs, ys, idx)
    deff = stats.design_effect(high.astype(float), ys, idx)
    eff = group_effect(ys, high, deff)
    return _Test(info, lag, split, ys, high, idx, wm, eff, ep_days, None)


def _cond(info: FactorInfo, split: Split | None) -> str:
    label = _lowerfirst(info.label)
    if split is None or info.kind == "yesno":
        return label
    return f"{label} {split.text}"


def _lag_prefix(info: FactorInfo, lag: int) -> str:
    if lag == 0:
        return "On days with"
    if lag == 1:
        return "On days after an evening with" if info.evening else "On days after a day with"
    if lag == -1:
        return "On days before a day with"
    words = {2: "Two", 3: "Three"}.get(lag, str(lag))
    return f"{words} days after a day with"


def _r(v: float) -> str:
    return "?" if not np.isfinite(v) else f"{v:.1f}"


def _not_enough_sentence(t: _Test) -> str:
    label = t.info.label
    if t.gate == "unrecorded":
        return f"Not enough data yet: {label} hasn't been recorded on check-in days."
    if t.gate == "constant":
        return (
            f"Not enough data yet: {label} has been the same on every check-in day so far, "
            "so there is nothing to compare."
        )
    if t.gate == "one_sided":
        which = "every" if t.high.all() else "no"
        return (
            f"Not enough data yet: {which} check-in day so far had {_cond(t.info, t.split)}, "
            "so there is nothing to compare."
        )
    if t.gate == "flat_outcome":
        return (
            "Not enough data yet: the outcome was the same on every check-in day, "
            f"so there is nothing to compare {label} with."
        )
    more = f" — about {t.more_days} more days" if t.more_days else ""
    return (
        f"Not enough data yet for {label} (lag {t.lag} d){more}: {t.idx.size} paired days so far."
    )


def _sentence(t: _Test, verdict: str, q: float, comparisons: int, words: str) -> str:
    e = t.effect
    if verdict == "not enough data" or e is None:
        return _not_enough_sentence(t)
    other = "on days without" if t.info.kind == "yesno" else "on other days"
    ratio = f"{e.ratio:.1f}×" if np.isfinite(e.ratio) else "none on other days"
    ci = (
        f", approx. 95% CI {_r(e.ratio_ci[0])}–{_r(e.ratio_ci[1])}"
        if np.isfinite(e.ratio_ci[1])
        else ""
    )
    head = (
        f"{_lag_prefix(t.info, t.lag)} {_cond(t.info, t.split)} you logged "
        f"{fmt_num(round(e.high_mean, 1))} {words}, against {fmt_num(round(e.low_mean, 1))} "
        f"{other} ({ratio}{ci}; {e.high_days} vs {e.low_days} days)."
    )
    checked = f"{comparisons} comparisons checked"
    if verdict == "clear link":
        tail = (
            "Compared with your usual level that month, this is unlikely to be chance "
            f"(q = {q:.2f}; {checked})."
        )
    elif verdict == "possible link":
        tail = (
            "Compared with your usual level that month, this could still be chance "
            f"(q = {q:.2f}; {checked}): a possible link."
        )
    elif verdict == "no clear link":
        lo, hi = e.ratio_ci
        tail = "No clear link so far" + (
            f"; can't rule out up to {hi:.1f}×." if np.isfinite(hi) and hi > 1 else "."
        )
        if (np.isfinite(lo) and lo > 1) or (np.isfinite(hi) and hi < 1):
            tail += " " + DRIFT_NOTE
    else:
        reasons = []
        if not np.isfinite(t.wm.rho_within):
            reasons.append("no day-to-day variation within months to compare")
        if t.wm.n_eff < MIN_N_EFF:
            reasons.append(f"days are alike, worth about {t.wm.n_eff:.0f} independent days")
        if t.idx[-1] - t.idx[0] + 1 < MIN_DAYS_COVERED:
            reasons.append(f"under {MIN_DAYS_COVERED} days covered")
        if t.episode_days < MIN_EPISODE_DAYS:
            reasons.append(f"only {t.episode_days} days with twitches")
        tail = "Too early to tell (" + "; ".join(reasons) + ")."
    return f"{head} {tail}"


def _verdict(t: _Test, q: float) -> str:
    if t.gate is not None:
        return "not enough data"
    covered = int(t.idx[-1] - t.idx[0]) + 1
    if (
        not np.isfinite(t.wm.n_eff)
        or t.wm.n_eff < MIN_N_EFF
        or covered < MIN_DAYS_COVERED
        or t.episode_days < MIN_EPISODE_DAYS
    ):
        return "too early to tell"
    if np.isfinite(q) and q <= Q_CLEAR:
        return "clear link"
    if np.isfinite(q) and q <= Q_POSSIBLE:
        return "possible link"
    return "no clear link"


def _finding(
    t: _Test, p: float, lo: float, hi: float, q: float, verdict: str, sentence: str
) -> Finding:
    nan = float("nan")
    e = t.effect
    covered = int(t.idx[-1] - t.idx[0]) + 1 if t.idx.size else 0
    return Finding(
        factor=t.info.key,
        label=t.info.label,
        lag_days=t.lag,
        n=int(t.idx.size),
        rho=t.wm.rho,
        rho_within=t.wm.rho_within,
        rho_within_ci=(lo, hi),
        n_eff=t.wm.n_eff,
        ratio=e.ratio if e else nan,
        ratio_ci=e.ratio_ci if e else (nan, nan),
        difference=e.difference if e else nan,
        difference_ci=e.difference_ci if e else (nan, nan),
        high_mean=e.high_mean if e else nan,
        low_mean=e.low_mean if e else nan,
        high_days=e.high_days if e else 0,
        low_days=e.low_days if e else 0,
        split=t.split.text if t.split else "",
        p=p,
        q=q,
        verdict=verdict,
        sentence=sentence,
        days_covered=covered,
        episode_days=t.episode_days,
        more_days=t.more_days,
        reverse=t.lag < 0,
    )


def _sort_key(f: Finding) -> tuple[int, float, float, str, int]:
    q = f.q if np.isfinite(f.q) else 2.0
    rw = abs(f.rho_within) if np.isfinite(f.rho_within) else 0.0
    return (VERDICT_RANK[f.verdict], q, -rw, f.factor, f.lag_days)


def _window(data: DailyData, start: dt.date | None, end: dt.date | None) -> tuple[int, int]:
    """Index range [a, b) of the days between start and end (inclusive)."""
    if data.n_days == 0:
        return 0, 0
    d = data.dates.astype("datetime64[D]")
    a = 0 if start is None else int(np.searchsorted(d, np.datetime64(start, "D"), "left"))
    b = data.n_days if end is None else int(np.searchsorted(d, np.datetime64(end, "D"), "right"))
    return a, max(a, b)


def analyze_triggers(
    data: DailyData,
    outcome: str = "count",
    start: dt.date | None = None,
    end: dt.date | None = None,
    reverse_check: bool = True,
) -> TriggerReport:
    """Test every factor with data at lags 0 and 1 (and 2 for slow ones) against the outcome.

    outcome: "count" (episodes a day), "severity" (total severity a day) or "duration"
    (minutes a day). start/end limit the outcome days analysed; the 28-day blocks stay
    anchored on the full diary so a window never shifts "that month". With
    `reverse_check`, lag −1 (the factor on the day *after*) is also computed for each
    factor: a check for twitching changing the factor (bad twitch day → poor sleep),
    reported separately and not counted in the BH family, because it answers a
    different question and would only dilute the power of the real ones.
    """
    if outcome not in OUTCOME_WORDS:
        raise ValueError(f"outcome must be one of {sorted(OUTCOME_WORDS)}, not {outcome!r}")
    from twitchlog.analysis.power import power_sentence
    from twitchlog.analysis.treatments import analyze_treatments

    a, b = _window(data, start, end)
    y = data.outcome(outcome)[a:b]
    episodes = np.asarray(data.episodes, dtype=float)[a:b]
    observed_days = int(np.count_nonzero(np.asarray(data.observed[a:b], dtype=bool)))
    tests: list[_Test] = []
    for key, values in data.factors.items():
        info = factor_info(data, key)
        x_all = np.asarray(values, dtype=float)
        split = choose_split(x_all[a:b], info)
        lags = [0, 1] + ([2] if info.slow else []) + ([-1] if reverse_check else [])
        for lag in lags:
            # Lag over the full diary first, so a lagged value may come from before `start`.
            xw = _lagged(x_all, lag)[a:b]
            tests.append(_run_test(info, lag, split, xw, y, episodes, a))
    rho_w = np.array([t.wm.rho_within for t in tests], dtype=float)
    n_eff = np.array([t.wm.n_eff for t in tests], dtype=float)
    p, lo_ci, hi_ci = stats.correlation_test(rho_w, n_eff)
    in_family = np.array([t.gate is None and t.lag >= 0 for t in tests], dtype=bool)
    q = np.full(len(tests), np.nan)
    if in_family.any():
        q[in_family] = stats.bh_q(p[in_family])
    comparisons = int(np.count_nonzero(np.isfinite(q)))
    words = OUTCOME_WORDS[outcome]
    findings: list[Finding] = []
    reverse: list[Finding] = []
    for i, t in enumerate(tests):
        if t.lag < 0:
            verdict = "not enough data" if t.gate else "reverse check"
            sentence = (
                _not_enough_sentence(t)
                if t.gate
                else f"Reverse check — twitching and {_lowerfirst(t.info.label)} the day "
                f"after: ρ within months {t.wm.rho_within:+.2f} (p = {p[i]:.2f})."
            )
            reverse.append(_finding(t, p[i], lo_ci[i], hi_ci[i], float("nan"), verdict, sentence))
            continue
        verdict = _verdict(t, q[i])
        sentence = _sentence(t, verdict, q[i], comparisons, words)
        findings.append(_finding(t, p[i], lo_ci[i], hi_ci[i], q[i], verdict, sentence))
    findings.sort(key=_sort_key)
    any_link = any(f.verdict in ("clear link", "possible link") for f in findings)
    return TriggerReport(
        outcome=outcome,
        start=start,
        end=end,
        observed_days=observed_days,
        comparisons=comparisons,
        findings=tuple(findings),
        reverse_checks=tuple(reverse),
        power_note=power_sentence(observed_days),
        experiment_hint=EXPERIMENT_HINT if any_link else None,
        treatments=tuple(analyze_treatments(data, outcome=outcome)),
    )
