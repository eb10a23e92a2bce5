"""Botulinum toxin cycles: onset, best weeks and wear-off of each injection, week by week.

Each cycle (injection day to the next injection, or to the end of the diary) is compared
with an untreated baseline. Which one was settled by simulation (the slow test in
tests/analysis/test_cycles.py; figures in docs/injections.md): the weeks before the first
injection when the diary has at least two of them, else the late weeks (day 70 on) of the
previous cycle. The 28 days just before each injection, used before, lie in the previous cycle's
wear-off, so a true 60% reduction read "no clear change" for every injection but the first.

Pure functions over plain arrays: `y` is the outcome per calendar day (NaN = no check-in)
and injections are day numbers into it. Intervals are approximate (days are not
independent; the Bartlett design effect widens them), and each estimate says "can't tell
yet" when there are too few days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from twitchlog.analysis import stats
from twitchlog.analysis.due import next_due
from twitchlog.analysis.effects import Effect, group_effect
from twitchlog.analysis.sentences import verdict_words
from twitchlog.i18n import N_, _, format_number

PRE_DAYS = 84  # untreated days before the first injection used as the baseline (at most)
MIN_BASELINE_DAYS = 14
LATE_FROM_DAY = 70  # the previous cycle's days from here on count as "late weeks"
EFFECT_WINDOW = (7, 63)  # weeks 1–8: the cycle's verdict, fixed in advance (no choosing)
MIN_WINDOW_DAYS = 14
MIN_WEEK_DAYS = 4  # observed days for a week's own rate to count
ONSET_SEARCH_WEEKS = 6
MIN_SEGMENT_DAYS = 7  # low days before a wear-off
MIN_BACK_DAYS = 4  # days back up after it
BACK_SHARE = 2 / 3  # the level fitted after T: two thirds of the way back
BEST_SPAN_WEEKS = 2
MIN_TREND_CYCLES = 3
MIN_TREND_WEEKS = 0.5  # per cycle: less is "about the same" however sure
BASELINES = ("auto", "pre", "late")


def _effect(
    y: np.ndarray, base: np.ndarray, test: np.ndarray, min_days: int, acf: np.ndarray
) -> Effect | None:
    """Mean of `test` days against `base` days (index arrays into y), design-effect adjusted."""
    bi = base[np.isfinite(y[base])]
    ti = test[np.isfinite(y[test])]
    if bi.size < min_days or ti.size < min_days:
        return None
    return compare_days(y, bi, ti, acf)[0]


def compare_days(
    y: np.ndarray, before: np.ndarray, after: np.ndarray, acf: np.ndarray | None = None
) -> tuple[Effect, int, int]:
    """Mean of the `after` days against the `before` days (index arrays into y, sorted,
    disjoint; NaN days dropped), with the interval widened by the Bartlett design effect
    1 + 2·Σ r_group(k)·r_outcome(k).

    The outcome's autocorrelation `acf` (lags 1..) is best estimated once over the whole
    diary with the treatment phases taken out (see `outcome_acf`): from the two groups
    alone it comes out too small (a few months of data) and with the step between them
    left in, the effect itself passes for persistence.
    """
    idx, high, yy, n_before, n_after = pooled_days(y, before, after)
    if n_before < 2 or n_after < 2:
        return group_effect(yy, high, 1.0), n_before, n_after
    if acf is None:
        resid = yy - np.where(high, yy[high].mean(), yy[~high].mean())
        deff = stats.design_effect(high.astype(float), resid, idx)
    else:
        a = high.astype(float)
        r_a = stats.calendar_autocorr(a - a.mean(), idx, acf.size)
        deff = float(np.clip(1.0 + 2.0 * float(np.dot(r_a, acf)), 1.0, max(idx.size / 4, 1.0)))
    return group_effect(yy, high, deff), n_before, n_after


def pooled_days(
    y: np.ndarray, before: np.ndarray, after: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """The recorded `before` and `after` days (index arrays into y) in calendar order.

    Returns (day index, is-after flag, outcome, days before, days after): the one way
    both the cycle and the before/after comparisons line the two groups up.
    """
    bi = before[np.isfinite(y[before])]
    ai = after[np.isfinite(y[after])]
    idx = np.concatenate([bi, ai])
    order = np.argsort(idx, kind="stable")
    high = np.concatenate([np.zeros(bi.size, bool), np.ones(ai.size, bool)])[order]
    idx = idx[order]
    return idx, high, y[idx], int(bi.size), int(ai.size)


def outcome_acf(y: np.ndarray, starts: Sequence[int], max_lag: int = 60) -> np.ndarray:
    """The outcome's autocorrelation r(1..max_lag), estimated once over the whole diary.

    Each treatment phase (untreated; each cycle's days 4–62; the rest of the cycle) is
    centred on its own mean, so the effect does not pass for persistence. The raw
    estimate is biased low over a few hundred days, so it is smoothed into a geometric
    decay r(1)·φ^(k−1) fitted to lags 1–5 (flares that fade, as the simulator's do).
    """
    idx = np.flatnonzero(np.isfinite(y))
    out = np.zeros(max_lag)
    if idx.size < 30:
        return out
    cuts = sorted({0, y.size, *(c for s in starts for c in (s + 4, s + 63) if 0 < c < y.size)})
    phase = np.searchsorted(np.array(cuts), idx, side="right")
    v = y[idx]
    means = np.bincount(phase, v) / np.maximum(np.bincount(phase), 1)
    r = stats.calendar_autocorr(v - means[phase], idx, 5)
    if r[0] <= 0.02:
        return out
    good = r > 0.02
    k = np.arange(1, 6)[good]
    phi = 0.0
    if k.size >= 2:
        slope = np.polyfit(k - 1, np.log(r[good]), 1)[0]
        phi = float(np.clip(np.exp(slope), 0.0, 0.95))
    decay: np.ndarray = r[0] * phi ** np.arange(max_lag)
    return decay


@dataclass(frozen=True)
class Baseline:
    source: str  # "before the first injection" | "late weeks of the previous cycle" | "none"
    days: np.ndarray  # day indices (observed)
    rate: float
    band: tuple[float, float]  # 25th–75th percentile of the baseline's 7-day rates


@dataclass(frozen=True)
class WeekEstimate:
    """A week since the injection with its plausible range; `week` None = can't tell."""

    week: int | None
    low: int | None = None
    high: int | None = None
    status: str = "can't tell yet"  # "found" | "not yet" | "can't tell yet" | "none"
    why: str = ""

    @property
    def words(self) -> str:
        if self.week is None:
            return self.why or verdict_words(self.status)
        if (
            self.low is not None
            and self.high is not None
            and (self.low, self.high)
            != (
                self.week,
                self.week,
            )
        ):
            return _("week {week} (weeks {low}–{high})").format(
                week=self.week, low=self.low, high=self.high
            )
        return _("week {week}").format(week=self.week)


@dataclass(frozen=True)
class Best:
    first_week: int
    last_week: int
    rate: float
    ratio: float
    ratio_ci: tuple[float, float]

    @property
    def words(self) -> str:
        lo, hi = self.ratio_ci
        return _(
            "weeks {first}–{last}: {ratio}× your untreated rate (approx. {low}–{high})"
        ).format(
            first=self.first_week,
            last=self.last_week,
            ratio=format_number(self.ratio, 1),
            low=format_number(lo, 1),
            high=format_number(hi, 1),
        )


@dataclass(frozen=True)
class Cycle:
    start: dt.date
    start_day: int  # index into the diary's days
    length_days: int  # to the next injection or the end of the diary
    complete: bool  # a next injection ended it
    weeks: np.ndarray  # 0..
    rates: np.ndarray  # rate per observed day each week; NaN with too few days
    baseline: Baseline
    ratio: float  # weeks 1–8 against the baseline
    ratio_ci: tuple[float, float]
    window_days: int
    verdict: str  # "lower" | "higher" | "no clear change" | "can't tell yet"
    onset: WeekEstimate
    best: Best | None
    wear_off: WeekEstimate
    wear_off_day: int | None  # the day the rate stepped back up (for the chart)
    felt_day: int | None  # first "I feel it wearing off" after the injection

    @property
    def felt_week(self) -> int | None:
        return None if self.felt_day is None else self.felt_day // 7


@dataclass(frozen=True)
class CycleReport:
    cycles: tuple[Cycle, ...]
    median_relief_weeks: float | None  # over cycles with a measured wear-off
    relief_weeks: tuple[float, ...]
    trend: str  # "shortening" | "lengthening" | "about the same" | "can't tell yet"
    trend_weeks_per_cycle: float | None
    trend_ci: tuple[float, float] | None
    interval_days: int
    interval_is_default: bool
    next_due: dt.date | None
    felt_median_week: float | None
    baseline_choice: str
    sentences: tuple[str, ...]


# --- baseline ---------------------------------------------------------------------------


def _observed(y: np.ndarray, lo: int, hi: int) -> np.ndarray:
    lo, hi = max(lo, 0), min(hi, y.size)
    idx = np.arange(lo, max(lo, hi))
    observed: np.ndarray = idx[np.isfinite(y[idx])]
    return observed


def _band(y: np.ndarray, days: np.ndarray) -> tuple[float, float]:
    if days.size < 7:
        return (float("nan"), float("nan"))
    weeks = (days - days[0]) // 7
    rates = [float(np.mean(y[days[weeks == w]])) for w in np.unique(weeks)]
    counts = np.bincount(weeks)
    good = [r for r, c in zip(rates, counts[np.unique(weeks)], strict=True) if c >= MIN_WEEK_DAYS]
    if len(good) < 2:
        return (float("nan"), float("nan"))
    q = np.percentile(good, [25, 75])
    return (float(q[0]), float(q[1]))


def baseline_for(y: np.ndarray, starts: Sequence[int], k: int, choice: str = "auto") -> Baseline:
    """The untreated comparison for cycle k (see the module docstring for the choice)."""
    pre = _observed(y, starts[0] - PRE_DAYS, starts[0])
    late = _observed(y, starts[k - 1] + LATE_FROM_DAY, starts[k]) if k > 0 else pre
    use_pre = choice == "pre" or (choice == "auto" and pre.size >= MIN_BASELINE_DAYS)
    if use_pre or k == 0:  # cycle 0's "late weeks" are the days before the first injection
        days, source = pre, N_("before the first injection")
    else:
        days, source = late, N_("late weeks of the previous cycle")
    if days.size < MIN_BASELINE_DAYS:
        return Baseline("none", days, float("nan"), (float("nan"), float("nan")))
    return Baseline(source, days, float(np.mean(y[days])), _band(y, days))


# --- one cycle ----------------------------------------------------------------------------


def _weekly(y: np.ndarray, s: int, length: int) -> tuple[np.ndarray, np.ndarray]:
    n_weeks = max((length + 6) // 7, 0)
    weeks = np.arange(n_weeks)
    rates = np.full(n_weeks, np.nan)
    for w in range(n_weeks):
        d = _observed(y, s + 7 * w, min(s + 7 * w + 7, s + length))
        if d.size >= MIN_WEEK_DAYS:
            rates[w] = float(np.mean(y[d]))
    return weeks, rates


def _onset(y: np.ndarray, base: Baseline, s: int, length: int, acf: np.ndarray) -> WeekEstimate:
    """The first week whose own interval lies below the baseline ("clearly lower")."""
    last_unclear = -1
    for w in range(min(ONSET_SEARCH_WEEKS, (length + 6) // 7)):
        d = _observed(y, s + 7 * w, min(s + 7 * w + 7, s + length))
        eff = _effect(y, base.days, d, MIN_WEEK_DAYS, acf)
        if eff is None:
            continue
        if np.isfinite(eff.ratio_ci[1]) and eff.ratio_ci[1] < 1:
            return WeekEstimate(w, last_unclear + 1, w, "found")
        last_unclear = w
    return WeekEstimate(
        None, why=_("no clearly lower week among the first {n} weeks").format(n=ONSET_SEARCH_WEEKS)
    )


def _best(y: np.ndarray, base: Baseline, s: int, stop: int, acf: np.ndarray) -> Best | None:
    """The lowest two consecutive weeks before `stop` (days since the injection)."""
    found: tuple[float, int] | None = None
    for w in range(max((stop - 7 * BEST_SPAN_WEEKS) // 7 + 1, 0)):
        d = _observed(y, s + 7 * w, s + min(7 * (w + BEST_SPAN_WEEKS), stop))
        if d.size >= 2 * MIN_WEEK_DAYS:
            rate = float(np.mean(y[d]))
            if found is None or rate < found[0]:
                found = (rate, w)
    if found is None:
        return None
    w = found[1]
    best_days = _observed(y, s + 7 * w, s + 7 * (w + BEST_SPAN_WEEKS))
    eff = _effect(y, base.days, best_days, 1, acf)
    if eff is None:
        return None
    return Best(w, w + BEST_SPAN_WEEKS - 1, found[0], eff.ratio, eff.ratio_ci)


def _change_point(
    y: np.ndarray, s: int, lo_day: int, length: int, base_rate: float, acf: np.ndarray
) -> tuple[int, tuple[int, int]] | None:
    """The day (since s) twitching climbs back toward the baseline, and its range.

    The fit: the cycle's own low level until day T, then a level two thirds of the way
    back to the baseline; T where the squared error is least, "not back yet" (no T)
    included (cumulative sums: every T at once). A day counts towards "back" when it
    lies above a third of the way, so a gradual climb is dated near its middle. Chosen
    by simulation: testing the step for significance left most wear-offs unmeasured (a
    cycle's last weeks are few days). The range is every T within the 95% profile bound
    (χ²₁ = 3.84 residual variances times the design effect of neighbouring days).
    """
    d = _observed(y, s + lo_day, s + length)
    n = d.size
    if n < MIN_SEGMENT_DAYS + MIN_BACK_DAYS:
        return None
    v = y[d]
    c1, c2 = np.cumsum(v), np.cumsum(v * v)
    k = np.arange(MIN_SEGMENT_DAYS, n + 1)  # days before T (k = n: not back yet)
    low = c2[k - 1] - c1[k - 1] ** 2 / k
    rest_n = n - k
    rest1 = c1[-1] - c1[k - 1]
    rest2 = c2[-1] - c2[k - 1]
    lvl = c1[k - 1] / k
    post = lvl + BACK_SHARE * (base_rate - lvl)
    back = rest2 - 2 * post * rest1 + rest_n * post**2
    sse = low + back
    too_short = (rest_n > 0) & (rest_n < MIN_BACK_DAYS)
    sse = np.where(too_short, np.inf, sse)
    i = int(np.argmin(sse))
    if k[i] == n:
        return None
    sigma2 = sse[i] / max(n - 2, 1)
    deff = 1.0 + 2.0 * float(np.sum(acf[: max(n // 5, 1)]))
    bound = 3.84 * sigma2 * deff
    near = k[(sse <= sse[i] + bound) & (k < n)]
    return int(d[k[i]] - s), (int(d[near.min()] - s), int(d[near.max()] - s))


def analyze_cycle(
    y: np.ndarray,
    starts: Sequence[int],
    k: int,
    dates0: dt.date,
    felt: Sequence[int] = (),
    baseline: str = "auto",
    acf: np.ndarray | None = None,
) -> Cycle:
    """Cycle k of the injections on day numbers `starts` (sorted) of outcome series y."""
    s = starts[k]
    nxt = starts[k + 1] if k + 1 < len(starts) else None
    length = max((nxt if nxt is not None else y.size) - s, 0)
    base = baseline_for(y, starts, k, baseline)
    weeks, rates = _weekly(y, s, length)
    end = nxt if nxt is not None else s + 10_000  # a felt marker may come after the data
    felt_day = next((f - s for f in sorted(felt) if s < f < end), None)
    window = _observed(y, s + EFFECT_WINDOW[0], s + min(EFFECT_WINDOW[1], length))
    if acf is None:
        acf = outcome_acf(y, starts)
    eff = _effect(y, base.days, window, MIN_WINDOW_DAYS, acf) if base.days.size else None
    blank = WeekEstimate(None, why=_("too few days to tell"))
    start_date = dates0 + dt.timedelta(days=s)
    if base.source == "none" or eff is None:
        why = (
            _("too few untreated days to compare with")
            if base.source == "none"
            else _("fewer than {n} check-ins in weeks 1–8").format(n=MIN_WINDOW_DAYS)
        )
        nan2 = (float("nan"), float("nan"))
        cant = WeekEstimate(None, why=why)
        return Cycle(
            start_date, s, length, nxt is not None, weeks, rates, base, float("nan"), nan2,
            int(window.size), "can't tell yet", cant, None, cant, None, felt_day,
        )  # fmt: skip
    lo, hi = eff.ratio_ci
    verdict = (
        "lower"
        if np.isfinite(hi) and hi < 1
        else ("higher" if np.isfinite(lo) and lo > 1 else "no clear change")
    )
    onset = _onset(y, base, s, length, acf)
    wear, wear_day = blank, None
    if verdict == "lower":
        from_day = 7 * (onset.week + 1) if onset.week is not None else EFFECT_WINDOW[0]
        cp = _change_point(y, s, from_day, length, base.rate, acf)
        if cp is not None:
            wear_day = cp[0]
            wear = WeekEstimate(wear_day // 7, cp[1][0] // 7, cp[1][1] // 7, "found")
        elif nxt is None:
            wear = WeekEstimate(
                None,
                status="not yet",
                why=_("not worn off so far (week {week})").format(week=length // 7),
            )
        else:
            wear = WeekEstimate(
                None, status="none", why=_("no clear return before the next injection")
            )
    else:
        onset = WeekEstimate(None, why=_("no clear relief in weeks 1–8"))
        wear = WeekEstimate(None, status="none", why=_("no clear relief to wear off"))
    best = _best(y, base, s, wear_day if wear_day is not None else length, acf)
    return Cycle(
        start_date,
        s,
        length,
        nxt is not None,
        weeks,
        rates,
        base,
        eff.ratio,
        eff.ratio_ci,
        int(window.size),
        verdict,
        onset,
        best if verdict == "lower" else None,
        wear,
        wear_day,
        felt_day,
    )


# --- across cycles ----------------------------------------------------------------------


def _trend(cycles: Sequence[Cycle]) -> tuple[str, float | None, tuple[float, float] | None]:
    found = [(i, c.wear_off_day / 7) for i, c in enumerate(cycles) if c.wear_off_day is not None]
    if len(found) < MIN_TREND_CYCLES:
        return "can't tell yet", None, None
    from scipy.stats import linregress, t

    x = np.array([i for i, _ in found], float)
    w = np.array([v for _, v in found])
    if np.ptp(x) == 0 or np.ptp(w) == 0:
        return "about the same", 0.0, (0.0, 0.0)
    fit = linregress(x, w)
    q = float(t.ppf(0.975, len(found) - 2))
    ci = (float(fit.slope - q * fit.stderr), float(fit.slope + q * fit.stderr))
    word = "about the same"
    if ci[1] < 0 and fit.slope <= -MIN_TREND_WEEKS:
        word = "shortening"
    elif ci[0] > 0 and fit.slope >= MIN_TREND_WEEKS:
        word = "lengthening"
    return word, float(fit.slope), ci


def analyze_cycles(
    y: np.ndarray,
    first_day: dt.date,
    injections: Sequence[dt.date],
    felt: Sequence[dt.date] = (),
    *,
    baseline: str = "auto",
    default_interval_days: int = 84,
) -> CycleReport:
    """Every cycle of the injections in the diary whose day 0 is `first_day`."""
    if baseline not in BASELINES:
        raise ValueError(f"baseline must be one of {BASELINES}")
    days = sorted(set(injections))
    starts = [(d - first_day).days for d in days]
    felt_idx = [(d - first_day).days for d in felt]
    keep = [k for k, s in enumerate(starts) if 0 <= s < y.size]
    acf = outcome_acf(y, starts)
    cycles = tuple(analyze_cycle(y, starts, k, first_day, felt_idx, baseline, acf) for k in keep)
    relief = tuple(c.wear_off_day / 7 for c in cycles if c.wear_off_day is not None)
    med = float(np.median(relief)) if relief else None
    trend, slope, ci = _trend(cycles)
    due, interval, is_default = next_due(days, default_interval_days)
    felt_weeks = [c.felt_day / 7 for c in cycles if c.felt_day is not None]
    felt_med = float(np.median(felt_weeks)) if felt_weeks else None
    report = CycleReport(
        cycles, med, relief, trend, slope, ci, interval, is_default, due, felt_med, baseline, ()
    )
    from twitchlog.analysis.cycle_words import report_sentences

    return replace(report, sentences=report_sentences(report))
