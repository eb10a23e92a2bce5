"""An experiment's result: each block's mean in time order, the two blocks of a pair joined.

A reader sees at once whether the change was lower in every pair (lines all sloping the
same way relative to the conditions) or whether the pairs disagree. Conditions differ by
marker shape as well as colour, so the chart reads in black and white.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from twitchlog.analysis.experiment import ExperimentResult
from twitchlog.catalog import OUTCOME_PER_DAY
from twitchlog.charts.base import DEFAULT_SIZE, empty_figure, label_axes, prepare, style_axes, title
from twitchlog.charts.theme import Theme
from twitchlog.i18n import _


def draw_experiment(
    result: ExperimentResult,
    fig: Figure | None = None,
    theme: Theme | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    if not any(b.mean is not None for b in result.blocks):
        return empty_figure(
            fig,
            theme,
            _("No block to show yet"),
            _("Each block's mean appears once its days after the settling-in days are checked in."),
            size,
        )
    fig, theme = prepare(fig, theme, size)
    ax = style_axes(fig.add_subplot(), theme)
    plot_blocks(ax, result, theme)
    title(
        fig,
        _("Experiment result: {verdict}").format(verdict=_(result.verdict)),
        theme,
        _("Block means, settling-in days left out; each pair joined"),
        ax,
    )
    return fig


def plot_blocks(ax: Axes, result: ExperimentResult, theme: Theme) -> None:
    """The block means into `ax` (the window's chart and the doctor PDF share it)."""
    plan = result.plan
    colours = {"A": theme.accent(0), "B": theme.accent(1)}
    markers = {"A": "o", "B": "s"}
    for pair in result.pairs:
        one, two = sorted((pair.changed, pair.usual), key=lambda b: b.number)
        if one.mean is not None and two.mean is not None:
            ax.plot(
                [one.number, two.number],
                [one.mean, two.mean],
                color=theme.muted,
                linewidth=1.2,
                linestyle="-" if pair.complete else ":",
                zorder=1,
            )
    for cond in ("A", "B"):
        shown = [(b.number, b.mean) for b in result.blocks if b.condition == cond and b.mean]
        ax.scatter(
            [x for x, _y in shown],
            [y for _x, y in shown],
            s=60,
            marker=markers[cond],
            color=colours[cond] if cond == "A" else theme.background,
            edgecolor=theme.foreground if cond == "A" else colours[cond],
            linewidth=0.6 if cond == "A" else 1.8,
            zorder=2,
            label=_(plan.condition_words(cond)),
        )
    for b in result.blocks:
        if b.mean is not None:
            ax.annotate(
                _("{n} d").format(n=b.days),
                (b.number, b.mean),
                textcoords="offset points",
                xytext=(0, -14),
                ha="center",
                fontsize=theme.font_size - 1,
                color=theme.muted,
            )
    ax.set_xlim(0.5, plan.n_blocks + 0.5)
    ax.set_xticks(range(1, plan.n_blocks + 1))
    ax.set_xticklabels(
        [_("{block}\npair {pair}").format(block=b.number, pair=b.pair) for b in result.blocks]
    )
    label_axes(ax, theme, _("Block, in time order"), _(OUTCOME_PER_DAY.get(plan.outcome, "a day")))
    ax.set_ylim(bottom=0)
    legend = ax.legend(loc="best", fontsize=theme.font_size, frameon=False)
    for text in legend.get_texts():
        text.set_color(theme.foreground)
