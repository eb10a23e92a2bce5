"""Injection cycles: every cycle's weekly rate aligned on injection day.

Reads an `analysis.cycles.CycleReport` only: one thin line per cycle (the latest in
colour), the median of the cycles bold, the untreated baseline as a band (a usual
untreated week: its 25th–75th percentile) with its mean dashed, a triangle where the
person felt the injection wearing off and a bar where the diary measured it.
"""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MultipleLocator

from twitchlog.analysis.cycle_words import summary_parts
from twitchlog.analysis.cycles import CycleReport
from twitchlog.charts.base import (
    OUTCOMES,
    add_hover,
    check_outcome,
    empty_figure,
    label_axes,
    legend_columns,
    prepare,
    size_inches,
    style_axes,
    title,
)
from twitchlog.charts.common import fmt
from twitchlog.charts.theme import Theme, mix
from twitchlog.i18n import _, format_date
from twitchlog.words import plural, upper_first

MAX_WEEKS = 20


def median_by_week(report: CycleReport) -> np.ndarray:
    """The median over cycles of each week's rate (NaN where no cycle has that week)."""
    width = min(max((len(c.rates) for c in report.cycles), default=0), MAX_WEEKS)
    grid = np.full((len(report.cycles), width), np.nan)
    for i, c in enumerate(report.cycles):
        grid[i, : min(len(c.rates), width)] = c.rates[:width]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmedian(grid, axis=0) if grid.size else np.zeros(0)


def build_cycles(
    report: CycleReport | None,
    outcome: str = "count",
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    check_outcome(outcome)
    words = _(OUTCOMES[outcome])
    cycles = [c for c in (report.cycles if report else ()) if np.isfinite(c.rates).any()]
    if report is None or not cycles:
        return empty_figure(
            fig,
            theme,
            _("No injection cycles yet"),
            _(
                "Add an injection (Settings › Treatments, or 'twitchlog injection add') and "
                "check in on the weeks after it; each cycle then shows here."
            ),
        )
    fig, theme = prepare(fig, theme)
    ax = style_axes(fig.add_subplot(), theme)
    base = next((c.baseline for c in reversed(cycles) if np.isfinite(c.baseline.rate)), None)
    handles = []
    if base is not None:
        lo, hi = base.band
        if np.isfinite(lo) and np.isfinite(hi):
            ax.axhspan(lo, hi, color=theme.accent(2), alpha=0.15, lw=0, zorder=0, gid="baseline")
        ax.axhline(base.rate, color=theme.accent(2), ls="--", lw=1.2, zorder=1)
        handles.append(
            Line2D(
                [],
                [],
                color=theme.accent(2),
                ls="--",
                label=_("untreated ({source})").format(source=_(base.source)),
            )
        )
    thin = mix(theme.background, theme.foreground, 0.35)
    latest = len(cycles) - 1
    for i, c in enumerate(cycles):
        weeks = c.weeks[:MAX_WEEKS]
        rates = c.rates[:MAX_WEEKS]
        colour = theme.accent(1) if i == latest else thin
        (ln,) = ax.plot(
            weeks,
            rates,
            color=colour,
            lw=1.6 if i == latest else 0.9,
            marker=".",
            ms=4 if i == latest else 3,
            zorder=3 if i == latest else 2,
            gid="cycle",
        )
        add_hover(
            fig,
            ln,
            [
                _("injection of {date}, week {week}: {value} {outcome}").format(
                    date=format_date(c.start), week=w, value=fmt(v), outcome=words
                )
                for w, v in zip(weeks, rates, strict=True)
            ],
        )
        if c.felt_day is not None and c.felt_week is not None and c.felt_week < MAX_WEEKS:
            w = c.felt_day / 7
            y = _level(c.rates, c.felt_week)
            ax.plot([w], [y], marker="v", ms=8, color=colour, ls="", zorder=4, gid="felt")
        if c.wear_off_day is not None and c.wear_off_day / 7 < MAX_WEEKS:
            w = c.wear_off_day / 7
            y = _level(c.rates, c.wear_off_day // 7)
            ax.plot([w], [y], marker="|", ms=14, mew=2, color=colour, ls="", zorder=4, gid="wear")
    if len(cycles) > 1:
        med = median_by_week(report)
        (ml,) = ax.plot(
            np.arange(med.size),
            med,
            color=theme.accent(0),
            lw=2.4,
            zorder=3,
            gid="median",
        )
        median_text = _("week {week}: median {value} {outcome}")
        add_hover(fig, ml, lambda j: median_text.format(week=j, value=fmt(med[j]), outcome=words))
        handles.append(
            Line2D(
                [],
                [],
                color=theme.accent(0),
                lw=2.4,
                label=_("median of {cycles}").format(cycles=plural(len(cycles), "cycle")),
            )
        )
    fg = theme.foreground
    latest_words = _("latest ({date})").format(date=format_date(cycles[-1].start))
    handles += [
        Line2D([], [], color=theme.accent(1), lw=1.6, label=latest_words),
        Line2D([], [], color=fg, marker="v", ls="", label=_("you felt it wearing off")),
        Line2D([], [], color=fg, marker="|", ms=10, mew=2, ls="", label=_("measured wear-off")),
    ]
    ax.set_xlim(-0.5, min(max(len(c.rates) for c in cycles), MAX_WEEKS) - 0.5)
    ax.set_ylim(bottom=0)
    label_axes(
        ax,
        theme,
        _("weeks since the injection"),
        _("{outcome} (weekly mean)").format(outcome=words),
    )
    ax.xaxis.set_major_locator(MultipleLocator(2 if theme.font_size < 11 else 4))
    fig.legend(  # below the chart: inside it, it covered the lines
        handles=handles,
        loc="outside lower center",
        ncols=legend_columns(
            [str(h.get_label()) for h in handles],
            size_inches(fig)[0] * 0.95,
            theme.font_size - 2,
            3,
        ),
        frameon=False,
        fontsize=theme.font_size - 2,
        labelcolor=theme.foreground,
    )
    parts = [upper_first(part) for part in summary_parts(report)]
    title(fig, _("Injection cycles"), theme, " · ".join(parts), ax)
    return fig


def _level(rates: np.ndarray, week: int) -> float:
    """Where on a cycle's line a marker in `week` sits (the nearest week with a rate)."""
    finite = np.flatnonzero(np.isfinite(rates))
    if finite.size == 0:
        return 0.0
    return float(rates[finite[np.argmin(np.abs(finite - week))]])
