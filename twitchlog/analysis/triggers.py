"""Which factors go with more twitching: one finding per factor × lag, with a verdict.

`analyze_triggers(data, outcome, start, end)` is the one analysis of a date range: the
report, the Charts view, `chart triggers` and `analyze` all call it, and it looks only
at the days in the range, so they agree whatever was loaded around it.

The gate for each factor × lag is a within-month *partial* rank correlation
(stats.partial_within): compared with the same 28-day block and the same kind of day
(weekday or weekend), adjusted for the previous day's twitching and for the factor on
the neighbouring day, with a Bartlett effective n. A factor's lags form one family
(Simes), BH runs across factors. The reverse check (twitching today → the factor
tomorrow) is part of the verdict. The effect shown is the tested one: a block-adjusted
high-vs-low ratio (effects.adjusted_effect), and "clear link" needs its interval to
exclude "no effect". The words live in sentences.py; the method, its measured error
rates and limits in docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from twitchlog.analysis import sentences as words_
from twitchlog.analysis import stats
from twitchlog.analysis.data import DailyData, FactorInfo, factor_info
from twitchlog.analysis.effects import Effect, Split, adjusted_effect, choose_split
from twitchlog.i18n import _, ngettext

if TYPE_CHECKING:  # imported when the analysis runs (it pulls in the treatment statistics)
    from twitchlog.analysis.treatments import TreatmentResult

OUTCOME_WORDS = words_.OUTCOME_WORDS
CAVEAT = words_.CAVEAT

# Collecting: below these, say only "not enough data yet".
MIN_PAIRED_DAYS = 42
MIN_GROUP_DAYS = 10
MIN_FULL_BLOCKS = 2
# Data minimums before a "link" verdict.
MIN_N_EFF = 30.0
MIN_DAYS_COVERED = 90
MIN_EPISODE_DAYS = 24
Q_CLEAR = 0.03
Q_POSSIBLE = 0.25
REVERSE_P = 0.05  # a reverse association this clear, and as strong, drops the verdict
# The checking-in-on-bad-days warning: days without a check-in that still have twitches.
MIN_OFF_DAYS_WITH_TWITCHES = 10
CHECKIN_BIAS_RATIO = 1.25

VERDICTS: tuple[str, ...] = (
    "clear link",
    "possible link",
    "too early to tell",
    "no clear link",
    "not enough data",
)
VERDICT_RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}


@dataclass(frozen=True)
class Finding:
    """One factor at one lag. `rho_within`/`p`/`q` are the gate; the ratio is the effect.

    lag_days: the factor's value from `lag_days` days before the outcome day (−1 = the
    day after: the reverse-direction check, `reverse=True`, never in the BH family).
    `ratio`/`ratio_ci` are compared within the same month and kind of day; `high_mean`
    and `low_mean` are what was logged. `reverse_p`/`reverse_rho` are this factor's
    reverse check; `reverse_stronger` means it dropped the verdict; `reverse_note` is it in
    words.
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
    when: str = ""
    reverse_p: float = float("nan")
    reverse_rho: float = float("nan")
    reverse_stronger: bool = False
    family_p: float = float("nan")
    reverse_note: str = ""  # the reverse check in words ('' when not significant)


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
    caveat: str = field(default_factory=lambda: _(CAVEAT))
    experiment_hint: str | None = None
    treatments: tuple[TreatmentResult, ...] = field(default_factory=tuple)
    calendar_days: int = 0
    checkin_note: str = ""
    checkin_bias: bool = False
    detectable_ratio: float | None = None
    factors_tested: int = 0


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


def _full_blocks(days: np.ndarray) -> int:
    """28-day calendar blocks lying wholly between the first and last paired day."""
    if days.size == 0:
        return 0
    d0 = int(days[0]) + stats.EPOCH_MONDAY
    d1 = int(days[-1]) + stats.EPOCH_MONDAY
    first_block = -(-d0 // stats.BLOCK_DAYS)
    last_block = (d1 + 1) // stats.BLOCK_DAYS  # exclusive
    return max(0, last_block - first_block)


@dataclass
class _Test:
    """Working state of one factor × lag before q-values exist."""

    info: FactorInfo
    lag: int
    split: Split | None
    y: np.ndarray
    high: np.ndarray
    days: np.ndarray  # epoch days of the pairs
    part: stats.Partial
    effect: Effect | None
    episode_days: int
    gate: str | None  # reason for "not enough data", else None
    covered: int = 0
    more: words_.MoreDays | None = None


def _covered(days: np.ndarray, lag: int) -> int:
    """Calendar days the comparison spans, counting the lagged factor's own days."""
    return int(days[-1] - days[0]) + 1 + max(lag, 0) if days.size else 0


def _more_days(t: _Test, n_eff: float | None) -> words_.MoreDays | None:
    """Days until a verdict is really possible, at this diary's own pace; words instead
    of a number when a count is too small for a pace to mean anything."""
    n = int(t.days.size)
    if n == 0:
        return None
    n_high = int(np.count_nonzero(t.high))
    g = min(n_high, n - n_high)
    cond = words_.condition(t.info, words_.split_words(t.split, t.info))
    if g < 5:
        shown = cond if t.info.kind != "yesno" else words_.lowerfirst(words_.label_of(t.info))
        if n_high == g:
            text = ngettext(
                "you have had only {n} day with {condition} so far; "
                "a verdict needs at least {need} of each",
                "you have had only {n} days with {condition} so far; "
                "a verdict needs at least {need} of each",
                g,
            )
        else:
            text = ngettext(
                "you have had only {n} day without {condition} so far; "
                "a verdict needs at least {need} of each",
                "you have had only {n} days without {condition} so far; "
                "a verdict needs at least {need} of each",
                g,
            )
        return words_.MoreDays(None, text.format(n=g, condition=shown, need=MIN_GROUP_DAYS))
    if t.episode_days < 5:
        return words_.MoreDays(
            None,
            ngettext(
                "only {n} check-in day with twitches so far; a verdict needs at least {need}",
                "only {n} check-in days with twitches so far; a verdict needs at least {need}",
                t.episode_days,
            ).format(n=t.episode_days, need=MIN_EPISODE_DAYS),
        )
    span = max(t.covered, 1)
    rate = n / span  # paired days per calendar day
    targets = [MIN_PAIRED_DAYS / n, MIN_GROUP_DAYS / g, MIN_EPISODE_DAYS / t.episode_days]
    if n_eff is not None and np.isfinite(n_eff) and n_eff > 0:
        targets.append(MIN_N_EFF / n_eff)
    need_pairs = max(0.0, max(targets) * n - n)
    need = need_pairs / rate
    need = max(need, MIN_DAYS_COVERED - t.covered)
    if _full_blocks(t.days) < MIN_FULL_BLOCKS:
        d0 = int(t.days[0]) + stats.EPOCH_MONDAY
        end_needed = (-(-d0 // stats.BLOCK_DAYS) + MIN_FULL_BLOCKS) * stats.BLOCK_DAYS - 1
        need = max(need, end_needed - (int(t.days[-1]) + stats.EPOCH_MONDAY))
    days = max(1, math.ceil(need))
    if days > 365:
        return words_.MoreDays(None, _("probably more than a year at this pace"))
    return words_.MoreDays(days)


def _run_test(
    info: FactorInfo,
    lag: int,
    split: Split | None,
    x: np.ndarray,
    y: np.ndarray,
    episodes: np.ndarray,
    epoch: np.ndarray,
) -> _Test:
    """One factor × lag over the window (x, y, episodes and epoch days all aligned)."""
    xl = _lagged(x, lag)
    mask = np.isfinite(y) & np.isfinite(xl)
    xs, ys, days = xl[mask], y[mask], epoch[mask]
    high = split.high(xs) if split is not None else np.zeros(xs.size, bool)
    n_high = int(np.count_nonzero(high))
    n_low = int(xs.size - n_high)
    ep_days = int(np.count_nonzero(episodes[mask] > 0))
    nan = float("nan")
    empty = stats.Partial(int(xs.size), nan, nan, nan)
    gate = None
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
        or _full_blocks(days) < MIN_FULL_BLOCKS
    ):
        gate = "collecting"
    _, strata = stats.calendar_groups(days)
    covered = _covered(days, lag)
    if gate is not None:
        eff = adjusted_effect(ys, high, strata, days) if xs.size else None
        t = _Test(info, lag, split, ys, high, days, empty, eff, ep_days, gate, covered)
        if gate == "collecting":
            t.more = _more_days(t, None)
        return t
    # The test is on the same high/low split as the effect shown (one effect, one
    # verdict); the plain rho stays the Spearman correlation of the values.
    hx = split.high(x).astype(float) if split is not None else x
    hx = np.where(np.isfinite(x), hx, np.nan)
    part = stats.partial_within(
        high.astype(float), ys, days, _covariates(hx, y, lag, mask), rho_x=xs
    )
    eff = adjusted_effect(ys, high, strata, days)
    return _Test(info, lag, split, ys, high, days, part, eff, ep_days, None, covered)


def _covariates(x: np.ndarray, y: np.ndarray, lag: int, mask: np.ndarray) -> tuple[np.ndarray, ...]:
    """What the partial correlation adjusts for: the factor on the neighbouring day (so
    a next-day effect is not read as a same-day one, and back) and the twitching of the
    day before the factor's own day (so a factor that *follows* bad days, with
    persistent twitching, does not pass for a trigger). Lag 0 looks at the day before,
    never after: a factor changed by today's twitching must not be adjusted for."""
    neighbour = _lagged(x, lag + 1 if lag <= 0 else lag - 1)[mask]
    y_before = _lagged(y, max(lag, 0) + 1)[mask]
    return (neighbour, y_before)


def _too_early_reasons(t: _Test) -> tuple[str, ...]:
    reasons = []
    if not np.isfinite(t.part.rho_within):
        reasons.append(_("no day-to-day variation within months to compare"))
    elif t.part.n_eff < MIN_N_EFF:
        reasons.append(
            _("your days are alike, worth about {n} independent days").format(
                n=f"{t.part.n_eff:.0f}"
            )
        )
    if t.covered < MIN_DAYS_COVERED:
        reasons.append(
            _("{n} of the {need} days needed").format(n=t.covered, need=MIN_DAYS_COVERED)
        )
    if t.episode_days < MIN_EPISODE_DAYS:
        reasons.append(
            ngettext(
                "only {n} check-in day with twitches",
                "only {n} check-in days with twitches",
                t.episode_days,
            ).format(n=t.episode_days)
        )
    return tuple(reasons)


def _data_ok(t: _Test) -> bool:
    return (
        np.isfinite(t.part.n_eff)
        and t.part.n_eff >= MIN_N_EFF
        and t.covered >= MIN_DAYS_COVERED
        and t.episode_days >= MIN_EPISODE_DAYS
    )


def _verdict(t: _Test, q: float, rev: words_.Reverse | None) -> str:
    """The verdict; a link needs q, the data minimums, an interval that agrees, and no
    reverse association as strong as the forward one."""
    if t.gate is not None:
        return "not enough data"
    if not _data_ok(t):
        return "too early to tell"
    if rev is not None and rev.stronger:
        return "no clear link"
    if not (np.isfinite(q) and q <= Q_POSSIBLE):
        return "no clear link"
    e = t.effect
    agrees = (
        e is not None
        and np.isfinite(e.ratio_ci[0])
        and np.isfinite(e.ratio_ci[1])
        and (e.ratio_ci[0] > 1 or e.ratio_ci[1] < 1)
        and (e.ratio_ci[0] > 1) == (t.part.rho_within > 0)
    )
    if q <= Q_CLEAR and agrees:
        return "clear link"
    return "possible link"


def _finding(
    t: _Test,
    p: float,
    ci: tuple[float, float],
    q: float,
    verdict: str,
    sentence: str,
    rev: words_.Reverse | None = None,
    family_p: float = float("nan"),
) -> Finding:
    nan = float("nan")
    e = t.effect
    return Finding(
        factor=t.info.key,
        label=words_.label_of(t.info),
        lag_days=t.lag,
        n=int(t.days.size),
        rho=t.part.rho,
        rho_within=t.part.rho_within,
        rho_within_ci=ci,
        n_eff=t.part.n_eff,
        ratio=e.ratio if e else nan,
        ratio_ci=e.ratio_ci if e else (nan, nan),
        difference=e.difference if e else nan,
        difference_ci=e.difference_ci if e else (nan, nan),
        high_mean=e.high_mean if e else nan,
        low_mean=e.low_mean if e else nan,
        high_days=e.high_days if e else 0,
        low_days=e.low_days if e else 0,
        split=words_.split_words(t.split, t.info),
        p=p,
        q=q,
        verdict=verdict,
        sentence=sentence,
        days_covered=t.covered,
        episode_days=t.episode_days,
        more_days=t.more.days if t.more else None,
        reverse=t.lag < 0,
        when=words_.when_words(t.lag),
        reverse_p=rev.p if rev else nan,
        reverse_rho=rev.rho if rev else nan,
        reverse_stronger=bool(rev and rev.stronger),
        family_p=family_p,
        reverse_note=words_.reverse_note(t.info, rev),
    )


def _sort_key(f: Finding) -> tuple[int, float, float, str, int]:
    q = f.q if np.isfinite(f.q) else 2.0
    rw = abs(f.rho_within) if np.isfinite(f.rho_within) else 0.0
    return (VERDICT_RANK[f.verdict], q, -rw, f.factor, f.lag_days)


def _checkin(data: DailyData) -> tuple[int, int, tuple[float, float, int] | None]:
    """Check-in days, calendar days, and the bad-day check-in evidence.

    The evidence is the twitches logged on days *without* a check-in: among days with
    any twitches, if check-in days had clearly more episodes than the others
    (≥ 1.25× and a one-sided Mann–Whitney p < 0.01, at least 10 such days without a
    check-in), check-ins cluster on bad days. Days with nothing logged (a holiday) say
    nothing either way and are left out. Returns (on, off, days without) means.
    """
    obs = np.asarray(data.observed, dtype=bool)
    ep = np.asarray(data.episodes, dtype=float)
    n_obs = int(obs.sum())
    any_data = np.flatnonzero(obs | (ep > 0))
    n_cal = int(any_data[-1] - any_data[0]) + 1 if any_data.size else 0
    on, off = ep[obs & (ep > 0)], ep[~obs & (ep > 0)]
    if on.size < MIN_OFF_DAYS_WITH_TWITCHES or off.size < MIN_OFF_DAYS_WITH_TWITCHES:
        return n_obs, n_cal, None
    m_on, m_off = float(on.mean()), float(off.mean())
    if m_on < CHECKIN_BIAS_RATIO * m_off:
        return n_obs, n_cal, None
    from scipy.stats import mannwhitneyu

    if float(mannwhitneyu(on, off, alternative="greater").pvalue) >= 0.01:
        return n_obs, n_cal, None
    return n_obs, n_cal, (m_on, m_off, int(off.size))


def _detectable(tests: list[_Test], factors: int) -> float | None:
    """Smallest ratio found most of the time (80%) as a clear link in this diary.

    From this diary's own spread: the median variance of log-ratio over the tests run
    (their intervals), scaled to a balanced high/low split, and the per-test level a
    single real factor must reach under Simes (2 lags) and BH (all factors).
    """
    from scipy.stats import norm

    ses = []
    for t in tests:
        e = t.effect
        if t.gate is None and t.lag >= 0 and e is not None and np.isfinite(e.ratio_ci[1]):
            lo, hi = e.ratio_ci
            if lo > 0 and hi > lo:
                balance = (e.high_days * e.low_days) / (e.high_days + e.low_days) ** 2
                se = (math.log(hi) - math.log(lo)) / (2 * 1.96)
                ses.append(se * math.sqrt(balance / 0.25))
    if not ses:
        return None
    alpha = Q_CLEAR / (2 * max(factors, 1))
    z = float(norm.ppf(1 - alpha / 2) + norm.ppf(0.8))
    return float(math.exp(z * float(np.median(ses))))


def analyze_triggers(
    data: DailyData,
    outcome: str = "count",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> TriggerReport:
    """The one trigger analysis of a date range (default: all of `data`).

    Tests every factor with data at lags 0 and 1 (and 2 for slow ones) against the
    outcome ("count" episodes a day, "severity" or "duration" a day), plus the reverse
    check (the factor the day *after*). Only days from `start` to `end` are used,
    including for lags, so the answer does not depend on what was loaded around them.
    """
    if outcome not in OUTCOME_WORDS:
        raise ValueError(f"outcome must be one of {sorted(OUTCOME_WORDS)}, not {outcome!r}")
    from twitchlog.analysis.power import power_sentence
    from twitchlog.analysis.treatments import analyze_treatments

    data = data.between(start, end)
    y = data.outcome(outcome)
    episodes = np.asarray(data.episodes, dtype=float)
    epoch = data.epoch_days()
    observed_days = int(np.count_nonzero(np.asarray(data.observed, dtype=bool)))
    forward: dict[str, list[_Test]] = {}
    backward: dict[str, _Test] = {}
    for key, values in data.factors.items():
        info = factor_info(data, key)
        x = np.asarray(values, dtype=float)
        split = choose_split(x, info)
        lags = [0, 1] + ([2] if info.slow else [])
        forward[key] = [_run_test(info, lag, split, x, y, episodes, epoch) for lag in lags]
        backward[key] = _run_test(info, -1, split, x, y, episodes, epoch)
    tests = [t for ts in forward.values() for t in ts] + list(backward.values())
    rho_w = np.array([t.part.rho_within for t in tests], dtype=float)
    n_eff = np.array([t.part.n_eff for t in tests], dtype=float)
    p_arr, lo_arr, hi_arr = stats.correlation_test(rho_w, n_eff)
    p_of = {id(t): float(p_arr[i]) for i, t in enumerate(tests)}
    ci_of = {id(t): (float(lo_arr[i]), float(hi_arr[i])) for i, t in enumerate(tests)}

    # Simes within each factor's lags, then BH across factors.
    def tested(t: _Test) -> bool:
        return t.gate is None and np.isfinite(p_of[id(t)])

    keys = [k for k, ts in forward.items() if any(tested(t) for t in ts)]
    fam_p = {k: stats.simes(np.array([p_of[id(t)] for t in forward[k] if tested(t)])) for k in keys}
    fam_q = dict(zip(keys, stats.bh_q(np.array([fam_p[k] for k in keys])), strict=True))
    comparisons = sum(1 for k in keys for t in forward[k] if tested(t))
    words = words_.outcome_words(outcome)

    findings: list[Finding] = []
    reverse: list[Finding] = []
    for key, ts in forward.items():
        bt = backward[key]
        rev = None
        p_rev = p_of[id(bt)]
        m = sum(1 for t in ts if tested(t))
        for t in ts:
            p = p_of[id(t)]
            q = float("nan")
            if tested(t):
                q = max(float(fam_q[key]), min(1.0, m * p))
            if bt.gate is None and np.isfinite(p_rev):
                # Only a forward association that would count can be explained away.
                forward_seen = np.isfinite(q) and (q <= Q_POSSIBLE or p < REVERSE_P)
                stronger = (
                    forward_seen
                    and p_rev < REVERSE_P
                    and abs(bt.part.rho_within) >= abs(t.part.rho_within)
                    and np.sign(bt.part.rho_within) == np.sign(t.part.rho_within)
                )
                rev = words_.Reverse(bt.part.rho_within, p_rev, bool(stronger))
            verdict = _verdict(t, q, rev)
            sentence = _sentence(t, verdict, q, comparisons, words, rev)
            findings.append(
                _finding(
                    t, p, ci_of[id(t)], q, verdict, sentence, rev, fam_p.get(key, float("nan"))
                )
            )
        if bt.gate is not None:
            cond = words_.condition(bt.info, words_.split_words(bt.split, bt.info))
            sentence = words_.not_enough_sentence(
                bt.info, bt.gate, cond, bool(bt.high.all()), int(bt.days.size), bt.more
            )
            verdict = "not enough data"
            rev_b = None
        else:
            rev_b = words_.Reverse(bt.part.rho_within, p_rev, False)
            sentence = words_.reverse_sentence(bt.info, rev_b)
            verdict = "reverse check"
        reverse.append(_finding(bt, p_rev, ci_of[id(bt)], float("nan"), verdict, sentence, rev_b))
    findings.sort(key=_sort_key)
    any_link = any(f.verdict in ("clear link", "possible link") for f in findings)
    n_obs, n_cal, bias = _checkin(data)
    detectable = _detectable(tests, len(keys)) if keys else None
    power_note = power_sentence(observed_days)
    extra = words_.detectable_sentence(detectable, observed_days)
    if extra:
        power_note = f"{power_note} {extra}"
    return TriggerReport(
        outcome=outcome,
        start=start,
        end=end,
        observed_days=observed_days,
        comparisons=comparisons,
        findings=tuple(findings),
        reverse_checks=tuple(reverse),
        power_note=power_note,
        experiment_hint=_(words_.EXPERIMENT_HINT) if any_link else None,
        treatments=tuple(analyze_treatments(data, outcome=outcome)),
        calendar_days=n_cal,
        checkin_note=words_.checkin_sentence(n_obs, n_cal, bias),
        checkin_bias=bias is not None,
        detectable_ratio=detectable,
        factors_tested=len(keys),
    )


def _sentence(
    t: _Test, verdict: str, q: float, comparisons: int, words: str, rev: words_.Reverse | None
) -> str:
    split = words_.split_words(t.split, t.info)
    if verdict == "not enough data":
        cond = words_.condition(t.info, split)
        return words_.not_enough_sentence(
            t.info, t.gate or "collecting", cond, bool(t.high.all()), int(t.days.size), t.more
        )
    if verdict == "too early to tell":
        t.more = _more_days(t, t.part.n_eff)
    e = t.effect
    assert e is not None
    s = words_.finding_sentence(
        t.info, t.lag, split, verdict, e, q, comparisons, words, _too_early_reasons(t), rev, t.more
    )
    raw = e.high_mean / e.low_mean if e.low_mean > 0 else float("nan")
    lo, hi = e.ratio_ci
    if (
        verdict in ("no clear link", "too early to tell")
        and np.isfinite(raw)
        and np.isfinite(lo)
        and np.isfinite(hi)
        and not lo * (1 - 1e-9) <= raw <= hi * (1 + 1e-9)
    ):
        s = words_.drift_note(s)
    return s
