"""What every chart shares: a Figure to draw into, themed axes, the empty state, hovering.

Figures are made with `matplotlib.figure.Figure` directly (never pyplot), so they carry
no global state and can be drawn by a Qt canvas, a PNG/SVG writer or a PDF page alike.
"""

from __future__ import annotations

import textwrap
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from twitchlog.catalog import OUTCOME_PER_DAY
from twitchlog.charts.numbers import localise_numbers
from twitchlog.charts.theme import LIGHT, Theme
from twitchlog.i18n import N_, _

DEFAULT_SIZE = (8.0, 4.5)  # inches: readable on a laptop and on an A4 page
# Words are shown through _() where a chart is drawn (the language may change).
OUTCOMES = OUTCOME_PER_DAY  # "twitches a day": the y-axis words for each outcome
OUTCOME_SHORT: dict[str, str] = {
    "count": N_("twitches"),
    "severity": N_("severity"),
    "duration": N_("minutes"),
}
OUTCOME_DAILY: dict[str, str] = {
    "count": N_("twitches per check-in day"),
    "severity": N_("severity per check-in day"),
    "duration": N_("minutes per check-in day"),
}
EMPTY_MESSAGE = N_("Nothing to show yet")
EMPTY_HINT = N_("Check in on a few days (even “no twitches today”) and this chart fills in.")


def check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
    return outcome


def prepare(
    fig: Figure | None, theme: Theme | None, size: tuple[float, float] = DEFAULT_SIZE
) -> tuple[Figure, Theme]:
    """A clean Figure (the given one, cleared, or a new one) painted in the theme."""
    theme = theme or LIGHT
    if fig is None:
        fig = Figure(figsize=size, layout="constrained")
    else:
        clear_figure(fig)
    fig.set_facecolor(theme.background)
    fig.set_edgecolor(theme.background)
    return fig, theme


def clear_figure(fig: Figure) -> None:
    """Empty a reused Figure for the next chart.

    The Axes are dropped, not cleared first as `Figure.clear` does: clearing rebuilds
    every tick of an Axes about to be thrown away (a tenth of a range switch).
    """
    for ax in list(fig.axes):
        fig.delaxes(ax)
    fig.clear()
    _HOVER.pop(fig, None)


def style_axes(
    ax: Axes, theme: Theme, *, grid_axis: Literal["x", "y", "both"] | None = "y"
) -> Axes:
    """Theme colours, light grid behind the data, no top/right frame, numbers written in
    the language in use."""
    ax.set_facecolor(theme.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.muted)
    ax.tick_params(colors=theme.foreground, labelsize=theme.font_size, which="both")
    ax.xaxis.label.set_color(theme.foreground)
    ax.yaxis.label.set_color(theme.foreground)
    ax.xaxis.label.set_fontsize(theme.font_size)
    ax.yaxis.label.set_fontsize(theme.font_size)
    ax.title.set_color(theme.foreground)
    ax.set_axisbelow(True)
    localise_numbers(ax)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=theme.grid, linewidth=0.6)
    return ax


def size_inches(fig: Figure | SubFigure) -> tuple[float, float]:
    """Width and height of a Figure, or of a SubFigure (a chart on a PDF page), in inches."""
    dpi = fig.figure.dpi
    return fig.bbox.width / dpi, fig.bbox.height / dpi


def fit(text: str, inches: float, font_size: float) -> str:
    """`text` wrapped into lines that fit `inches` at `font_size` points (a character is about
    0.58 em wide in DejaVu Sans), so longer German words or a larger text size wrap instead
    of running off the chart."""
    width = max(12, int(inches * 72 / (font_size * 0.58)))
    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))


def legend_columns(labels: Sequence[str], inches: float, font_size: float, most: int) -> int:
    """How many legend entries fit side by side in `inches` (each column as wide as the
    longest label, plus its marker and gaps), at most `most`."""
    em = font_size / 72
    for ncols in range(min(most, len(labels)), 1, -1):
        # matplotlib fills columns top to bottom, the first len % ncols one entry longer
        sizes = [len(labels) // ncols + (i < len(labels) % ncols) for i in range(ncols)]
        starts = [sum(sizes[:i]) for i in range(ncols)]
        columns = [labels[a : a + k] for a, k in zip(starts, sizes, strict=True) if k]
        wide = sum(max(len(str(t)) for t in col) * 0.6 + 5.0 for col in columns) * em
        if wide <= inches:
            return ncols
    return 1


def label_axes(
    ax: Axes, theme: Theme, x: str | None = None, y: str | None = None, **style: object
) -> None:
    """Axis labels wrapped to the figure's size at the theme's text size."""
    fig = ax.get_figure()
    assert fig is not None
    w, h = size_inches(fig)
    if x is not None:
        ax.set_xlabel(fit(x, w * 0.8, theme.font_size), **style)  # type: ignore[arg-type]
    if y is not None:
        ax.set_ylabel(fit(y, h * 0.75, theme.font_size), **style)  # type: ignore[arg-type]


def title(fig: Figure, text: str, theme: Theme, subtitle: str = "", ax: Axes | None = None) -> None:
    """Bold figure title on the left; the subtitle (what the numbers mean) goes over `ax`."""
    width = size_inches(fig)[0] * 0.95
    fig.suptitle(
        fit(text, width, theme.font_size + 2),
        x=0.01,
        ha="left",
        color=theme.foreground,
        fontsize=theme.font_size + 2,
        fontweight="bold",
    )
    if subtitle and ax is not None:
        ax.set_title(
            subtitle,  # its lines break where its Axes leaves no more room (the face map's
            loc="left",  # Axes starts far right of the figure's left edge)
            fontsize=theme.font_size,
            color=theme.muted,
            wrap=True,
        )


def empty_figure(
    fig: Figure | None = None,
    theme: Theme | None = None,
    message: str = EMPTY_MESSAGE,
    hint: str = EMPTY_HINT,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """The friendly "nothing to show yet" state: text in an empty axes, no fake zeros."""
    fig, theme = prepare(fig, theme, size)
    ax = fig.add_subplot()
    ax.set_facecolor(theme.background)
    ax.set_axis_off()
    # The message sits above the middle and the hint hangs below it, so a hint wrapped to
    # several lines (large text, German) grows downwards instead of over the message.
    ax.text(
        0.5,
        0.53,
        fit(_(message), size_inches(fig)[0] * 0.9, theme.font_size + 5),
        ha="center",
        va="bottom",
        fontsize=theme.font_size + 5,
        color=theme.foreground,
        transform=ax.transAxes,
        gid="empty-message",
    )
    ax.text(
        0.5,
        0.47,
        fit(_(hint), size_inches(fig)[0] * 0.85, theme.font_size + 1),
        ha="center",
        va="top",
        fontsize=theme.font_size + 1,
        color=theme.muted,
        transform=ax.transAxes,
        wrap=True,
    )
    return fig


def is_empty_figure(fig: Figure) -> bool:
    return any(t.get_gid() == "empty-message" for ax in fig.axes for t in ax.texts)


# --- hovering ---------------------------------------------------------------------------
@dataclass
class HoverTarget:
    """An artist and the text for each of its points (or one text for a patch)."""

    artist: Artist
    texts: Sequence[str] | Callable[[int], str]

    def text_at(self, i: int) -> str:
        if callable(self.texts):
            return self.texts(i)
        return self.texts[i] if i < len(self.texts) else ""


_HOVER: weakref.WeakKeyDictionary[Figure, list[HoverTarget]] = weakref.WeakKeyDictionary()


def add_hover(fig: Figure, artist: Artist, texts: Sequence[str] | Callable[[int], str]) -> None:
    """Register what hovering over `artist` should say (the window shows it as a tooltip)."""
    _HOVER.setdefault(fig, []).append(HoverTarget(artist, texts))


def hover_text(fig: Figure, event: object) -> str | None:
    """The text for the data under a mouse event (None when over nothing); last drawn wins."""
    for target in reversed(_HOVER.get(fig, [])):
        artist = target.artist
        if not artist.get_visible():
            continue
        hit, info = artist.contains(event)  # type: ignore[arg-type]
        if not hit:
            continue
        ind = info.get("ind") if isinstance(info, dict) else None
        i = int(ind[0]) if ind is not None and len(ind) else 0
        text = target.text_at(i)
        if text:
            return text
    return None
