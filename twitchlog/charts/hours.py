"""Time of day: when episodes happen, weekdays against weekends, per day of each kind.

Each hour's height is episodes in that hour divided by the number of diary days of that
kind (weekday or weekend) in the range, so five weekdays do not outweigh two weekend days.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from twitchlog.analysis.data import DailyData, EpisodePoints
from twitchlog.charts.base import (
    add_hover,
    check_outcome,
    empty_figure,
    label_axes,
    prepare,
    style_axes,
    title,
)
from twitchlog.charts.common import fmt
from twitchlog.charts.theme import Theme
from twitchlog.i18n import N_, _
from twitchlog.words import plural

WEIGHT_WORDS = {
    "count": N_("twitches"),
    "severity": N_("severity points"),
    "duration": N_("minutes"),
}


def episode_weights(points: EpisodePoints, outcome: str) -> np.ndarray:
    """What each episode counts for: 1, its severity, or its minutes (unmeasured = 0)."""
    if outcome == "severity":
        return points.severity.astype(float)
    if outcome == "duration":
        minutes: np.ndarray = np.nan_to_num(points.duration_s, nan=0.0) / 60.0
        return minutes
    return np.ones(points.n)


def hour_profile(
    points: EpisodePoints, data: DailyData, outcome: str = "count"
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(weekday[24], weekend[24]) per day of each kind, and the two day counts."""
    days = data.dates.astype("datetime64[D]")
    logged = np.asarray(data.observed, bool) | (np.asarray(data.episodes) > 0)
    # 1970-01-01 was a Thursday: (days + 3) % 7 gives Monday = 0.
    dow = (days.astype(np.int64) + 3) % 7
    n_weekend = int(np.count_nonzero(logged & (dow >= 5)))
    n_weekday = int(np.count_nonzero(logged & (dow < 5)))
    w = episode_weights(points, outcome)
    hour = np.clip(np.floor(points.local_hour).astype(int), 0, 23)
    # Split by the diary day, as the days are counted: 00:30 on a Saturday is Friday night.
    weekend = (points.diary_date.astype("datetime64[D]").astype(np.int64) + 3) % 7 >= 5
    wd = np.bincount(hour[~weekend], weights=w[~weekend], minlength=24)
    we = np.bincount(hour[weekend], weights=w[weekend], minlength=24)
    return wd / max(n_weekday, 1), we / max(n_weekend, 1), n_weekday, n_weekend


def build_hours(
    points: EpisodePoints,
    data: DailyData,
    outcome: str = "count",
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Side-by-side bars per hour: weekday (solid) and weekend (hatched)."""
    check_outcome(outcome)
    if points.n == 0:
        return empty_figure(fig, theme)
    wd, we, n_wd, n_we = hour_profile(points, data, outcome)
    fig, theme = prepare(fig, theme)
    ax = style_axes(fig.add_subplot(), theme)
    h = np.arange(24)
    c1, c2 = theme.accent(0), theme.accent(1)
    b1 = ax.bar(
        h - 0.2,
        wd,
        width=0.4,
        color=c1,
        label=_("weekdays ({days})").format(days=plural(n_wd, "day")),
        gid="weekday",
    )
    b2 = ax.bar(
        h + 0.2,
        we,
        width=0.4,
        color=c2,
        hatch="///",
        edgecolor=theme.background,
        linewidth=0,
        label=_("weekends ({days})").format(days=plural(n_we, "day")),
        gid="weekend",
    )
    words = _(WEIGHT_WORDS[outcome])
    per_weekday = _("{hours}: {value} {outcome} per weekday")
    per_weekend = _("{hours}: {value} {outcome} per weekend day")
    for bars, vals, text in ((b1, wd, per_weekday), (b2, we, per_weekend)):
        for i, bar in enumerate(bars):
            hours = f"{i:02d}:00–{i:02d}:59"
            add_hover(fig, bar, [text.format(hours=hours, value=fmt(vals[i], 2), outcome=words)])
    ax.set_xticks(range(0, 24, 2), [f"{i:02d}" for i in range(0, 24, 2)])
    ax.set_xlim(-0.6, 23.6)
    label_axes(
        ax,
        theme,
        _("hour of the day (local time when logged)"),
        _("{outcome} per day of that kind").format(outcome=words),
    )
    ax.legend(frameon=False, fontsize=theme.font_size - 1, labelcolor=theme.foreground)
    title(
        fig,
        _("Time of day"),
        theme,
        _("{episodes}; each bar is divided by the number of weekdays or weekend days.").format(
            episodes=plural(points.n, "episode")
        ),
        ax,
    )
    return fig
