"""Calendar heatmap: one row per month, one column per day of the month.

Colour is the day's outcome; days without a check-in are hatched (unknown, not zero);
dates a month does not have (30 February) stay blank.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from twitchlog.analysis.data import DailyData
from twitchlog.charts.base import (
    OUTCOME_SHORT,
    OUTCOMES,
    add_hover,
    check_outcome,
    empty_figure,
    prepare,
    style_axes,
    title,
)
from twitchlog.charts.common import day_text, fmt, month_text
from twitchlog.charts.numbers import LocalNumberFormatter
from twitchlog.charts.theme import Theme
from twitchlog.i18n import _


def month_grid(data: DailyData, outcome: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(values[month, day-1] with NaN, state[month, day-1], month labels).

    state: 0 = no such date / outside the range, 1 = observed, 2 = no check-in.
    """
    d = data.dates.astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    first = months[0]
    row = (months - first).astype(int)
    col = (d - months.astype("datetime64[D]")).astype(int)
    n_rows = int(row[-1]) + 1
    values = np.full((n_rows, 31), np.nan)
    state = np.zeros((n_rows, 31), np.int8)
    y = data.outcome(outcome)
    values[row, col] = y
    state[row, col] = np.where(data.observed, 1, 2)
    labels = [month_text(m.astype(object)) for m in first + np.arange(n_rows)]
    return values, state, labels


def _hatch_missing(ax: Axes, state: np.ndarray, theme: Theme) -> None:
    """Hatch each day without a check-in as one compound path (Agg hatches it in one go)."""
    rows, cols = np.nonzero(state == 2)
    if not rows.size:
        return
    x, y = cols + 0.5, rows - 0.5
    corners = [np.c_[x, y], np.c_[x + 1, y], np.c_[x + 1, y + 1], np.c_[x, y + 1], np.c_[x, y]]
    squares = Path.make_compound_path_from_polys(np.stack(corners, axis=1))
    patch = PathPatch(
        squares,
        facecolor=theme.unobserved,
        edgecolor=theme.hatch_color,
        hatch="////",
        linewidth=0,
        gid="unobserved",
    )
    ax.add_artist(patch)  # not add_patch: the limits are set, and it walks every corner


def build_calendar(
    data: DailyData,
    outcome: str = "count",
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Months × days of the month, coloured by the outcome, unobserved days hatched."""
    check_outcome(outcome)
    if not np.any(data.observed):
        return empty_figure(fig, theme)
    values, state, labels = month_grid(data, outcome)
    n_rows = values.shape[0]
    fig, theme = prepare(fig, theme, (8.0, max(3.0, min(10.0, 1.2 + 0.28 * n_rows))))
    ax = style_axes(fig.add_subplot(), theme, grid_axis=None)
    finite = values[np.isfinite(values)]
    vmax = float(np.quantile(finite, 0.98)) if finite.size else 1.0
    norm = Normalize(0, max(vmax, 1e-9))
    from matplotlib import colormaps

    cmap = colormaps[theme.sequential].with_extremes(bad=theme.background)
    mesh = ax.pcolormesh(
        np.arange(32) + 0.5,
        np.arange(n_rows + 1) - 0.5,
        np.ma.masked_invalid(values),
        cmap=cmap,
        norm=norm,
        edgecolors=theme.background,
        linewidth=0.4 if n_rows < 40 else 0,
        gid="days",
    )
    _hatch_missing(ax, state, theme)
    ax.set_xlim(0.5, 31.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xticks([1, 5, 10, 15, 20, 25, 31])
    if n_rows <= 30:
        ax.set_yticks(np.arange(n_rows), labels)
    else:
        first = data.dates[0].astype("datetime64[M]").astype(object)
        jan = [i for i in range(n_rows) if (first.month - 1 + i) % 12 == 0 or i == 0]
        ax.set_yticks(
            jan, [labels[i][-4:] if (first.month - 1 + i) % 12 == 0 else labels[i] for i in jan]
        )
    ax.set_xlabel(_("day of the month"))
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    cb = fig.colorbar(mesh, ax=ax, shrink=0.8, pad=0.02, extend="max")
    cb.set_label(_(OUTCOMES[outcome]), color=theme.foreground, fontsize=theme.font_size)
    cb.formatter = LocalNumberFormatter()
    cb.ax.tick_params(colors=theme.foreground, labelsize=theme.font_size - 1)
    cb.outline.set_edgecolor(theme.grid)
    first_month = data.dates[0].astype("datetime64[M]").astype("datetime64[D]")

    def text(i: int) -> str:
        r, c = divmod(i, 31)
        if state[r, c] == 0:
            return ""
        day = first_month.astype("datetime64[M]") + r
        date = day.astype("datetime64[D]") + c
        if state[r, c] == 2:
            return _("{day}: no check-in").format(day=day_text(date))
        return f"{day_text(date)}: {fmt(values[r, c])} {_(OUTCOME_SHORT[outcome])}"

    add_hover(fig, mesh, text)
    fig.legend(  # below everything: under the axes it ran into the axis label at large text
        handles=[
            Patch(
                facecolor=theme.unobserved,
                edgecolor=theme.hatch_color,
                hatch="////",
                label=_("no check-in (unknown)"),
            )
        ],
        loc="outside lower left",
        frameon=False,
        fontsize=theme.font_size - 1,
        labelcolor=theme.foreground,
    )
    title(
        fig,
        _("Twitching calendar"),
        theme,
        _("Colour: {outcome} (the top 2% share the darkest colour).").format(
            outcome=_(OUTCOMES[outcome])
        ),
        ax,
    )
    return fig
