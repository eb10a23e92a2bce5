"""One factor in detail: the outcome per observed day in bins of the factor's value.

Bins follow the factor's kind and unit: yes/no; a 0–10 scale in pairs (0–2, 3–4, …);
numbers with a "0" bin when many days are zero and round steps that include the
catalog threshold where there is one (caffeine: 0, 1–100, 101–200, 201–300, >300 mg).
Each bin shows its mean with a 95% interval, the number of days, and the days themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from matplotlib.figure import Figure

from twitchlog.analysis.data import DailyData, FactorInfo, factor_info
from twitchlog.charts.base import (
    OUTCOMES,
    add_hover,
    check_outcome,
    empty_figure,
    label_axes,
    prepare,
    style_axes,
    title,
)
from twitchlog.charts.common import enough_days, fmt, num
from twitchlog.charts.theme import Theme, mix
from twitchlog.i18n import _, language, ngettext
from twitchlog.words import plural, unit_for

MAX_BINS = 6


@dataclass(frozen=True)
class Bin:
    """Values v with lo < v <= hi (lo = -inf / hi = inf for open ends)."""

    label: str
    lo: float
    hi: float
    left_closed: bool = False  # lo <= v < hi instead (for "below a threshold" factors)

    def contains(self, v: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            if self.left_closed:
                return (v >= self.lo) & (v < self.hi)
            return (v > self.lo) & (v <= self.hi)


@dataclass(frozen=True)
class BinStat:
    bin: Bin
    days: int
    mean: float
    ci: tuple[float, float]
    values: np.ndarray  # the outcome of each day in the bin


def _nice_step(raw: float, at_least: bool = False) -> float:
    """The round step (1, 2, 2.5 or 5 × 10^k) nearest `raw`; with at_least, the next ≥ raw."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    exp = math.floor(math.log10(raw))
    options = [m * 10.0**e for e in (exp - 1, exp, exp + 1) for m in (1, 2, 2.5, 5)]
    if at_least:
        return min(o for o in options if o >= raw)
    return min(options, key=lambda o: abs(math.log(o / raw)))


def choose_bins(values: np.ndarray, info: FactorInfo) -> list[Bin]:
    """Bins for the recorded (finite) values of one factor; empty when none recorded."""
    v = np.asarray(values, float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return []
    if info.kind == "yesno":
        return [Bin("no", -math.inf, 0.5), Bin("yes", 0.5, math.inf)]
    if info.kind == "scale":
        return [
            Bin("0–2", -math.inf, 2),
            Bin("3–4", 2, 4),
            Bin("5–6", 4, 6),
            Bin("7–8", 6, 8),
            Bin("9–10", 8, math.inf),
        ]
    uniq = np.unique(v)
    integers = bool(np.all(v == np.round(v)))
    if uniq.size <= MAX_BINS - 1:
        edges = [-math.inf, *((a + b) / 2 for a, b in pairwise(uniq))]
        return [
            Bin(num(u), lo, hi)
            for u, lo, hi in zip(uniq, edges, [*edges[1:], math.inf], strict=True)
        ]
    zero_bin = v.min() >= 0 and np.mean(v == 0) >= 0.1
    pos = v[v > 0] if zero_bin else v
    lo_q = 0.0 if zero_bin else float(np.quantile(pos, 0.05))
    hi_q = float(np.quantile(pos, 0.95))
    thr = info.high_from if info.high_from is not None else info.high_below
    parts = MAX_BINS - 2 if zero_bin else MAX_BINS - 1
    step = _nice_step((hi_q - lo_q) / max(parts, 1))
    while True:
        first = math.floor(lo_q / step) * step + (step if not zero_bin else 0)
        inner = [e for e in np.arange(first, hi_q, step) if e > (0 if zero_bin else lo_q - 1e-9)]
        if zero_bin:
            inner = [e for e in np.arange(step, hi_q, step)]
        if len(inner) + (2 if zero_bin else 1) <= MAX_BINS:
            break
        step = _nice_step(step * 1.01, at_least=True)
    inner = [round(float(e), 10) for e in inner]
    if thr is not None and lo_q < thr < hi_q and not any(abs(e - thr) < 1e-9 for e in inner):
        inner = sorted([*inner, float(thr)])
    if not inner:
        inner = [float(np.median(pos))]
    unit = f" {unit_for(2, info.unit)}" if info.unit else ""
    if info.high_below is not None and not zero_bin:
        # "Below a threshold" factors (short sleep): [a, b) bins, so "< 6 h" is its own bin.
        edges = [-math.inf, *inner, math.inf]
        labels = [f"< {num(inner[0])}"]
        labels += [f"{num(a)}–{num(b)}" for a, b in pairwise(inner)]
        labels.append(f"≥ {num(inner[-1])}{unit}")
        return [
            Bin(lab, a, b, True) for lab, a, b in zip(labels, edges[:-1], edges[1:], strict=True)
        ]
    bins: list[Bin] = []
    if zero_bin:
        bins.append(Bin("0", -math.inf, 0))
        prev = 0.0
    else:
        bins.append(Bin(f"≤ {num(inner[0])}", -math.inf, inner[0]))
        prev = inner[0]
        inner = inner[1:]
    for e in inner:
        low = num(prev + 1) if integers and step >= 1 and prev == int(prev) else num(prev)
        bins.append(Bin(f"{low}–{num(e)}", prev, e))
        prev = e
    bins.append(Bin(f"> {num(prev)}", prev, math.inf))
    return [
        Bin(b.label + (unit if i == len(bins) - 1 else ""), b.lo, b.hi) for i, b in enumerate(bins)
    ]


def bin_stats(
    data: DailyData, key: str, outcome: str = "count", lag: int = 0
) -> tuple[FactorInfo, list[BinStat]]:
    """Per bin: observed days whose factor value (from `lag` days before) falls in it."""
    check_outcome(outcome)
    info = factor_info(data, key)
    x = np.asarray(data.factors.get(key, np.full(data.n_days, np.nan)), float)
    if lag:
        shifted = np.full_like(x, np.nan)
        if lag < x.size:
            shifted[lag:] = x[:-lag]
        x = shifted
    y = data.outcome(outcome)
    paired = np.isfinite(x) & np.isfinite(y)
    out: list[BinStat] = []
    for b in choose_bins(x[paired], info):
        vals = y[paired & b.contains(x)]
        out.append(_stat(b, vals))
    return info, [s for s in out if s.days > 0]


def _stat(b: Bin, vals: np.ndarray) -> BinStat:
    """Mean with a t interval; it treats days as independent, so it is if anything too narrow."""
    n = int(vals.size)
    if n == 0:
        return BinStat(b, 0, math.nan, (math.nan, math.nan), vals)
    mean = float(vals.mean())
    if n < 2:
        return BinStat(b, n, mean, (math.nan, math.nan), vals)
    from scipy import stats

    se = float(vals.std(ddof=1)) / math.sqrt(n)
    half = float(stats.t.ppf(0.975, n - 1)) * se
    return BinStat(b, n, mean, (max(0.0, mean - half), mean + half), vals)


def build_factor(
    data: DailyData,
    key: str,
    outcome: str = "count",
    lag: int = 0,
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Bars of the mean outcome per bin with 95% intervals, day counts and jittered days."""
    check_outcome(outcome)
    if not enough_days(data):
        return empty_figure(fig, theme)
    info, stats_ = bin_stats(data, key, outcome, lag)
    if len(stats_) == 0:
        return empty_figure(
            fig,
            theme,
            _("No {factor} recorded yet").format(factor=_lower(_(info.label))),
            _("Fill it in at the daily check-in and it shows here."),
        )
    fig, theme = prepare(fig, theme)
    ax = style_axes(fig.add_subplot(), theme)
    pos = np.arange(len(stats_))
    means = np.array([s.mean for s in stats_])
    color = theme.accent(0)
    bars = ax.bar(
        pos,
        means,
        width=0.6,
        color=mix(theme.background, color, 0.55),
        edgecolor=color,
        linewidth=1.0,
        zorder=2,
        gid="bins",
    )
    lo = np.array([s.ci[0] for s in stats_])
    hi = np.array([s.ci[1] for s in stats_])
    ok = np.isfinite(lo) & np.isfinite(hi)
    ax.errorbar(
        pos[ok],
        means[ok],
        yerr=[means[ok] - lo[ok], hi[ok] - means[ok]],
        fmt="none",
        ecolor=theme.foreground,
        elinewidth=1.2,
        capsize=4,
        zorder=4,
        gid="intervals",
    )
    rng = np.random.default_rng(0)
    point_color = mix(theme.background, theme.foreground, 0.55)
    for i, s in enumerate(stats_):
        jitter = rng.uniform(-0.22, 0.22, s.values.size)
        ax.scatter(
            i + jitter,
            s.values,
            s=6,
            color=point_color,
            alpha=0.5,
            linewidths=0,
            zorder=3,
            gid="days",
        )
    words = _(OUTCOMES[outcome])
    label = _(info.label)
    for bar, s in zip(bars, stats_, strict=True):
        values = {
            "factor": label,
            "bin": _(s.bin.label),
            "mean": fmt(s.mean),
            "outcome": words,
            "days": plural(s.days, "day"),
        }
        if np.isfinite(s.ci[0]):
            text = _("{factor} {bin}: {mean} {outcome} (95% interval {low}–{high}), {days}")
            values.update(low=fmt(s.ci[0]), high=fmt(s.ci[1]))
        else:
            text = _("{factor} {bin}: {mean} {outcome}, {days}")
        add_hover(fig, bar, [text.format(**values)])
    ax.set_xticks(pos, [_(s.bin.label) for s in stats_])
    ax.set_ylim(bottom=0)
    top = max(float(np.nanmax(hi)) if ok.any() else 0.0, float(np.nanmax(means)))
    ymax = ax.get_ylim()[1]
    for i, s in enumerate(stats_):
        ax.annotate(
            plural(s.days, "day"),
            (i, 0),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=theme.font_size - 1,
            color=theme.foreground,
            gid="day-count",
        )
    del top, ymax
    unit = f" ({unit_for(2, info.unit)})" if info.unit and info.kind == "number" else ""
    if lag == 0:
        when = _("{factor}, that day")
    elif lag == 1:
        when = _("{factor}, the day before")
    else:
        when = _("{factor}, {n} days before")
    label_axes(ax, theme, when.format(factor=f"{label}{unit}", n=lag), words)
    total = sum(s.days for s in stats_)
    title(
        fig,
        _("{factor} and twitching").format(factor=label),
        theme,
        ngettext(
            "Mean per check-in day with a 95% interval (likely too narrow: neighbouring days "
            "are alike).\nDots are single days; {n} day with both recorded.",
            "Mean per check-in day with a 95% interval (likely too narrow: neighbouring days "
            "are alike).\nDots are single days; {n} days with both recorded.",
            total,
        ).format(n=total),
        ax,
    )
    return fig


def _lower(label: str) -> str:
    """A label inside an English sentence; German nouns keep their capital."""
    return label if language() == "de" else label.lower()
