"""Face map: a front-view face drawn with patches, each region shaded by how often it twitched.

Front view, as when facing the person: their left side is on the viewer's right. Left
and right are kept apart; an episode logged on "both" sides counts once on each side
(the caption says how many such episodes there were). Shares are of all episodes.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, Polygon, Rectangle

from twitchlog.analysis.data import EpisodePoints
from twitchlog.catalog import REGIONS
from twitchlog.charts.base import add_hover, empty_figure, prepare, title
from twitchlog.charts.theme import Theme, mix
from twitchlog.i18n import _, ngettext
from twitchlog.words import plural


def _half_ellipse(cx: float, cy: float, rx: float, ry: float, t0: float, t1: float) -> np.ndarray:
    t = np.linspace(t0, t1, 24)
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


Rect = tuple[str, tuple[float, float], float, float]
"""("rect", lower-left corner, width, height): a region drawn as a rectangle."""


def region_shapes(s: int) -> dict[str, np.ndarray | Rect]:
    """Outline of each region for one side: s = +1 person's left (viewer's right), −1 right."""
    ex, ey = s * 1.7, 1.3
    mouth = (
        _half_ellipse(0, -2.9, 1.3, 0.45, -np.pi / 2, np.pi / 2)
        if s > 0
        else _half_ellipse(0, -2.9, 1.3, 0.45, np.pi / 2, 3 * np.pi / 2)
    )
    return {
        "eyebrow": _half_ellipse(s * 1.7, 2.5, 1.5, 1.0, 0, np.pi),
        "upper_eyelid": _half_ellipse(ex, ey, 1.1, 0.6, 0, np.pi),
        "lower_eyelid": _half_ellipse(ex, ey, 1.1, 0.55, np.pi, 2 * np.pi),
        "nose": np.array([(0, 0.9), (s * 0.45, -1.0), (s * 0.9, -1.6), (0, -1.85)]),
        "cheek": _half_ellipse(s * 2.55, -1.0, 0.95, 0.8, 0, 2 * np.pi),
        "mouth": mouth,
        "chin": np.array([(0, -3.65), (s * 1.0, -3.65), (s * 0.9, -4.45), (0, -4.75)]),
        "jaw": np.array(
            [
                (s * 3.75, -1.0),
                (s * 3.45, -2.5),
                (s * 2.6, -3.75),
                (s * 1.35, -4.5),
                (s * 1.15, -3.95),
                (s * 2.2, -3.25),
                (s * 2.95, -2.2),
                (s * 3.2, -1.0),
            ]
        ),
        "neck": ("rect", (0 if s > 0 else -1.75, -7.0), 1.75, 2.6),
    }


def _centre(shape: np.ndarray | Rect) -> tuple[float, float]:
    if isinstance(shape, tuple):
        return (shape[1][0] + shape[2] / 2, shape[1][1] + shape[3] / 2)
    c = np.asarray(shape).mean(axis=0)
    return (float(c[0]), float(c[1]))


def side_counts(points: EpisodePoints) -> tuple[dict[str, dict[str, int]], int]:
    """{side: {region: count}} with "both" added to each side, and the number of "both"."""
    out = {"left": dict.fromkeys(REGIONS, 0), "right": dict.fromkeys(REGIONS, 0)}
    both = 0
    for (side, region), n in points.places.items():
        if region not in REGIONS:
            continue
        sides = ("left", "right") if side == "both" else (side,)
        if side == "both":
            both += n
        for sd in sides:
            if sd in out:
                out[sd][region] += n
    return out, both


def build_face(
    points: EpisodePoints, *, fig: Figure | None = None, theme: Theme | None = None
) -> Figure:
    """The face with each region's share of episodes, left and right apart, labelled."""
    counts, both = side_counts(points)
    total_places = sum(sum(c.values()) for c in counts.values())
    if points.n == 0 or total_places == 0:
        return empty_figure(
            fig, theme, hint=_("Log an episode with where on the face it was and the map fills in.")
        )
    fig, theme = prepare(fig, theme, (8.0, 5.5))
    ax = fig.add_subplot()
    ax.set_facecolor(theme.background)
    ax.set_axis_off()
    ax.set_aspect("equal")
    from matplotlib import colormaps

    cmap = colormaps[theme.sequential]
    vmax = max(max(c.values()) for c in counts.values())
    norm = Normalize(0, vmax)
    skin = mix(theme.background, theme.foreground, 0.06)
    line = mix(theme.background, theme.foreground, 0.55)
    ax.add_patch(Rectangle((-1.75, -7.0), 3.5, 2.6, facecolor=skin, edgecolor=line, lw=1.2))
    ax.add_patch(Ellipse((0, 0.4), 8.0, 10.4, facecolor=skin, edgecolor=line, lw=1.5, zorder=1))
    for ear in (-1, 1):
        ax.add_patch(
            Ellipse((ear * 4.05, 0.6), 0.8, 1.8, facecolor=skin, edgecolor=line, lw=1.2, zorder=0)
        )
    n = points.n
    for s, side in ((-1, "right"), (1, "left")):
        shapes = region_shapes(s)
        # Labels top to bottom in the order of the regions' centres, so leader lines don't cross.
        centres = {r: _centre(sh) for r, sh in shapes.items()}
        names = sorted(REGIONS, key=lambda r: -centres[r][1])
        for k, region in enumerate(names):
            shape = shapes[region]
            c = counts[side][region]
            face = cmap(norm(c)) if c > 0 else skin
            patch: Rectangle | Polygon
            if isinstance(shape, tuple):
                patch = Rectangle(
                    shape[1],
                    shape[2],
                    shape[3],
                    facecolor=face,
                    edgecolor=line,
                    lw=0.8,
                    zorder=2 if region != "neck" else 0.5,
                )
            else:
                patch = Polygon(
                    shape,
                    closed=True,
                    facecolor=face,
                    edgecolor=line,
                    lw=0.8,
                    zorder=3 if "eyelid" in region else 2,
                )
            centre = centres[region]
            patch.set_gid(f"{side}:{region}")
            ax.add_patch(patch)
            share = 100 * c / n
            place = _(REGIONS[region])
            if side == "left":
                text = _("{place}, left side: {episodes} ({percent}%)")
            else:
                text = _("{place}, right side: {episodes} ({percent}%)")
            text = text.format(place=place, episodes=plural(c, "episode"), percent=f"{share:.0f}")
            add_hover(fig, patch, [text])
            y_label = 4.6 - k * 1.25
            x_label = s * 5.2
            ax.annotate(
                _("{place}  {count} ({percent}%)").format(
                    place=place, count=c, percent=f"{share:.0f}"
                ),
                xy=centre,
                xytext=(x_label, y_label),
                ha="left" if s > 0 else "right",
                va="center",
                fontsize=theme.font_size - 0.5,
                color=theme.foreground if c else theme.muted,
                arrowprops={
                    "arrowstyle": "-",
                    "color": line,
                    "lw": 0.5,
                    "shrinkA": 2,
                    "shrinkB": 0,
                },
                zorder=5,
            )
    for s in (-1, 1):  # pupils, drawn over the eyelids so the eyes read as eyes
        ax.add_patch(Ellipse((s * 1.7, 1.3), 0.45, 0.45, facecolor=line, lw=0, zorder=4))
    ax.text(
        -5.2,
        6.2,
        _("person's RIGHT"),
        ha="right",
        fontsize=theme.font_size + 1,
        color=theme.foreground,
        fontweight="bold",
    )
    ax.text(
        5.2,
        6.2,
        _("person's LEFT"),
        ha="left",
        fontsize=theme.font_size + 1,
        color=theme.foreground,
        fontweight="bold",
    )
    ax.set_xlim(-11.5, 11.5)
    ax.set_ylim(-7.3, 6.9)
    note = _("{episodes}, front view (their left is on your right).").format(
        episodes=plural(n, "episode")
    )
    if both:
        note += " " + ngettext(
            "{n} episode on both sides counts on each side.",
            "{n} episodes on both sides count on each side.",
            both,
        ).format(n=both)
    note += " " + _("An episode may name several places.")
    title(fig, _("Where it twitches"), theme, note, ax)
    return fig
