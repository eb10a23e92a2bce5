"""Timeline: the outcome per observed day, a 7-day average, one factor, treatments.

Unobserved days are gaps (NaN breaks the line) on a shaded band, never zeros; the
average uses only observed days.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib import dates as mdates
from matplotlib import transforms
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from twitchlog.analysis.data import DailyData, factor_info
from twitchlog.charts.base import (
    OUTCOME_DAILY,
    OUTCOME_SHORT,
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
from twitchlog.charts.common import (
    day_text,
    enough_days,
    factor_label,
    fmt,
    rolling_mean,
    runs,
)
from twitchlog.charts.dates import LocalDateFormatter
from twitchlog.charts.theme import Theme, mix
from twitchlog.i18n import _, ngettext
from twitchlog.words import unit_for

ONE_DAY = np.timedelta64(1, "D")

OFFSETS = ["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"]


def build_timeline(
    data: DailyData,
    outcome: str = "count",
    factor: str | None = None,
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Outcome per observed day with a 7-day average; `factor` on a second axis."""
    check_outcome(outcome)
    if not enough_days(data):
        return empty_figure(fig, theme)
    fig, theme = prepare(fig, theme)
    ax = style_axes(fig.add_subplot(), theme)
    x = data.dates.astype("datetime64[D]")
    y = data.outcome(outcome)
    n = data.n_days
    daily_color = mix(theme.background, theme.accent(0), 0.45)
    (daily,) = ax.plot(
        x,
        y,
        color=daily_color,
        lw=0.8,
        marker="." if n <= 120 else None,
        ms=4,
        label=_(OUTCOME_DAILY[outcome]),
        gid="daily",
        zorder=3,
    )
    avg = rolling_mean(y)
    ax.plot(
        x, avg, color=theme.accent(0), lw=2.0, label=_("7-day average"), gid="average", zorder=4
    )
    words = _(OUTCOMES[outcome])

    def daily_text(i: int) -> str:
        if not data.observed[i]:
            return _("{day}: no check-in").format(day=day_text(x[i]))
        return _("{day}: {value} {outcome}, 7-day average {average}").format(
            day=day_text(x[i]),
            value=fmt(y[i]),
            outcome=_(OUTCOME_SHORT[outcome]),
            average=fmt(avg[i]),
        )

    add_hover(fig, daily, daily_text)
    handles: list[Artist] = [daily, ax.lines[-1]]
    gaps = runs(~np.asarray(data.observed, bool))
    if gaps:
        a, b = np.array(gaps).T
        _day_bands(ax, x[a], x[b], color=theme.unobserved, zorder=0, gid="unobserved")
        handles.append(Patch(color=theme.unobserved, label=_("no check-in (unknown)")))
    handles += _treatments(ax, data, theme)
    label_axes(ax, theme, y=words)
    ax.set_ylim(bottom=0)
    ax.set_xlim(mdates.date2num(x[0]) - 0.6, mdates.date2num(x[-1]) + 0.6)
    if n <= 16:  # the first weeks: one tick per day, never hours ("12:00" between days)
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=1 if n <= 8 else 2))
        ax.xaxis.set_major_formatter(LocalDateFormatter(mdates.DateFormatter("%a\n%d %b")))
    else:
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        # The year (or month) over the ticks reads "Nov 2026", not matplotlib's "2026-Nov".
        concise = mdates.ConciseDateFormatter(locator, offset_formats=OFFSETS)
        ax.xaxis.set_major_formatter(LocalDateFormatter(concise))
    if factor:
        handles.append(_factor_axis(fig, ax, data, factor, theme))
    leg = fig.legend(
        handles=handles,
        loc="outside lower center",
        fontsize=theme.font_size - 1,
        ncols=legend_columns(
            [str(h.get_label()) for h in handles],
            size_inches(fig)[0] * 0.95,
            theme.font_size - 1,
            min(4, len(handles)),
        ),
        frameon=True,
        facecolor=theme.background,
        edgecolor=theme.grid,
        labelcolor=theme.foreground,
        framealpha=0.85,
    )
    leg.set_zorder(10)
    observed = int(np.count_nonzero(data.observed))
    title(
        fig,
        _("Twitching over time"),
        theme,
        ngettext(
            "{observed} of {n} day checked in; gaps are days without a check-in, not zero.",
            "{observed} of {n} days checked in; gaps are days without a check-in, not zero.",
            n,
        ).format(observed=observed, n=n),
        ax,
    )
    ax.margins(y=0.25)
    return fig


def _treatments(ax: Axes, data: DailyData, theme: Theme) -> list[Artist]:
    """Shade medication/therapy periods; mark injections with a dashed line and a triangle."""
    lo, hi = data.dates[0].astype("datetime64[D]"), data.dates[-1].astype("datetime64[D]")
    handles: list[Artist] = []
    span_color = theme.accent(4)
    inj_color = theme.accent(3)
    top = transforms.blended_transform_factory(ax.transData, ax.transAxes)
    shaded = injected = False
    injections = [
        np.datetime64(t.start, "D")
        for t in data.treatments
        if t.kind == "injection" and lo <= np.datetime64(t.start, "D") <= hi
    ]
    if injections:
        _injections(ax, np.array(injections), inj_color)
        injected = True
    for t in data.treatments:
        start = np.datetime64(t.start, "D")
        if t.kind == "injection":
            continue
        end = np.datetime64(t.end, "D") if t.end else hi
        if end < lo or start > hi:
            continue
        a, b = max(start, lo), min(end, hi)
        ax.axvspan(a, b + ONE_DAY, color=span_color, alpha=0.12, lw=0, zorder=1, gid="treatment")
        ax.text(
            a,
            0.01,
            f" {t.name}",
            transform=top,
            va="bottom",
            ha="left",
            color=theme.muted,
            fontsize=theme.font_size - 1,
            clip_on=True,
        )
        shaded = True
    if shaded:
        handles.append(Patch(color=span_color, alpha=0.25, label=_("treatment")))
    if injected:
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], color=inj_color, ls="--", marker="v", label=_("injection")))
    return handles


def _day_bands(ax: Axes, first: np.ndarray, last: np.ndarray, **style: Any) -> PolyCollection:
    """Full-height bands over days first[i]..last[i] (each day ±½) as one artist, not hundreds."""
    a = mdates.date2num(first) - 0.5
    b = mdates.date2num(last) + 0.5
    lo, hi = np.zeros_like(a), np.ones_like(a)
    verts = np.stack([np.c_[a, lo], np.c_[a, hi], np.c_[b, hi], np.c_[b, lo]], axis=1)
    bands = PolyCollection(list(verts), transform=ax.get_xaxis_transform(), lw=0, **style)
    ax.add_collection(bands, autolim=False)
    return bands


def _injections(ax: Axes, days: np.ndarray, color: str) -> None:
    """A dashed line and a triangle on top per injection day: one artist each, not two per day."""
    x = mdates.date2num(days)
    lines = LineCollection(
        [[(d, 0.0), (d, 1.0)] for d in x],
        transform=ax.get_xaxis_transform(),
        colors=color,
        lw=1.2,
        linestyles="--",
        zorder=2,
        gid="injection",
    )
    ax.add_collection(lines, autolim=False)
    ax.plot(
        days,
        np.ones(len(days)),
        ls="none",
        marker="v",
        color=color,
        ms=7,
        transform=ax.get_xaxis_transform(),
        clip_on=False,
        zorder=5,
    )


def _factor_axis(fig: Figure, ax: Axes, data: DailyData, key: str, theme: Theme) -> Artist:
    """The chosen factor on a right-hand axis (dots; its catalog threshold dotted)."""
    info = factor_info(data, key)
    values = data.factors.get(key)
    if values is None:
        values = np.full(data.n_days, np.nan)
    x = data.dates.astype("datetime64[D]")
    ax2 = fig.axes[0].twinx()
    style_axes(ax2, theme, grid_axis=None)
    ax2.spines["right"].set_visible(True)
    ax2.spines["right"].set_color(theme.muted)
    color = theme.accent(1)
    size = 10 if data.n_days <= 200 else 3
    pts = ax2.scatter(
        x,
        values,
        s=size,
        color=color,
        marker="s",
        label=_(info.label),
        zorder=2,
        gid="factor",
        linewidths=0,
    )
    thr = info.high_from if info.high_from is not None else info.high_below
    if thr is not None:
        ax2.axhline(thr, color=color, lw=0.8, ls=":", zorder=1)
    if info.kind == "yesno":
        ax2.set_yticks([0, 1], [_("no"), _("yes")])
        ax2.set_ylim(-0.5, 1.8)
    else:
        finite = values[np.isfinite(values)]
        top = float(finite.max()) if finite.size else 1.0
        ax2.set_ylim(0, top * 1.6 if top > 0 else 1)
    label_axes(ax2, theme, y=factor_label(info), color=color)
    ax2.tick_params(axis="y", colors=color)
    # The outcome stays on top and keeps receiving the mouse.
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax2.patch.set_facecolor(theme.background)
    label = _(info.label)

    def factor_text(i: int) -> str:
        unit = f" {unit_for(values[i], info.unit)}" if info.unit and info.kind != "scale" else ""
        return f"{day_text(x[i])}: {label} {fmt(values[i])}{unit}"

    add_hover(fig, pts, factor_text)
    return pts
