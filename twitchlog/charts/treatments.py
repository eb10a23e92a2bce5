"""Treatment effect: before/after each treatment, and each injection cycle week by week.

Reads the analysis results' attributes only (TreatmentResult: name, start, before_rate,
after_rate, ratio, ratio_ci, verdict, before_days, after_days, gap_days, window_days;
InjectionCycles: starts, weeks, rates, median). Before/after in one person is weak
evidence, so the chart says the interval is approximate.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from twitchlog.charts.base import (
    OUTCOMES,
    add_hover,
    check_outcome,
    empty_figure,
    fit,
    label_axes,
    prepare,
    size_inches,
    style_axes,
    title,
)
from twitchlog.charts.common import fmt, num
from twitchlog.charts.theme import Theme, mix
from twitchlog.i18n import _, format_date
from twitchlog.words import plural

if TYPE_CHECKING:
    from twitchlog.analysis.treatments import InjectionCycles, TreatmentResult

MAX_ROWS = 10  # before/after rows that stay readable on a laptop-sized chart


def build_treatments(
    results: Sequence[TreatmentResult],
    cycles: InjectionCycles | None = None,
    outcome: str = "count",
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Left: before → after per treatment (rates, ratio); right: rate by week since injection."""
    check_outcome(outcome)
    has_cycles = cycles is not None and np.isfinite(np.asarray(cycles.rates, float)).any()
    if not results and not has_cycles:
        return empty_figure(
            fig,
            theme,
            _("No treatments to compare yet"),
            _("Add a medication, therapy or injection with its start date and it shows here."),
        )
    total = len(results)
    results = rows_to_show(results)
    if not results and not has_cycles:
        return empty_figure(
            fig,
            theme,
            _("No treatment days in this range"),
            _("Choose a longer range to compare before and after a treatment."),
        )
    fig, theme = prepare(fig, theme, (9.0, 4.8))
    words = _(OUTCOMES[outcome])
    panels = (1 if results else 0) + (1 if has_cycles else 0)
    ax_ba = ax_cy = None
    if results:
        ax_ba = style_axes(fig.add_subplot(1, panels, 1), theme, grid_axis="x")
        _before_after(fig, ax_ba, results, theme, words, total)
    if has_cycles and cycles is not None:
        ax_cy = style_axes(fig.add_subplot(1, panels, panels), theme)
        _cycles(fig, ax_cy, cycles, theme, words)
    title(fig, _("Treatments"), theme)
    fig.supxlabel(
        fit(
            _(
                "Intervals are approximate and likely too narrow: neighbouring days are alike, "
                "and treatments often start when twitching is at its worst."
            ),
            size_inches(fig)[0] * 0.95,
            theme.font_size - 1,
        ),
        fontsize=theme.font_size - 1,
        color=theme.muted,
    )
    return fig


def rows_to_show(results: Sequence[TreatmentResult], most: int = MAX_ROWS) -> list[TreatmentResult]:
    """Treatments with check-in days around them in the range, the latest `most`.

    Ten years of injections are 40 rows: unreadable on a screen, and each one is text
    to lay out on every redraw; ones outside the range have nothing to show.
    """
    with_days = [r for r in results if r.before_days or r.after_days]
    return with_days[-most:]


def _before_after(
    fig: Figure, ax: Axes, results: Sequence[TreatmentResult], theme: Theme, words: str, total: int
) -> None:
    """A dumbbell per treatment: hollow = 28 days before, filled = the window after."""
    before_c, after_c = theme.muted, theme.accent(0)
    labels = []
    for i, r in enumerate(results):
        y = i
        b, a = r.before_rate, r.after_rate
        enough = r.verdict != "not enough data"
        color = after_c if enough else theme.grid
        if math.isfinite(b) and math.isfinite(a):
            ax.plot([b, a], [y, y], color=mix(theme.background, color, 0.6), lw=2.5, zorder=1)
        if math.isfinite(b):
            (pb,) = ax.plot(
                [b],
                [y],
                "o",
                ms=8,
                color=before_c,
                markerfacecolor=theme.background,
                markeredgewidth=1.6,
                zorder=3,
                gid="before",
            )
            add_hover(
                fig,
                pb,
                [
                    _("{name}: {value} {outcome} in the {n} check-in days of {period}").format(
                        name=r.name,
                        value=fmt(b),
                        outcome=words,
                        n=r.before_days,
                        period=getattr(r, "before_words", "") or _("the 28 days before"),
                    )
                ],
            )
        if math.isfinite(a):
            (pa,) = ax.plot([a], [y], "o", ms=8, color=color, zorder=3, gid="after")
            add_hover(
                fig,
                pa,
                [
                    _(
                        "{name}: {value} {outcome} from day {first} to {last} after ({n} days)"
                    ).format(
                        name=r.name,
                        value=fmt(a),
                        outcome=words,
                        first=r.gap_days,
                        last=r.gap_days + r.window_days,
                        n=r.after_days,
                    )
                ],
            )
        lo, hi = r.ratio_ci
        if enough and math.isfinite(r.ratio):
            note = f"{num(r.ratio, 2)}× ({num(lo, 2)}–{num(hi, 2)}), {_verdict(r.verdict)}"
            note = fit(note, size_inches(fig)[0] * ax.get_position().width, theme.font_size - 1)
        else:
            note = _("not enough data ({before} / {after} days)").format(
                before=r.before_days, after=r.after_days
            )
        ax.annotate(
            note,
            (0, y),
            xycoords=("axes fraction", "data"),
            xytext=(4, -6),
            textcoords="offset points",
            fontsize=theme.font_size - 1,
            color=theme.foreground if enough else theme.muted,
            va="top",  # below the row's line, however many lines it wraps into
        )
        labels.append(f"{r.name}\n{format_date(r.start)}")
    ax.set_yticks(np.arange(len(results)), labels)
    ax.set_ylim(len(results) - 0.4, -0.6)
    ax.margins(x=0.15)  # first: room on the right so the last "after" dot is not cut off
    ax.set_xlim(left=0)
    ax.tick_params(axis="y", length=0)
    label_axes(ax, theme, words)
    if any(getattr(r, "kind", "") == "injection" for r in results):
        head = _("Before (○, 28 days; injections: untreated days) → after (●)")
    else:
        head = _("Before (○, 28 days) → after (●)")
    if len(results) < total:
        head += "\n" + _("{shown} of {n}: the latest with check-in days in this range").format(
            shown=len(results), n=total
        )
    ax.set_title(
        fit(head, size_inches(fig)[0] * ax.get_position().width * 0.95, theme.font_size),
        loc="left",
        fontsize=theme.font_size,
        color=theme.muted,
    )


def _cycle_text(
    start: dt.date, weeks: np.ndarray, rates: np.ndarray, words: str
) -> Callable[[int], str]:
    """What hovering over week i of the cycle that began with the injection on `start` says."""
    text = _("injection of {date}, week {week}: {value} {outcome}")
    day = format_date(start)
    return lambda i: text.format(date=day, week=weeks[i], value=fmt(float(rates[i])), outcome=words)


def _cycles(fig: Figure, ax: Axes, cycles: InjectionCycles, theme: Theme, words: str) -> None:
    """One thin line per injection cycle, the median bold; weeks 2–10 shaded."""
    weeks = np.asarray(cycles.weeks)
    rates = np.asarray(cycles.rates, float)
    ax.axvspan(2, 10, color=theme.accent(2), alpha=0.12, lw=0, zorder=0)
    ax.axvline(0, color=theme.accent(3), ls="--", lw=1.2, zorder=1)
    thin = mix(theme.background, theme.foreground, 0.35)
    for c, start in enumerate(cycles.starts):
        (ln,) = ax.plot(
            weeks, rates[c], color=thin, lw=0.9, marker=".", ms=3, zorder=2, gid="cycle"
        )
        add_hover(fig, ln, _cycle_text(start, weeks, rates[c], words))
    med = np.asarray(cycles.median, float)
    (ml,) = ax.plot(
        weeks,
        med,
        color=theme.accent(0),
        lw=2.4,
        zorder=3,
        gid="median",
        label=_("median of {cycles}").format(cycles=plural(len(cycles.starts), "cycle")),
    )
    median_text = _("week {week}: median {value} {outcome}")
    add_hover(
        fig, ml, lambda i: median_text.format(week=weeks[i], value=fmt(med[i]), outcome=words)
    )
    ax.set_xlim(weeks[0] - 0.5, weeks[-1] + 0.5)
    ax.set_ylim(bottom=0)
    label_axes(
        ax,
        theme,
        _("weeks since the injection"),
        _("{outcome} (mean over the week's check-ins)").format(outcome=words),
    )
    panel = size_inches(fig)[0] * ax.get_position().width
    ax.xaxis.set_major_locator(MultipleLocator(2 if panel * 72 / theme.font_size > 28 else 4))
    ax.text(
        6,
        0.02,
        _("weeks 2–10"),
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        color=theme.muted,
        fontsize=theme.font_size - 1,
    )
    ax.legend(
        loc="upper right", frameon=False, fontsize=theme.font_size - 1, labelcolor=theme.foreground
    )
    ax.set_title(_("Injection cycles"), loc="left", fontsize=theme.font_size, color=theme.muted)


def _verdict(verdict: str) -> str:
    from twitchlog.analysis.sentences import verdict_words

    return verdict_words(verdict)
