"""Trigger overview (forest plot): one row per factor × lag, ratio with its 95% interval.

Log axis around 1× ("same as other days"). Verdicts differ by colour AND marker shape/fill
(never colour alone); "not enough data" rows are grey text saying how many days are missing.
Reads the analysis `Finding` attributes only (factor, label, lag_days, ratio, ratio_ci,
verdict, split, high_days, low_days, more_days), so any object with those works.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from twitchlog.charts.base import (
    add_hover,
    empty_figure,
    fit,
    legend_columns,
    prepare,
    size_inches,
    style_axes,
    title,
)
from twitchlog.charts.common import num
from twitchlog.charts.theme import LIGHT, Theme
from twitchlog.i18n import _

VERDICT_ORDER = (
    "clear link",
    "possible link",
    "too early to tell",
    "no clear link",
    "not enough data",
)
NOT_ENOUGH = "not enough data"


def verdict_style(verdict: str, theme: Theme) -> dict[str, Any]:
    """Marker, colour and fill per verdict (shape and fill carry the meaning too)."""
    styles = {
        "clear link": {"marker": "o", "color": theme.accent(3), "filled": True, "size": 8},
        "possible link": {"marker": "D", "color": theme.accent(1), "filled": True, "size": 7},
        "too early to tell": {"marker": "s", "color": theme.accent(2), "filled": False, "size": 7},
        "no clear link": {"marker": "o", "color": theme.accent(0), "filled": False, "size": 7},
    }
    return styles.get(verdict, {"marker": "", "color": theme.muted, "filled": False, "size": 0})


def verdict_words(verdict: str) -> str:
    from twitchlog.analysis.sentences import verdict_words as words

    return words(verdict)


def lag_words(lag: int) -> str:
    from twitchlog.analysis.sentences import when_words

    return when_words(lag)


def _reversed(f: Any) -> bool:
    """The reverse check is clear for this factor (bad days → more of it next day)."""
    p = getattr(f, "reverse_p", float("nan"))
    return p is not None and math.isfinite(p) and p < 0.05


def _row_label(f: Any) -> str:
    from twitchlog.analysis.sentences import short_condition

    return f"{short_condition(f.label, getattr(f, 'split', ''))} · {lag_words(f.lag_days)}"


def _row_labels(
    rows: Sequence[Any], width: float, height: float, font_size: float
) -> tuple[float, list[str]]:
    """The rows' labels wrapped at 45% of the width, and their text size: the theme's, or,
    when the rows are too tight for it (many factors, large text, a small window), smaller
    until every row's label fits its row, down to 7 pt — never overlapping."""
    size = font_size
    while True:
        labels = [fit(_row_label(f), width * 0.45, size) for f in rows]
        most = max(label.count("\n") + 1 for label in labels)
        if size <= 7.0 or len(rows) * most * size * 1.25 <= height * 72 * 0.6:
            return size, labels
        size = max(7.0, size - 0.5)


def ordered(findings: Sequence[Any]) -> list[Any]:
    """Factors by their strongest verdict, then each factor's lags in order."""
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    best: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, f in enumerate(findings):
        best[f.factor] = min(best.get(f.factor, 99), rank.get(f.verdict, 9))
        first.setdefault(f.factor, i)
    return sorted(findings, key=lambda f: (best[f.factor], first[f.factor], f.lag_days))


def _finite(v: float) -> bool:
    return v is not None and math.isfinite(v) and v > 0


def build_triggers(
    report: Any,
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Forest plot of a TriggerReport (or anything with `.findings` and `.outcome`)."""
    findings = [f for f in getattr(report, "findings", ()) if getattr(f, "lag_days", 0) >= 0]
    if not findings:
        return empty_figure(
            fig,
            theme,
            hint=_(
                "Fill in the daily check-in (sleep, caffeine, stress…) for a few weeks; "
                "each factor then gets a row here."
            ),
        )
    rows = ordered(findings)
    n = len(rows)
    base = theme or LIGHT
    scale = base.font_size / 9  # larger text: a taller figure (when the chart makes its own)
    fig, theme = prepare(fig, theme, (8.0, max(3.5, (1.4 + 0.26 * n) * scale + 1.2)))
    rows_font, labels = _row_labels(rows, *size_inches(fig), base.font_size)
    gs = fig.add_gridspec(1, 2, width_ratios=(3.0, 1.25), wspace=0.0)
    ax = style_axes(fig.add_subplot(gs[0, 0]), theme, grid_axis="x")
    tx = fig.add_subplot(gs[0, 1], sharey=ax)
    tx.set_axis_off()
    ax.set_xscale("log")
    ax.axvline(1.0, color=theme.foreground, lw=0.9, zorder=1)
    lows, highs = [], []
    for f in rows:
        lo, hi = f.ratio_ci
        if f.verdict != NOT_ENOUGH and _finite(lo) and _finite(hi):
            lows.append(lo)
            highs.append(hi)
    xmin = max(0.2, min([*lows, 0.5]) / 1.1)
    xmax = min(5.0, max([*highs, 2.0]) * 1.1)
    ax.set_xlim(xmin, xmax)
    for i, f in enumerate(rows):
        y = i
        row_label = _row_label(f)
        days = _("{high} vs {low} days").format(high=f.high_days, low=f.low_days)
        if f.verdict == NOT_ENOUGH:
            from twitchlog.analysis.sentences import days_words

            more = getattr(f, "more_days", None)
            need = (
                _("needs about {span} more").format(span=days_words(more))
                if more
                else _("needs more days")
            )
            ax.plot(
                [xmin, xmax],
                [y, y],
                color=theme.grid,
                lw=3,
                alpha=0.6,
                zorder=0,
                solid_capstyle="butt",
                gid="not-enough",
            )
            ax.text(  # on the grey bar itself: the column on the right is too narrow
                0.01,
                y,
                need,
                va="center",
                color=theme.muted,
                fontsize=min(theme.font_size - 1, rows_font),
                style="italic",
                transform=ax.get_yaxis_transform(),
                clip_on=True,
                zorder=4,
                bbox={"facecolor": theme.background, "edgecolor": "none", "pad": 1.0},
            )
            add_hover(
                fig,
                ax.lines[-1],
                [
                    _("{row}: not enough data ({need}; {days})").format(
                        row=row_label, need=need, days=days
                    )
                ],
            )
            continue
        st = verdict_style(f.verdict, theme)
        lo, hi = f.ratio_ci
        if _finite(lo) and _finite(hi):
            ax.plot(
                [max(lo, xmin), min(hi, xmax)],
                [y, y],
                color=st["color"],
                lw=1.8,
                zorder=2,
                gid="interval",
                solid_capstyle="butt",
            )
            for end, lim, mk in ((lo, xmin, "<"), (hi, xmax, ">")):
                if (end < lim and mk == "<") or (end > lim and mk == ">"):
                    ax.plot([lim], [y], marker=mk, color=st["color"], ms=5, zorder=2)
        ratio_txt = f"{num(f.ratio, 2)}×" if _finite(f.ratio) else "–"
        ci_txt = f" ({num(lo, 2)}–{num(hi, 2)})" if _finite(lo) and _finite(hi) else ""
        if _finite(f.ratio):
            (pt,) = ax.plot(
                [min(max(f.ratio, xmin), xmax)],
                [y],
                linestyle="none",
                marker=st["marker"],
                ms=st["size"],
                color=st["color"],
                markerfacecolor=st["color"] if st["filled"] else theme.background,
                markeredgewidth=1.5,
                zorder=3,
                gid="ratio",
            )
            hover = getattr(f, "sentence", "") or (
                f"{ratio_txt}{ci_txt}, {verdict_words(f.verdict)}; {days}"
            )
            add_hover(fig, pt, [f"{row_label}: {hover}"])
        tx.text(
            0.02,
            y,
            ("↺ " if _reversed(f) else "") + f"{ratio_txt}{ci_txt}",
            va="center",
            color=theme.foreground,
            fontsize=min(theme.font_size - 1, rows_font),
            transform=tx.get_yaxis_transform(),
        )
    ax.set_yticks(np.arange(n), labels)
    ax.tick_params(axis="y", labelsize=rows_font)
    ax.set_ylim(n - 0.5, -1.3)
    ax.tick_params(axis="y", length=0)
    steps = (0.25, 0.5, 0.67, 1, 1.5, 2, 3, 4, 5) if xmax / xmin < 6 else (0.25, 0.5, 1, 2, 4)
    ticks = [t for t in steps if xmin <= t <= xmax]  # never so many that the labels touch
    ax.set_xticks(ticks, [f"{num(t)}×" for t in ticks])
    ax.xaxis.set_minor_formatter("")
    tx.text(
        0.02,
        -1.0,
        _("ratio (95% interval)"),
        va="center",
        color=theme.muted,
        fontsize=min(theme.font_size - 1, rows_font),
        transform=tx.get_yaxis_transform(),
    )
    handles = []
    for v in VERDICT_ORDER[:-1]:
        st = verdict_style(v, theme)
        handles.append(
            Line2D(
                [],
                [],
                color=st["color"],
                marker=st["marker"],
                ms=st["size"] - 1,
                markerfacecolor=st["color"] if st["filled"] else theme.background,
                label=verdict_words(v),
            )
        )
    handles.append(Line2D([], [], color=theme.grid, lw=3, label=verdict_words(NOT_ENOUGH)))
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=legend_columns(
            [str(h.get_label()) for h in handles],
            size_inches(fig)[0] * 0.95,
            theme.font_size - 1,
            5,
        ),
        frameon=False,
        fontsize=theme.font_size - 1,
        labelcolor=theme.foreground,
    )
    from twitchlog.analysis.sentences import outcome_words

    outcome = outcome_words(getattr(report, "outcome", "count"))
    checks = getattr(report, "comparisons", None)
    if checks:
        sub = _(
            "Lines: 95% intervals; days compared within their month; {n} comparisons "
            "checked together."
        ).format(n=checks)
    else:
        sub = _("Lines: 95% intervals; days compared within their month.")
    notes = []
    seen: set[str] = set()
    for f in rows:
        if _reversed(f) and f.factor not in seen:
            seen.add(f.factor)
            notes.append(f"↺ {f.label}: {getattr(f, 'reverse_note', '')}")
    if getattr(report, "checkin_bias", False):
        notes.append(getattr(report, "checkin_note", ""))
    title(fig, _("Which factors go with more twitching"), theme)
    lines = [
        _("ratio of {outcome}: those days / other days (log scale)").format(outcome=outcome),
        sub,
        _("A link is not proof of cause: something else may move with both."),
        *notes[:4],
    ]
    plot_width = size_inches(fig)[0] * 0.62  # the plot's share of the width
    ax.set_xlabel(
        "\n".join(fit(line, plot_width, theme.font_size - 1) for line in lines),
        fontsize=theme.font_size - 1,
    )
    return fig
