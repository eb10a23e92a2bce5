"""The one-page PDF for a doctor visit (plus a second page with the full trigger table).

A4 portrait, vector text with embedded TrueType fonts, black-and-white friendly: every
distinction that colour draws is also made by fill, hatching, a symbol or a number.
Built with matplotlib's object API (Figure + PdfPages), never pyplot.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from twitchlog import catalog
from twitchlog.analysis.cycle_words import summary_parts
from twitchlog.analysis.sentences import ci_text, short_condition, verdict_words
from twitchlog.db.lite import Source
from twitchlog.diary.records import Place
from twitchlog.errors import DiaryError
from twitchlog.i18n import N_, _, decimal_sign, format_date, format_number, ngettext
from twitchlog.report.summary import ReportData
from twitchlog.report.textfit import PAGE_WIDTH_PT, text_width, wrap
from twitchlog.safefile import atomic_write
from twitchlog.words import duration_words, plural, upper_first

if TYPE_CHECKING:
    from twitchlog.analysis.triggers import TriggerReport

A4 = (8.27, 11.69)  # inches
LEFT, RIGHT = 0.07, 0.93
INK = "#000000"
GREY = "#555555"
LIGHT = "#bbbbbb"
PT = 1 / (A4[1] * 72)  # one point as a fraction of the page height
TOP = 0.965
FOOTER_SIZE = 6.0
FOOTER_Y = 0.018

SECTION_TREND = N_("Episodes over time")
SECTION_SEVERITY = N_("Severity and places")
SECTION_TRIGGERS = N_("Triggers with a clear or possible link")
SECTION_TREATMENTS = N_("Treatments: before and after")
SECTION_SIGNS = N_("Warning signs and when to see a doctor")
SECTION_TABLE = N_("All trigger comparisons")
SECTION_EXPERIMENT = N_("An experiment: testing a suspected trigger")
ASSOCIATION = N_(
    "Association, not cause: a link in a diary shows that two things went together, "
    "not that one caused the other."
)
FOOTER = N_(
    "Made with twitchlog from the person's own diary. Not a diagnosis; the items above are "
    "the usual patient-information list, marked from what was logged."
)
SEVERITY_WORDS = {1: N_("barely"), 2: N_("mild"), 3: N_("moderate"), 4: N_("severe")}
"""The first word of each catalog.SEVERITY anchor: the short form a chart label has room for."""


class Page:
    """A Figure with a text cursor that moves down the page as sections are added.

    `scale` shrinks type, gaps and charts together, so a page whose words run long (German)
    still fits on one sheet; `bottom` is where the footer begins."""

    def __init__(self, scale: float = 1.0) -> None:
        self.fig = Figure(figsize=A4)
        self.fig.set_facecolor("white")
        self.y = TOP
        self.scale = scale

    def skip(self, points: float) -> None:
        self.y -= points * self.scale * PT

    def text(
        self,
        text: str,
        size: float = 8.5,
        *,
        weight: str = "normal",
        color: str = INK,
        x: float = LEFT,
        width: float = RIGHT - LEFT,
        gap: float = 1.22,
    ) -> None:
        size *= self.scale
        for line in wrap(text, size, width * PAGE_WIDTH_PT, weight) or [""]:
            self.fig.text(x, self.y, line, fontsize=size, weight=weight, color=color, va="top")
            self.y -= size * gap * PT

    def heading(self, text: str) -> None:
        self.skip(3)
        size = 10.5 * self.scale
        self.fig.text(LEFT, self.y, text, fontsize=size, weight="bold", va="top", color=INK)
        self.skip(15)  # the rule goes below the descenders ('g' in 'Ergebnis')
        self.fig.add_artist(
            Rectangle(
                (LEFT, self.y + 2 * PT),
                RIGHT - LEFT,
                0.6 * PT,
                transform=self.fig.transFigure,
                color=GREY,
                lw=0,
            )
        )
        self.skip(2.5)

    def axes(self, height: float, x: float = LEFT, width: float = RIGHT - LEFT) -> Axes:
        ax = self.fig.add_axes((x, self.y - height, width, height))
        return ax


# --- sections ----------------------------------------------------------------------------


def count_text(n: int) -> str:
    """A whole number with the language's thousands mark: '12,345' / '12.345'."""
    return f"{n:,}".replace(",", "." if decimal_sign() == "," else ",")


def percent(share: float) -> str:
    """'82%' ('82 %' in German, which sets a space before the sign)."""
    return _("{percent}%").format(percent=format_number(100 * share, 0))


def _header(page: Page, r: ReportData) -> None:
    title = _("Facial twitching diary — summary for a doctor visit")
    room = (RIGHT - LEFT) * PAGE_WIDTH_PT / page.scale
    size = min(15.0, 15.0 * 0.95 * room / text_width(title, 15.0, "bold"))  # 0.95: wrap's slack
    page.text(title, size, weight="bold", gap=1.45 * 15.0 / size)
    period = _("Period {start} to {end} ({days})").format(
        start=format_date(r.start), end=format_date(r.end), days=plural(r.n_days, "day")
    )
    checked = ngettext(
        "checked in on {observed} of {n} day",
        "checked in on {observed} of {n} days",
        r.n_days,
    ).format(observed=r.observed_days, n=r.n_days)
    if r.n_days:
        checked += f" ({percent(r.observed_days / r.n_days)})"
    made = _("made {date}").format(date=format_date(r.made))
    page.text(" · ".join([*([r.name] if r.name else []), period, checked, made]), 9)
    sev = r.points.severity
    obs = r.data.observed
    per_day = r.data.episodes[obs].mean() if obs.any() else float("nan")
    days_with = int(np.count_nonzero((r.data.episodes > 0) & obs))
    minutes = float(np.nansum(r.points.duration_s)) / 60 if r.points.n else 0.0
    parts = [
        ngettext("{n} episode logged", "{n} episodes logged", r.episodes).format(
            n=count_text(r.episodes)
        )
    ]
    if np.isfinite(per_day):
        parts.append(_("{mean} a day on check-in days").format(mean=format_number(per_day, 1)))
        n_obs = int(obs.sum())
        parts.append(
            ngettext(
                "twitching on {days} of {n} checked-in day",
                "twitching on {days} of {n} checked-in days",
                n_obs,
            ).format(days=days_with, n=n_obs)
        )
    if sev.size:
        med = int(np.median(sev))
        parts.append(
            _("typical severity {level} ({words})").format(level=med, words=_(SEVERITY_WORDS[med]))
        )
    if minutes:
        parts.append(_("{duration} in all").format(duration=duration_words(minutes * 60)))
    page.text(" · ".join(parts) + ".", 9, weight="bold")
    page.text(
        _(
            "A day counts as observed when a daily check-in was made; days without one are "
            "unknown, never zero."
        ),
        7.5,
        color=GREY,
    )


def _style(ax: Axes) -> None:
    from twitchlog.charts.numbers import localise_numbers

    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7, colors=INK)
    localise_numbers(ax)  # '1,5' on a German page, as every chart in the window


def _periods(r: ReportData) -> tuple[str, list[dt.date], np.ndarray, np.ndarray, np.ndarray]:
    """Daily totals for the first six weeks (a week's bar would cover a short diary's whole
    chart), weekly ones up to two years, monthly beyond: starts, episodes, check-ins, days."""
    dates = r.data.dates.astype(dt.date)
    monthly, daily = r.n_days > 730, r.n_days <= 42
    if monthly:
        keys: list[object] = [(d.year, d.month) for d in dates]
    elif daily:
        keys = [d.toordinal() for d in dates]
    else:
        keys = [(d - dt.timedelta(days=d.weekday())).toordinal() for d in dates]
    starts: list[dt.date] = []
    index: dict[object, int] = {}
    for d, k in zip(dates, keys, strict=True):
        if k not in index:
            index[k] = len(starts)
            starts.append(d if monthly or daily else d - dt.timedelta(days=d.weekday()))
    pos = np.array([index[k] for k in keys], dtype=int)
    n = len(starts)
    eps = np.bincount(pos, weights=r.data.episodes, minlength=n)
    obs = np.bincount(pos, weights=r.data.observed.astype(float), minlength=n)
    days = np.bincount(pos, minlength=n).astype(float)
    return ("month" if monthly else "day" if daily else "week"), starts, eps, obs, days


def _trend(page: Page, r: ReportData) -> None:
    page.heading(_(SECTION_TREND))
    unit, starts, eps, obs, days = _periods(r)
    page.skip(9)
    height = 0.10 * page.scale
    ax = page.axes(height, x=LEFT + 0.05, width=RIGHT - LEFT - 0.05)
    _style(ax)
    full = obs >= days * 0.5
    x = np.array(starts, dtype="datetime64[D]")
    width = {"day": np.timedelta64(20, "h"), "week": np.timedelta64(6, "D")}.get(
        unit, np.timedelta64(27, "D")
    )
    if full.any():
        ax.bar(
            x[full],
            eps[full],
            width=width,
            align="edge",
            color=GREY,
            edgecolor=INK,
            lw=0.3,
            label={
                "day": _("day with a check-in"),
                "week": _("week with check-ins on at least half its days"),
            }.get(unit, _("month with check-ins on at least half its days")),
        )
    if (~full).any():
        ax.bar(
            x[~full],
            eps[~full],
            width=width,
            align="edge",
            color="white",
            edgecolor=GREY,
            hatch="////",
            lw=0.3,
            label={
                "day": _("day without a check-in (count may be partial)"),
                "week": _("week with few check-ins (count is partial)"),
            }.get(unit, _("month with few check-ins (count is partial)")),
        )
    ax.set_ylabel(
        {"day": _("episodes a day"), "week": _("episodes a week")}.get(unit, _("episodes a month")),
        fontsize=7.5,
    )
    if not r.data.observed.any() and not eps.any():
        ax.text(
            0.5,
            0.5,
            _("nothing logged and no check-ins in this period"),
            ha="center",
            va="center",
            fontsize=8,
            color=GREY,
            transform=ax.transAxes,
        )
    ax.set_ylim(0, max(float(eps.max()) if eps.size else 0.0, 1.0) * 1.3)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(x[0] if x.size else None, (x[-1] + width) if x.size else None)
    _date_ticks(ax)
    named: list[str] = []
    starts_in = [t for t in r.data.treatments if r.start <= t.start <= r.end]
    lines = len(starts_in) <= 12  # beyond that (years of injections) ticks only, no lines
    for t in starts_in:
        tx = np.datetime64(t.start, "D")
        if lines:
            ax.axvline(float(mdates.date2num(tx)), color=INK, ls=(0, (2, 2)), lw=0.7)
        ax.plot(
            [tx],
            [1.0],
            marker="v",
            ms=3.5,
            color=INK,
            transform=ax.get_xaxis_transform(),
            clip_on=False,
        )
        if t.name not in named:
            named.append(t.name)
            ax.annotate(
                t.name,
                (tx, 1.0),
                xycoords=("data", "axes fraction"),
                fontsize=6.5,
                va="top",
                ha="left",
                xytext=(3, -5 - 8 * (len(named) - 1)),
                textcoords="offset points",
                bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
            )
    if named:
        ax.plot(
            [],
            [],
            color=INK,
            ls=(0, (2, 2)) if lines else "",
            marker="v",
            ms=3.5,
            lw=0.7,
            label=_("treatment started"),
        )
    labels = ax.get_legend_handles_labels()[1]
    ncols = _legend_columns(labels, 6.5)
    ax.legend(fontsize=6.5, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.18), ncols=ncols)
    rows = -(-len(labels) // ncols) if labels else 1
    page.y -= height
    page.skip(32 + 10 * (rows - 1))


def _legend_columns(labels: list[str], size: float) -> int:
    """As many legend columns (up to 3) as fit the text width side by side."""
    room = (RIGHT - LEFT) * PAGE_WIDTH_PT
    widest = max((text_width(label, size) for label in labels), default=0.0) + 3.6 * size
    for ncols in (3, 2):
        if ncols * widest + (ncols - 1) * 2 * size <= room:
            return ncols
    return 1


def _date_ticks(ax: Axes) -> None:
    """The time axis' dates as the reader writes them: days by format_date, month ticks
    as '2025-07' (English) or '07.2025' (German)."""
    # whole days only: on a few days' axis matplotlib also ticks noon, which would repeat
    # each date
    ticks = [float(t) for t in ax.get_xticks() if float(t).is_integer()]
    days = [mdates.num2date(t).date() for t in ticks]
    if all(d.day == 1 for d in days):
        labels = [_("{year}-{month:02d}").format(year=d.year, month=d.month) for d in days]
    else:
        labels = [format_date(d) for d in days]
    ax.set_xticks(ticks, labels)


def _severity(ax: Axes, r: ReportData) -> None:
    _style(ax)
    counts = [int(np.count_nonzero(r.points.severity == s)) for s in (1, 2, 3, 4)]
    total = max(1, sum(counts))
    shades = ["#e0e0e0", "#a8a8a8", "#6c6c6c", "#222222"]
    y = np.arange(4)[::-1]
    ax.barh(y, counts, color=shades, edgecolor=INK, lw=0.4)
    ax.set_yticks(y, [f"{s} {_(SEVERITY_WORDS[s])}" for s in (1, 2, 3, 4)], fontsize=7)
    for yi, c in zip(y, counts, strict=True):
        ax.text(c, yi, f"  {c} ({percent(c / total)})", va="center", fontsize=6.8)
    ax.set_xlim(0, max([*counts, 1]) * 1.45)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no '0,25 episodes'
    ax.set_xlabel(_("episodes by severity, 1–4"), fontsize=7)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _face(page: Page, rect: tuple[float, float, float, float], r: ReportData) -> float:
    """The charts' face map, drawn into a sub-figure of the page with small print; returns
    how far (page fraction) its caption reaches below it."""
    from matplotlib.gridspec import GridSpec

    from twitchlog.charts.face import build_face
    from twitchlog.charts.theme import Theme

    x, y, w, h = rect
    grid = GridSpec(1, 1, figure=page.fig, left=x, right=x + w, bottom=y, top=y + h)
    sub = page.fig.add_subfigure(grid[0])
    # A SubFigure offers every Figure method the face uses; it is drawn into the page.
    build_face(r.points, fig=cast(Figure, sub), theme=Theme(font_size=5.5))
    sub.suptitle("")
    sub.patch.set_visible(False)  # a sub-figure spans the page; its background would hide it
    for ax in sub.axes:  # positions are fractions of the whole page, not the sub-figure
        ax.set_position(rect)
        ax.set_title("", loc="left")
    caption = _("front view: their left is on your right; an episode may name several places")
    size = 6 * page.scale
    lines = wrap(caption, size, w * PAGE_WIDTH_PT)
    page.fig.text(
        x + w / 2,
        y - 2 * PT,
        "\n".join(lines),
        fontsize=size,
        color=GREY,
        ha="center",
        va="top",
        multialignment="center",
    )
    return (2 + len(lines) * size * 1.2) * PT


def _severity_places(page: Page, r: ReportData) -> None:
    page.heading(_(SECTION_SEVERITY))
    top = page.y
    k = page.scale
    height = 0.165 * k
    _severity(page.fig.add_axes((LEFT + 0.1, top - 0.075 * k, 0.25, 0.07 * k)), r)
    caption = _face(page, (0.47, top - height, RIGHT - 0.47, height), r)
    page.y = top - 0.118 * k
    total = sum(r.points.places.values())
    places = sorted(r.points.places.items(), key=lambda kv: -kv[1])
    lines = [
        f"{Place(side, reg).words} ×{n} ({percent(n / max(total, 1))})"
        for (side, reg), n in places[:6]
        if reg in catalog.REGIONS
    ]
    page.text(_("Where (most often first):"), 8, weight="bold", width=0.38)
    page.text("; ".join(lines) if lines else _("no places logged"), 8, width=0.38)
    if r.first_seen:
        first = min(r.first_seen.items(), key=lambda kv: kv[1])
        page.text(
            _("First place logged: {place} on {date}.").format(
                place=first[0].words, date=format_date(first[1])
            ),
            8,
            width=0.38,
            color=GREY,
        )
    page.y = min(page.y, top - height - caption)
    page.skip(4)


def _triggers(page: Page, r: ReportData) -> None:
    page.heading(_(SECTION_TRIGGERS))
    if r.triggers is None:
        page.text(_("No check-ins in this period, so no trigger could be compared."), 8.5)
        return
    links = r.links
    for f in links[:3]:
        mark = "●" if f.verdict == "clear link" else "◐"
        page.text(
            _("{mark} {verdict} — {factor}: {sentence}").format(
                mark=mark,
                verdict=upper_first(verdict_words(f.verdict)),
                factor=f.label,
                sentence=f.sentence,
            ),
            8,
        )
        page.skip(1.5)
    if len(links) > 3:
        page.text(_("…and {n} more on page 2.").format(n=len(links) - 3), 7.5, color=GREY)
    if not links:
        page.text(
            _(
                "No factor showed a clear or possible link in this period "
                "({comparisons} checked, {days})."
            ).format(
                comparisons=plural(r.triggers.comparisons, "comparison"),
                days=plural(r.triggers.observed_days, "checked-in day"),
            ),
            8.5,
        )
    for f in r.reversed_links[:3]:
        page.text(
            _("↺ After bad days — {factor}: {clause}").format(
                factor=f.label, clause=f.reverse_note
            ),
            8,
        )
        page.skip(1.5)
    if r.triggers.checkin_note:
        page.text(r.triggers.checkin_note, 7.5, color=GREY)
    page.text(r.triggers.power_note, 7.5, color=GREY)
    page.text(_(ASSOCIATION) + " " + r.triggers.caveat, 7.5, weight="bold")


MAX_CYCLE_ROWS = 6  # the latest cycles of the period on page 1; the rest are counted
CYCLE_COLUMNS = (
    (N_("Injection"), 0.0),
    (N_("Product and units"), 0.11),
    (N_("Onset"), 0.36),
    (N_("Wear-off: measured / felt"), 0.48),
    (N_("Side effects"), 0.72),
)


def cycle_rows(r: ReportData) -> list[tuple[str, ...]]:
    """One row per injection cycle starting in the period: date, product and units, onset,
    measured and felt wear-off week, side effects (the doctor's dose decisions)."""
    if r.cycles is None:
        return []
    rows: list[tuple[str, ...]] = []
    for c in r.cycles.report.cycles:
        if not r.start <= c.start <= r.end:
            continue
        shot = r.cycles.injection_on(c.start)
        onset = week_text(c.onset.week) if c.onset.week is not None else "–"
        if c.verdict == "can't tell yet":
            onset = _("too early")
        elif c.verdict != "lower":
            onset = _("none clear")
        w = c.wear_off
        measured = "–"
        if w.week is not None:
            measured = week_text(w.week) + (f" ({w.low}–{w.high})" if w.low != w.high else "")
        if c.wear_off.status == "not yet":
            measured = _("not yet")
        felt = week_text(c.felt_week) if c.felt_week is not None else "–"
        rows.append(
            (
                format_date(c.start),
                shot.dose_words if shot else "",
                onset,
                f"{measured} / {felt}",
                (shot.side_effect_words or _("not rated")) if shot else "",
            )
        )
    return rows


def week_text(week: int) -> str:
    """'week 3' of an injection cycle (counted from the injection)."""
    return _("week {n}").format(n=week)


def _cycles(page: Page, r: ReportData) -> None:
    rows = cycle_rows(r)
    if not rows or r.cycles is None:
        return
    page.text(_("Botulinum toxin cycles (weeks since the injection):"), 8.5, weight="bold")
    columns = tuple(x for _name, x in CYCLE_COLUMNS)
    heads = tuple(_(name) for name, _x in CYCLE_COLUMNS)
    size = 7.5 * page.scale
    draw_row(page, columns, cell_lines(columns, heads, 7 * page.scale), 7 * page.scale, color=GREY)
    shown = rows[-MAX_CYCLE_ROWS:]
    for row in shown:
        draw_row(page, columns, cell_lines(columns, row, size), size)
    rep = r.cycles.report
    summary = []
    if len(rows) > len(shown):
        hidden = len(rows) - len(shown)
        summary.append(
            ngettext("{n} earlier cycle not shown", "{n} earlier cycles not shown", hidden).format(
                n=hidden
            )
        )
    summary += summary_parts(rep)
    if summary:
        page.text(upper_first("; ".join(summary)) + ".", 7.5, color=GREY)
    page.skip(2)


def _treatments(page: Page, r: ReportData) -> None:
    page.heading(_(SECTION_TREATMENTS))
    _cycles(page, r)
    results = r.treatments
    if cycle_rows(r):
        results = [t for t in results if t.kind != "injection"]
        if not results:
            return
    if not results:
        before = sorted({t.name for t in r.data.treatments if t.start < r.start})
        text = _("No treatment started in this period.")
        if before:
            text += " " + _("Started earlier: {names}.").format(names=", ".join(before))
        page.text(text, 8.5)
        return
    seen: set[str] = set()
    shown = 0
    for t in results:
        if shown >= 2:
            break
        key = t.name.lower()
        if key in seen and t.kind == "injection":
            continue
        seen.add(key)
        page.text(f"• {t.sentence}", 8)
        shown += 1
    if len(results) > shown:
        more = len(results) - shown
        page.text(
            ngettext(
                "({n} more treatment start in the diary.)",
                "({n} more treatment starts in the diary.)",
                more,
            ).format(n=more),
            7.5,
            color=GREY,
        )
    page.text(results[0].note, 7.5, color=GREY)


def _signs(page: Page, r: ReportData) -> None:
    page.heading(_(SECTION_SIGNS))
    signs = sorted(r.points.signs.items(), key=lambda kv: -kv[1])
    if signs:
        page.text(
            _("Warning signs logged with episodes: {signs}.").format(
                signs="; ".join(f"{_(catalog.SIGNS.get(s, s))} ×{n}" for s, n in signs)
            ),
            8.5,
        )
    else:
        page.text(_("No warning signs were logged with any episode."), 8.5)
    page.skip(2)
    page.text(
        _("See a doctor when twitching (● = seen in this diary, ○ = not seen):"),
        8.5,
        weight="bold",
    )
    for c in r.checks:
        mark = "●" if c.applies else "○"
        detail = f" — {c.reason}" if c.reason else ""
        page.text(
            f"{mark} {_(c.text)}{detail}",
            8,
            weight="bold" if c.applies else "normal",
            x=LEFT + 0.01,
            width=RIGHT - LEFT - 0.01,
        )


def _footer_lines(number: int, total: int) -> tuple[list[str], str]:
    """The footer's note wrapped beside the page number, and the page number."""
    label = _("page {number} of {total}").format(number=number, total=total)
    room = (RIGHT - LEFT) * PAGE_WIDTH_PT - text_width(label, FOOTER_SIZE + 0.5) - 12
    return wrap(_(FOOTER), FOOTER_SIZE, room), label


def footer_top() -> float:
    """Where the footer begins: a page's text stays above it."""
    lines, _label = _footer_lines(9, 9)
    return FOOTER_Y + (len(lines) * FOOTER_SIZE * 1.25 + 6) * PT


def _footer(page: Page, number: int, total: int) -> None:
    lines, label = _footer_lines(number, total)
    page.fig.text(LEFT, FOOTER_Y, "\n".join(lines), fontsize=FOOTER_SIZE, color=GREY, va="bottom")
    page.fig.text(
        RIGHT, FOOTER_Y, label, fontsize=FOOTER_SIZE + 0.5, color=GREY, va="bottom", ha="right"
    )


def cell_lines(
    columns: tuple[float, ...], cells: tuple[str, ...], size: float, weight: str = "normal"
) -> list[list[str]]:
    """Each cell wrapped to its own column (at most 5 lines), so no heading, factor name (up
    to 80 characters) or long German word runs into the next column."""
    edges = [*columns, 1.0]
    gap = 4.0  # points kept clear before the next column
    return [
        wrap(cell, size, (edges[i + 1] - edges[i]) * (RIGHT - LEFT) * PAGE_WIDTH_PT - gap, weight)[
            :5
        ]
        or [""]
        for i, cell in enumerate(cells)
    ]


def draw_row(
    page: Page,
    columns: tuple[float, ...],
    lines: list[list[str]],
    size: float,
    *,
    weight: str = "normal",
    color: str = INK,
) -> None:
    """One table row at the cursor; the row is as tall as its tallest cell. Each line sits
    on its baseline, so cells line up whatever their letters ('When' beside 'Episodes a
    day': top alignment moves a word without descenders down)."""
    for x, cell in zip(columns, lines, strict=True):
        for k, line in enumerate(cell):
            page.fig.text(
                LEFT + x * (RIGHT - LEFT),
                page.y - (0.95 + 1.25 * k) * size * PT,
                line,
                fontsize=size,
                va="baseline",
                weight=weight,
                color=color,
            )
    page.y -= row_height(lines, size)


def row_height(lines: list[list[str]], size: float) -> float:
    """The page height a row of wrapped cells takes, with a little air below it."""
    return (1.5 + max(len(cell) for cell in lines) * size * 1.25) * PT


def _table_page(r: ReportData, t: TriggerReport) -> Page:
    page = Page()
    page.text(
        _("{title} — {start} to {end}").format(
            title=_(SECTION_TABLE), start=format_date(r.start), end=format_date(r.end)
        ),
        13,
        weight="bold",
        gap=1.5,
    )
    page.text(
        _(
            "{days}; {comparisons} checked together (each factor's days as one family, then "
            "Benjamini–Hochberg q across factors). Ratio: episodes a day on 'high' days "
            "against other days of the same month."
        ).format(
            days=plural(t.observed_days, "checked-in day"),
            comparisons=plural(t.comparisons, "comparison"),
        ),
        8,
    )
    heads = (
        _("Factor (high days)"),
        _("When"),
        _("Days (high / other)"),
        _("Episodes a day"),
        _("Ratio (≈95% CI)"),
        "q",
        _("Verdict"),
    )
    columns = (0.0, 0.25, 0.385, 0.50, 0.645, 0.80, 0.86)
    page.skip(6)
    draw_row(page, columns, cell_lines(columns, heads, 7.5, "bold"), 7.5, weight="bold")
    page.skip(2)
    for f in t.findings[:70]:

        def num(v: float) -> str:
            return format_number(v, 2) if np.isfinite(v) else "–"

        ci = f.ratio_ci
        ratio = num(f.ratio) + (
            f" ({ci_text(*ci)})" if np.isfinite(ci[0]) and np.isfinite(ci[1]) else ""
        )
        q = ("<" + format_number(0.01, 2) if f.q < 0.01 else num(f.q)) if np.isfinite(f.q) else "–"
        cells = (
            short_condition(f.label, f.split),
            f.when,
            f"{f.high_days} / {f.low_days}",
            _("{high} vs {other}").format(high=num(f.high_mean), other=num(f.low_mean)),
            ratio,
            q,
            verdict_words(f.verdict),
        )
        weight = "bold" if f.verdict in ("clear link", "possible link") else "normal"
        lines = cell_lines(columns, cells, 7, weight)
        if page.y - row_height(lines, 7) < 0.12:
            break
        draw_row(page, columns, lines, 7, weight=weight)
    page.skip(6)
    page.text(t.power_note, 7.5, color=GREY)
    page.text(_(ASSOCIATION) + " " + t.caveat, 7.5, weight="bold")
    if t.experiment_hint:
        page.text(t.experiment_hint, 7.5)
    return page


def _experiment_page(r: ReportData) -> Page:
    """A finished experiment: what was tested, the result in words, each block's mean."""
    from twitchlog.analysis.experiment import ExperimentResult
    from twitchlog.charts.experiment import plot_blocks
    from twitchlog.charts.theme import Theme

    result = r.experiment
    assert isinstance(result, ExperimentResult)
    plan = result.plan
    page = Page()
    page.text(_(SECTION_EXPERIMENT), 13, weight="bold", gap=1.5)
    end = plan.stopped or plan.end
    page.text(
        ngettext(
            "Tested: {factor} — '{changed}' against '{usual}', {pairs} pair of {days}-day "
            "blocks in random order within each pair (seed {seed}), {start} to {end}.",
            "Tested: {factor} — '{changed}' against '{usual}', {pairs} pairs of {days}-day "
            "blocks in random order within each pair (seed {seed}), {start} to {end}.",
            plan.pairs,
        ).format(
            factor=_(plan.factor_label),
            changed=_(plan.changed),  # a default ("as usual") in the reader's language
            usual=_(plan.usual),
            pairs=plan.pairs,
            days=plan.block_days,
            seed=plan.seed,
            start=format_date(plan.start),
            end=format_date(end) if end else "…",
        ),
        8.5,
    )
    for warning in r.experiment_warnings:
        page.text(_("Note: {warning}").format(warning=warning), 8, weight="bold")
    verdict = verdict_words(result.verdict)
    page.heading(_("Result: {verdict}").format(verdict=verdict))
    low = (
        re.compile(rf"(?<!\d){round(100 * result.adherence)}\s?%")
        if result.low_adherence and result.adherence is not None
        else None
    )
    for sentence in result.sentences:
        page.text(sentence, 8.5, weight="bold" if low and low.search(sentence) else "normal")
    page.skip(10)
    ax = page.axes(0.22, x=LEFT + 0.06, width=RIGHT - LEFT - 0.06)
    theme = Theme(background="white", foreground=INK, grid="#dddddd", muted=GREY)
    _style(ax)
    plot_blocks(ax, result, theme)
    page.y -= 0.22 + 40 * PT
    page.text(
        _(
            "Each point is the mean of one block after its settling-in days (number of "
            "checked-in days below it); the two blocks of each pair are joined. An experiment "
            "that the diary planned and randomised tests cause and effect for this one person, "
            "which a diary alone cannot."
        ),
        7.5,
        color=GREY,
    )
    return page


def _has_table(report: ReportData) -> bool:
    return report.triggers is not None and bool(report.triggers.findings)


def page_count(report: ReportData) -> int:
    """How many pages `build_pages` makes, without drawing them."""
    return 1 + _has_table(report) + (report.experiment is not None)


MIN_SCALE = 0.7
"""Smallest type on page 1, as a share of its usual size (7.5 pt print becomes 5.3 pt)."""


def _fitted_first_page(report: ReportData) -> Page:
    """Page 1 at full size, or, when it would run into the footer (German, many findings,
    years of injections), set as large as still fits: each try scales by the room over the
    height used (smaller type also wraps into fewer lines, so a fitting try may grow again),
    kept between the largest size that fitted and the smallest that did not."""
    bottom = footer_top()
    page = _first_page(report, 1.0)
    if page.y >= bottom:
        return page
    best: Page | None = None
    too_big = 1.0
    for _attempt in range(3):
        low = best.scale if best is not None else MIN_SCALE
        if too_big - low < 0.01:
            break
        guess = page.scale * (TOP - bottom) / (TOP - page.y) * 0.995
        if not low < guess < too_big - 0.005:
            guess = (low + too_big) / 2
        if best is not None and guess - low < 0.005:
            break  # no visible gain
        page = _first_page(report, max(MIN_SCALE, guess))
        if page.y >= bottom:
            best = page
        elif page.scale == MIN_SCALE:
            return page  # as small as type may go: the footer is left to overlap
        else:
            too_big = page.scale
    return best or page


def _first_page(report: ReportData, scale: float) -> Page:
    page = Page(scale)
    _header(page, report)
    if report.data.n_days:
        _trend(page, report)
    _severity_places(page, report)
    _triggers(page, report)
    _treatments(page, report)
    _signs(page, report)
    return page


def build_pages(report: ReportData) -> list[Figure]:
    """Page 1 (always), page 2 (the full trigger table, when there are comparisons) and a
    page for the latest experiment that has finished, when there is one."""
    pages = [_fitted_first_page(report)]
    if report.triggers is not None and report.triggers.findings:
        pages.append(_table_page(report, report.triggers))
    if report.experiment is not None:
        pages.append(_experiment_page(report))
    for i, p in enumerate(pages, 1):
        _footer(p, i, len(pages))
    return [p.fig for p in pages]


def write_report_pdf(
    report: ReportData, path: str | Path, figures: list[Figure] | None = None
) -> int:
    """Write the report atomically (0600); returns the number of pages. `figures`: the
    pages when they are already built (by `build_pages`)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    figures = figures if figures is not None else build_pages(report)
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}),
        atomic_write(path, binary=True) as fh,
        PdfPages(fh, metadata=_metadata(report)) as pdf,
    ):
        for fig in figures:
            pdf.savefig(fig)
    return len(figures)


def export_report_pdf(
    source: Source,
    path: str | Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    name: str = "",
) -> ReportData:
    """Load the range (default: the whole diary), analyse it and write the PDF."""
    from twitchlog.report.summary import load_report

    report = load_report(source, start, end, name=name)
    if not report.table.days:
        raise DiaryError(_("The diary has nothing in this period yet; log or check in first."))
    write_report_pdf(report, path)
    return report


def _metadata(report: ReportData) -> dict[str, str]:
    title = _("Facial twitching diary {start} to {end}").format(
        start=format_date(report.start), end=format_date(report.end)
    )
    return {"Title": title, "Creator": "twitchlog", "Subject": _("Summary for a doctor visit")}
