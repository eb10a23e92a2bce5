"""Before and after a treatment, and botulinum toxin injection cycles week by week.

A before/after comparison in one person is weak evidence: treatments tend to start when
twitching is at its worst (so it would often ease anyway) and neighbouring days are
alike. The numbers are shown with an approximate interval and that warning, always.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from twitchlog.analysis import stats
from twitchlog.analysis.cycle_words import cycle_sentence
from twitchlog.analysis.cycles import (
    EFFECT_WINDOW,
    Cycle,
    CycleReport,
    analyze_cycles,
    baseline_for,
    compare_days,
    outcome_acf,
    pooled_days,
)
from twitchlog.analysis.data import DailyData, TreatmentInfo
from twitchlog.analysis.effects import Effect, group_effect
from twitchlog.analysis.sentences import outcome_words
from twitchlog.i18n import N_, _, format_date, format_number

BEFORE_DAYS = 28
MIN_SIDE_DAYS = 14  # observed days needed on each side
# (onset gap, longest window after) in days: botulinum toxin acts after ~4 days and lasts
# ~12 weeks; for tablets and therapies a week's gap, then up to 12 weeks.
ONSET: dict[str, tuple[int, int]] = {"injection": (4, 84)}
DEFAULT_ONSET = (7, 84)
MIN_AFTER_WINDOW = 28  # calendar days after the gap for a non-injection treatment
CYCLE_WEEKS = np.arange(-4, 18)
NOTE = N_(
    "The interval is approximate and likely too narrow: neighbouring days are alike, and "
    "treatments often start when twitching is at its worst, so some easing would come anyway."
)


@dataclass(frozen=True)
class TreatmentResult:
    """Outcome per observed day in the 28 days before vs days [gap, gap + window) after."""

    name: str
    kind: str
    start: dt.date
    gap_days: int
    window_days: int
    before_days: int
    after_days: int
    before_rate: float
    after_rate: float
    ratio: float
    ratio_ci: tuple[float, float]
    verdict: str  # "not enough data" | "lower after" | "higher after" | "no clear change"
    sentence: str
    note: str = field(default_factory=lambda: _(NOTE))
    before_words: str = field(default_factory=lambda: _("the 28 days before"))


@dataclass(frozen=True)
class InjectionCycles:
    """Rates by week since each injection (rows = cycles), for a chart and the median line.

    `weeks` runs −4..17; `rates[c, w]` is NaN where cycle c has no observed day that week
    (or the next injection has already happened).
    """

    starts: tuple[dt.date, ...]
    weeks: np.ndarray
    rates: np.ndarray
    median: np.ndarray
    before_rate: float  # pooled untreated baseline (see cycles.baseline_for)
    weeks_2_10_rate: float  # pooled, weeks 2–10 after
    before_days: int
    after_days: int
    ratio: float
    ratio_ci: tuple[float, float]


def _day_index(data: DailyData, day: dt.date) -> int:
    return int((np.datetime64(day, "D") - data.dates[0].astype("datetime64[D]")).astype(int))


def _rate_text(v: float) -> str:
    return format_number(v, 1) if np.isfinite(v) else "?"


def _compare(y: np.ndarray, before: np.ndarray, after: np.ndarray) -> tuple[Effect, int, int, bool]:
    """Pooled before/after effect; `before`/`after` are index arrays into y (any order)."""
    idx, high, yy, n_before, n_after = pooled_days(y, before, after)
    if n_before < MIN_SIDE_DAYS or n_after < MIN_SIDE_DAYS:
        return group_effect(yy, high, 1.0), n_before, n_after, False
    # Duplicated days (overlapping cycles) would break the calendar ACF; dedupe for deff.
    uniq, first = np.unique(idx, return_index=True)
    deff = stats.design_effect(high[first].astype(float), yy[first], uniq)
    return group_effect(yy, high, deff), n_before, n_after, True


def before_after(
    data: DailyData, tr: TreatmentInfo, outcome: str = "count", next_start: dt.date | None = None
) -> TreatmentResult:
    """One treatment: 28 days before its start against the window after the onset gap.

    The window after stops at the end of the diary, at the treatment's end date and, for
    injections, at the next injection.
    """
    gap, window = ONSET.get(tr.kind, DEFAULT_ONSET)
    y = data.outcome(outcome) if data.n_days else np.zeros(0)
    s = _day_index(data, tr.start) if data.n_days else 0
    stop = s + gap + window
    for limit in (tr.end, next_start):
        if limit is not None and data.n_days:
            stop = min(stop, _day_index(data, limit) + (1 if limit == tr.end else 0))
    stop = min(stop, data.n_days)
    lo_b = max(0, s - BEFORE_DAYS)
    before = np.arange(lo_b, max(lo_b, min(s, data.n_days)))
    after = np.arange(max(s + gap, 0), max(stop, max(s + gap, 0)))
    window_days = int(after.size)
    eff, nb, na, ok = _compare(y, before, after)
    if tr.kind != "injection" and window_days < MIN_AFTER_WINDOW:
        ok = False
    words = outcome_words(outcome)
    when = f"{tr.name} ({format_date(tr.start)})"
    if not ok:
        verdict = "not enough data"
        sentence = _(
            "Not enough data yet around {treatment}: {before} check-in days in the 28 days "
            "before and {after} from day {gap} after (at least {need} each needed)."
        ).format(treatment=when, before=nb, after=na, gap=gap, need=MIN_SIDE_DAYS)
    else:
        lo, hi = eff.ratio_ci
        if np.isfinite(hi) and hi < 1:
            verdict = "lower after"
        elif np.isfinite(lo) and lo > 1:
            verdict = "higher after"
        else:
            verdict = "no clear change"
        ratio = (
            f"{format_number(eff.ratio, 1)}×" if np.isfinite(eff.ratio) else _("no twitches before")
        )
        if np.isfinite(hi):
            ratio = _("{ratio}, approx. 95% CI {low}–{high}").format(
                ratio=ratio, low=format_number(lo, 1), high=format_number(hi, 1)
            )
        sentence = _(
            "In the 28 days before {treatment} you logged {before} {outcome}; from day "
            "{gap} to day {end} after, {after} ({ratio}; {before_days} vs {after_days} days)."
        ).format(
            treatment=when,
            before=_rate_text(eff.low_mean),
            outcome=words,
            gap=gap,
            end=gap + window_days,
            after=_rate_text(eff.high_mean),
            ratio=ratio,
            before_days=nb,
            after_days=na,
        )
    return TreatmentResult(
        tr.name,
        tr.kind,
        tr.start,
        gap,
        window_days,
        nb,
        na,
        eff.low_mean,
        eff.high_mean,
        eff.ratio,
        eff.ratio_ci,
        verdict,
        sentence,
    )


def analyze_treatments(data: DailyData, outcome: str = "count") -> list[TreatmentResult]:
    """Before/after for every treatment with a start date, in date order; injections by
    their cycle against untreated time (see `cycles`), not the 28 days before."""
    trs = sorted((t for t in data.treatments if t.start is not None), key=lambda t: t.start)
    found = {}
    if data.n_days and any(t.kind == "injection" for t in trs):
        report = cycles_of(data, outcome)
        found = {c.start: c for c in report.cycles}
    out = []
    for tr in trs:
        if tr.kind == "injection":
            out.append(_from_cycle(tr, found.get(tr.start), outcome))
        else:
            out.append(before_after(data, tr, outcome))
    return out


def cycles_of(
    data: DailyData, outcome: str = "count", felt: tuple[dt.date, ...] = ()
) -> CycleReport:
    """The cycle analysis of the data's injections (see analysis.cycles)."""
    first = data.dates[0].astype(dt.date)
    days = [t.start for t in data.treatments if t.kind == "injection"]
    return analyze_cycles(data.outcome(outcome), first, days, felt)


def _from_cycle(tr: TreatmentInfo, c: Cycle | None, outcome: str) -> TreatmentResult:
    nan2 = (float("nan"), float("nan"))
    if c is None:
        return TreatmentResult(
            tr.name, tr.kind, tr.start, EFFECT_WINDOW[0], 0, 0, 0, float("nan"),
            float("nan"), float("nan"), nan2, "not enough data",
            _("Not enough data yet around {treatment}.").format(
                treatment=f"{tr.name} ({format_date(tr.start)})"
            ),
        )  # fmt: skip
    verdict = {
        "lower": "lower after",
        "higher": "higher after",
        "no clear change": "no clear change",
    }.get(c.verdict, "not enough data")
    base = c.baseline
    return TreatmentResult(
        tr.name,
        tr.kind,
        tr.start,
        EFFECT_WINDOW[0],
        max(min(EFFECT_WINDOW[1], c.length_days) - EFFECT_WINDOW[0], 0),
        int(base.days.size),
        c.window_days,
        base.rate,
        c.ratio * base.rate if np.isfinite(c.ratio) else float("nan"),
        c.ratio,
        c.ratio_ci,
        verdict,
        cycle_sentence(c, tr.name),
        before_words=_("untreated days ({source})").format(source=_(base.source)),
    )


def injection_cycles(data: DailyData, outcome: str = "count") -> InjectionCycles | None:
    """Per-cycle rates by week since injection (−4..17), their median, and weeks 2–10
    against the untreated baseline (pooled over cycles). None without injections in range."""
    starts = sorted({t.start for t in data.treatments if t.kind == "injection"})
    if not starts or data.n_days == 0:
        return None
    y = data.outcome(outcome)
    n = data.n_days
    idx = [_day_index(data, s) for s in starts]
    keep = [(d, i) for d, i in zip(starts, idx, strict=True) if -17 * 7 < i < n + 28]
    if not keep:
        return None
    weeks = CYCLE_WEEKS.copy()
    offs = weeks[:, None] * 7 + np.arange(7)[None, :]  # (22, 7) day offsets
    rates = np.full((len(keep), weeks.size), np.nan)
    before_all, after_all = [], []
    for c, (_start, s) in enumerate(keep):
        nxt = next((j for j in idx if j > s), n)
        days = s + offs
        valid = (days >= 0) & (days < n) & ((days < nxt) | (offs < 0))
        vals = np.where(valid, y[np.clip(days, 0, max(n - 1, 0))], np.nan)
        cnt = np.isfinite(vals).sum(axis=1)
        tot = np.nansum(vals, axis=1)
        rates[c] = np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)
        b = baseline_for(y, idx, idx.index(s)).days
        a = np.arange(s + 14, min(s + 77, nxt))
        before_all.append(b[(b >= 0) & (b < n)])
        after_all.append(a[(a >= 0) & (a < n)])
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = np.nanmedian(rates, axis=0)
    after = np.unique(np.concatenate(after_all))
    before = np.setdiff1d(np.concatenate(before_all), after)
    eff, nb, na = compare_days(y, before, after, outcome_acf(y, idx))
    return InjectionCycles(
        tuple(d for d, _ in keep),
        weeks,
        rates,
        median,
        eff.low_mean,
        eff.high_mean,
        nb,
        na,
        eff.ratio,
        eff.ratio_ci,
    )
