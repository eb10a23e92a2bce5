"""The one-page PDF for a doctor visit (plus a second page with the full trigger table).

A4 portrait, vector text with embedded TrueType fonts, black-and-white friendly: every
distinction that colour draws is also made by fill, hatching, a symbol or a number.
Built with matplotlib's object API (Figure + PdfPages), never pyplot.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, cast

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from twitchlog import catalog
from twitchlog.analysis.sentences import ci_text, reverse_clause, short_condition
from twitchlog.db.lite import Source
from twitchlog.diary.records import Place
from twitchlog.errors import DiaryError
from twitchlog.report.summary import ReportData
from twitchlog.safefile import atomic_write
from twitchlog.words import duration_words, plural

if TYPE_CHECKING:
    from twitchlog.analysis.triggers import TriggerReport

A4 = (8.27, 11.69)  # inches
LEFT, RIGHT = 0.07, 0.93
INK = "#000000"
GREY = "#555555"
LIGHT = "#bbbbbb"
PT = 1 / (A4[1] * 72)  # one point as a fraction of the page height
CHARS_PER_PT = 560 / 0.53  # usable width (pt) / average glyph width (em)

SECTION_TREND = "Episodes over time"
SECTION_SEVERITY = "Severity and places"
SECTION_TRIGGERS = "Triggers with a clear or possible link"
SECTION_TREATMENTS = "Treatments: before and after"
SECTION_SIGNS = "Warning signs and when to see a doctor"
SECTION_TABLE = "All trigger comparisons"
SECTION_EXPERIMENT = "An experiment: testing a suspected trigger"
ASSOCIATION = (
    "Association, not cause: a link in a diary shows that two things went together, "
    "not that one caused the other."
)
FOOTER = (
    "Made with twitchlog from the person's own diary. Not a diagnosis; the items above are "
    "the usual patient-information list, marked from what was logged."
)


class Page:
    """A Figure with a text cursor that moves down the page as sections are added."""

    def __init__(self) -> None:
        self.fig = Figure(figsize=A4)
        self.fig.set_facecolor("white")
        self.y = 0.965

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
        chars = max(20, int(width * CHARS_PER_PT / size))
        for line in textwrap.wrap(text, chars) or [""]:
            self.fig.text(x, self.y, line, fontsize=size, weight=weight, color=color, va="top")
            self.y -= size * gap * PT

    def heading(self, text: str) -> None:
        self.y -= 3 * PT
        self.fig.text(LEFT, self.y, text, fontsize=10.5, weight="bold", va="top", color=INK)
        self.y -= 12.5 * PT
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
        self.y -= 3 * PT

    def axes(self, height: float, x: float = LEFT, width: float = RIGHT - LEFT) -> Axes:
        ax = self.fig.add_axes((x, self.y - height, width, height))
        return ax


# --- sections ----------------------------------------------------------------------------


def _header(page: Page, r: ReportData) -> None:
    page.text("Facial twitching diary — summary for a doctor visit", 15, weight="bold", gap=1.45)
    who = f"{r.name} · " if r.name else ""
    pct = f" ({100 * r.observed_days / r.n_days:.0f}%)" if r.n_days else ""
    page.text(
        f"{who}Period {r.start.isoformat()} to {r.end.isoformat()} "
        f"({plural(r.n_days, 'day')}) · "
        f"checked in on {r.observed_days} of {plural(r.n_days, 'day')}{pct} · "
        f"made {r.made.isoformat()}",
        9,
    )
    sev = r.points.severity
    obs = r.data.observed
    per_day = r.data.episodes[obs].mean() if obs.any() else float("nan")
    days_with = int(np.count_nonzero((r.data.episodes > 0) & obs))
    minutes = float(np.nansum(r.points.duration_s)) / 60 if r.points.n else 0.0
    parts = [f"{plural(r.episodes, 'episode', number=f'{r.episodes:,}')} logged"]
    if np.isfinite(per_day):
        parts.append(f"{per_day:.1f} a day on check-in days")
        parts.append(f"twitching on {days_with} of {plural(int(obs.sum()), 'checked-in day')}")
    if sev.size:
        med = int(np.median(sev))
        parts.append(f"typical severity {med} ({catalog.SEVERITY[med].split(' —')[0]})")
    if minutes:
        parts.append(f"{duration_words(minutes * 60)} in all")
    page.text(" · ".join(parts) + ".", 9, weight="bold")
    page.text(
        "A day counts as observed when a daily check-in was made; days without one are "
        "unknown, never zero.",
        7.5,
        color=GREY,
    )


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7, colors=INK)


def _periods(r: ReportData) -> tuple[str, list[dt.date], np.ndarray, np.ndarray, np.ndarray]:
    """Weekly totals (monthly beyond two years): starts, episodes, check-ins, days."""
    dates = r.data.dates.astype(dt.date)
    monthly = r.n_days > 730
    if monthly:
        keys = [(d.year, d.month) for d in dates]
    else:
        keys = [(d - dt.timedelta(days=d.weekday())).toordinal() for d in dates]
    starts: list[dt.date] = []
    index: dict[object, int] = {}
    for d, k in zip(dates, keys, strict=True):
        if k not in index:
            index[k] = len(starts)
            starts.append(d if monthly else d - dt.timedelta(days=d.weekday()))
    pos = np.array([index[k] for k in keys], dtype=int)
    n = len(starts)
    eps = np.bincount(pos, weights=r.data.episodes, minlength=n)
    obs = np.bincount(pos, weights=r.data.observed.astype(float), minlength=n)
    days = np.bincount(pos, minlength=n).astype(float)
    return ("month" if monthly else "week"), starts, eps, obs, days


def _trend(page: Page, r: ReportData) -> None:
    page.heading(SECTION_TREND)
    unit, starts, eps, obs, days = _periods(r)
    page.y -= 9 * PT
    ax = page.axes(0.10, x=LEFT + 0.05, width=RIGHT - LEFT - 0.05)
    _style(ax)
    full = obs >= days * 0.5
    x = np.array(starts, dtype="datetime64[D]")
    width = np.timedelta64(6 if unit == "week" else 27, "D")
    if full.any():
        ax.bar(
            x[full],
            eps[full],
            width=width,
            align="edge",
            color=GREY,
            edgecolor=INK,
            lw=0.3,
            label=f"{unit} with check-ins on at least half its days",
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
            label=f"{unit} with few check-ins (count is partial)",
        )
    ax.set_ylabel(f"episodes a {unit}", fontsize=7.5)
    if not r.data.observed.any() and not eps.any():
        ax.text(
            0.5,
            0.5,
            "nothing logged and no check-ins in this period",
            ha="center",
            va="center",
            fontsize=8,
            color=GREY,
            transform=ax.transAxes,
        )
    ax.set_ylim(0, max(float(eps.max()) if eps.size else 0.0, 1.0) * 1.3)
    ax.set_xlim(x[0] if x.size else None, (x[-1] + width) if x.size else None)
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
            label="treatment started",
        )
    ax.legend(fontsize=6.5, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.18), ncols=3)
    page.y -= 0.10 + 32 * PT


def _severity(ax: Axes, r: ReportData) -> None:
    _style(ax)
    counts = [int(np.count_nonzero(r.points.severity == s)) for s in (1, 2, 3, 4)]
    total = max(1, sum(counts))
    shades = ["#e0e0e0", "#a8a8a8", "#6c6c6c", "#222222"]
    y = np.arange(4)[::-1]
    ax.barh(y, counts, color=shades, edgecolor=INK, lw=0.4)
    ax.set_yticks(
        y, [f"{s} {catalog.SEVERITY[s].split(' —')[0]}" for s in (1, 2, 3, 4)], fontsize=7
    )
    for yi, c in zip(y, counts, strict=True):
        ax.text(c, yi, f"  {c} ({100 * c / total:.0f}%)", va="center", fontsize=6.8)
    ax.set_xlim(0, max([*counts, 1]) * 1.45)
    ax.set_xlabel("episodes by severity, 1–4", fontsize=7)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _face(page: Page, rect: tuple[float, float, float, float], r: ReportData) -> None:
    """The charts' face map, drawn into a sub-figure of the page with small print."""
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
    page.fig.text(
        x + w / 2,
        y - 2 * PT,
        "front view: their left is on your right; an episode may name several places",
        fontsize=6,
        color=GREY,
        ha="center",
        va="top",
    )


def _severity_places(page: Page, r: ReportData) -> None:
    page.heading(SECTION_SEVERITY)
    top = page.y
    height = 0.165
    _severity(page.fig.add_axes((LEFT + 0.1, top - 0.075, 0.25, 0.07)), r)
    _face(page, (0.47, top - height, RIGHT - 0.47, height), r)
    page.y = top - 0.118
    total = sum(r.points.places.values())
    places = sorted(r.points.places.items(), key=lambda kv: -kv[1])
    lines = [
        f"{Place(side, reg).words} ×{n} ({100 * n / max(total, 1):.0f}%)"
        for (side, reg), n in places[:6]
        if reg in catalog.REGIONS
    ]
    page.text("Where (most often first):", 8, weight="bold", width=0.38)
    page.text("; ".join(lines) if lines else "no places logged", 8, width=0.38)
    if r.first_seen:
        first = min(r.first_seen.items(), key=lambda kv: kv[1])
        page.text(
            f"First place logged: {first[0].words} on {first[1].isoformat()}.",
            8,
            width=0.38,
            color=GREY,
        )
    page.y = min(page.y, top - height) - 4 * PT


def _triggers(page: Page, r: ReportData) -> None:
    page.heading(SECTION_TRIGGERS)
    if r.triggers is None:
        page.text("No check-ins in this period, so no trigger could be compared.", 8.5)
        return
    links = r.links
    for f in links[:3]:
        mark = "●" if f.verdict == "clear link" else "◐"
        page.text(f"{mark} {f.verdict.capitalize()} — {f.label}: {f.sentence}", 8)
        page.y -= 1.5 * PT
    if len(links) > 3:
        page.text(f"…and {len(links) - 3} more on page 2.", 7.5, color=GREY)
    if not links:
        page.text(
            f"No factor showed a clear or possible link in this period "
            f"({plural(r.triggers.comparisons, 'comparison')} checked, "
            f"{plural(r.triggers.observed_days, 'checked-in day')}).",
            8.5,
        )
    for f in r.reversed_links[:3]:
        page.text(f"↺ After bad days — {f.label}: {reverse_clause(f.sentence)}", 8)
        page.y -= 1.5 * PT
    if r.triggers.checkin_note:
        page.text(r.triggers.checkin_note, 7.5, color=GREY)
    page.text(r.triggers.power_note, 7.5, color=GREY)
    page.text(ASSOCIATION + " " + r.triggers.caveat, 7.5, weight="bold")


MAX_CYCLE_ROWS = 6  # the latest cycles of the period on page 1; the rest are counted
CYCLE_COLUMNS = (
    ("Injection", 0.0),
    ("Product and units", 0.11),
    ("Onset", 0.33),
    ("Wear-off: measured / felt", 0.44),
    ("Side effects", 0.68),
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
        onset = f"week {c.onset.week}" if c.onset.week is not None else "–"
        if c.verdict == "can't tell yet":
            onset = "too early"
        elif c.verdict != "lower":
            onset = "none clear"
        w = c.wear_off
        measured = "–"
        if w.week is not None:
            measured = f"week {w.week}" + (f" ({w.low}–{w.high})" if w.low != w.high else "")
        if c.wear_off.status == "not yet":
            measured = "not yet"
        felt = f"week {c.felt_week}" if c.felt_week is not None else "–"
        rows.append(
            (
                c.start.isoformat(),
                shot.dose_words if shot else "",
                onset,
                f"{measured} / {felt}",
                (shot.side_effect_words or "not rated") if shot else "",
            )
        )
    return rows


def _cycles(page: Page, r: ReportData) -> None:
    rows = cycle_rows(r)
    if not rows or r.cycles is None:
        return
    page.text("Botulinum toxin cycles (weeks since the injection):", 8.5, weight="bold")
    for name, x in CYCLE_COLUMNS:
        page.fig.text(LEFT + x * (RIGHT - LEFT), page.y, name, fontsize=7, color=GREY, va="top")
    page.y -= 9 * PT
    shown = rows[-MAX_CYCLE_ROWS:]
    for row in shown:
        for (_name, x), cell in zip(CYCLE_COLUMNS, row, strict=True):
            page.fig.text(
                LEFT + x * (RIGHT - LEFT), page.y, cell[:48], fontsize=7.5, va="top", color=INK
            )
        page.y -= 9.5 * PT
    rep = r.cycles.report
    summary = []
    if len(rows) > len(shown):
        summary.append(f"{len(rows) - len(shown)} earlier cycles not shown")
    if rep.median_relief_weeks is not None:
        summary.append(f"relief lasted a median {plural(round(rep.median_relief_weeks), 'week')}")
    if rep.trend != "can't tell yet":
        summary.append(f"relief {rep.trend}")
    if rep.next_due is not None:
        summary.append(f"next due around {rep.next_due.isoformat()}")
    if summary:
        page.text("; ".join(summary).capitalize() + ".", 7.5, color=GREY)
    page.y -= 2 * PT


def _treatments(page: Page, r: ReportData) -> None:
    page.heading(SECTION_TREATMENTS)
    _cycles(page, r)
    results = r.treatments
    if cycle_rows(r):
        results = [t for t in results if t.kind != "injection"]
        if not results:
            return
    if not results:
        before = sorted({t.name for t in r.data.treatments if t.start < r.start})
        text = "No treatment started in this period."
        if before:
            text += " Started earlier: " + ", ".join(before) + "."
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
        page.text(f"({len(results) - shown} more treatment starts in the diary.)", 7.5, color=GREY)
    page.text(results[0].note, 7.5, color=GREY)


def _signs(page: Page, r: ReportData) -> None:
    page.heading(SECTION_SIGNS)
    signs = sorted(r.points.signs.items(), key=lambda kv: -kv[1])
    if signs:
        page.text(
            "Warning signs logged with episodes: "
            + "; ".join(f"{catalog.SIGNS.get(s, s)} ×{n}" for s, n in signs)
            + ".",
            8.5,
        )
    else:
        page.text("No warning signs were logged with any episode.", 8.5)
    page.y -= 2 * PT
    page.text(
        "See a doctor when twitching (● = seen in this diary, ○ = not seen):", 8.5, weight="bold"
    )
    for c in r.checks:
        mark = "●" if c.applies else "○"
        detail = f" — {c.reason}" if c.reason else ""
        page.text(
            f"{mark} {c.text}{detail}",
            8,
            weight="bold" if c.applies else "normal",
            x=LEFT + 0.01,
            width=RIGHT - LEFT - 0.01,
        )


def _footer(page: Page, number: int, total: int) -> None:
    page.fig.text(LEFT, 0.018, FOOTER, fontsize=6, color=GREY, va="bottom")
    page.fig.text(
        RIGHT, 0.018, f"page {number} of {total}", fontsize=6.5, color=GREY, va="bottom", ha="right"
    )


def _chars(share: float, size: float) -> int:
    """How many characters of `size` pt fit in `share` of the text width (a gap kept)."""
    return max(4, int(share * (RIGHT - LEFT) * CHARS_PER_PT / (size * 1.12)) - 1)


def _table_page(r: ReportData, t: TriggerReport) -> Page:
    page = Page()
    page.text(
        f"{SECTION_TABLE} — {r.start.isoformat()} to {r.end.isoformat()}",
        13,
        weight="bold",
        gap=1.5,
    )
    page.text(
        f"{plural(t.observed_days, 'checked-in day')}; "
        f"{plural(t.comparisons, 'comparison')} checked together "
        "(each factor's days as one family, then Benjamini–Hochberg q across factors). "
        "Ratio: episodes a day on 'high' days against other days of the same month.",
        8,
    )
    cols = (
        ("Factor (high days)", 0.0),
        ("When", 0.25),
        ("Days (high / other)", 0.36),
        ("Episodes a day", 0.52),
        ("Ratio (≈95% CI)", 0.655),
        ("q", 0.805),
        ("Verdict", 0.85),
    )
    page.y -= 6 * PT
    for name, x in cols:
        page.fig.text(
            LEFT + x * (RIGHT - LEFT), page.y, name, fontsize=7.5, weight="bold", va="top"
        )
    page.y -= 12 * PT
    rows = list(t.findings[:70])
    # Each column wraps to its own width, so no factor name (up to 80 characters) or
    # split ("≥ median 1500 mg") runs into the next column; a row is as tall as its
    # tallest cell.
    edges = [x for _name, x in cols] + [1.0]
    widths = [_chars(edges[i + 1] - edges[i], 7) for i in range(len(cols))]
    for f in rows:

        def num(v: float, fmt: str = ".2f") -> str:
            return format(v, fmt) if np.isfinite(v) else "–"

        ci = f.ratio_ci
        ratio = num(f.ratio, ".2f") + (
            f" ({ci_text(*ci)})" if np.isfinite(ci[0]) and np.isfinite(ci[1]) else ""
        )
        cells = (
            short_condition(f.label, f.split),
            f.when,
            f"{f.high_days} / {f.low_days}",
            f"{num(f.high_mean)} vs {num(f.low_mean)}",
            ratio,
            ("<0.01" if f.q < 0.01 else f"{f.q:.2f}") if np.isfinite(f.q) else "–",
            f.verdict,
        )
        wrapped = [
            textwrap.wrap(cell, width, break_on_hyphens=False)[:3] or [""]
            for cell, width in zip(cells, widths, strict=True)
        ]
        lines = max(len(w) for w in wrapped)
        if page.y - lines * 8.5 * PT < 0.12:
            break
        bold = f.verdict in ("clear link", "possible link")
        for (_name, x), cell_lines in zip(cols, wrapped, strict=True):
            page.fig.text(
                LEFT + x * (RIGHT - LEFT),
                page.y,
                "\n".join(cell_lines),
                fontsize=7,
                va="top",
                linespacing=1.15,
                weight="bold" if bold else "normal",
            )
        page.y -= (1.5 + lines * 8.5) * PT
    page.y -= 6 * PT
    page.text(t.power_note, 7.5, color=GREY)
    page.text(ASSOCIATION + " " + t.caveat, 7.5, weight="bold")
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
    page.text(SECTION_EXPERIMENT, 13, weight="bold", gap=1.5)
    end = plan.stopped or plan.end
    page.text(
        f"Tested: {plan.factor_label.lower()} — '{plan.changed}' against '{plan.usual}', "
        f"{plan.pairs} pairs of {plan.block_days}-day blocks in random order within each pair "
        f"(seed {plan.seed}), {plan.start.isoformat()} to {end.isoformat() if end else '…'}.",
        8.5,
    )
    for warning in r.experiment_warnings:
        page.text(f"Note: {warning}", 8, weight="bold")
    page.heading(f"Result: {result.verdict}")
    for sentence in result.sentences:
        page.text(
            sentence, 8.5, weight="bold" if sentence.startswith("Low adherence") else "normal"
        )
    page.y -= 10 * PT
    ax = page.axes(0.22, x=LEFT + 0.06, width=RIGHT - LEFT - 0.06)
    theme = Theme(background="white", foreground=INK, grid="#dddddd", muted=GREY)
    _style(ax)
    plot_blocks(ax, result, theme)
    page.y -= 0.22 + 40 * PT
    page.text(
        "Each point is the mean of one block after its settling-in days (number of checked-in "
        "days below it); the two blocks of each pair are joined. An experiment that the diary "
        "planned and randomised tests cause and effect for this one person, which a diary "
        "alone cannot.",
        7.5,
        color=GREY,
    )
    return page


def _has_table(report: ReportData) -> bool:
    return report.triggers is not None and bool(report.triggers.findings)


def page_count(report: ReportData) -> int:
    """How many pages `build_pages` makes, without drawing them."""
    return 1 + _has_table(report) + (report.experiment is not None)


def build_pages(report: ReportData) -> list[Figure]:
    """Page 1 (always), page 2 (the full trigger table, when there are comparisons) and a
    page for the latest experiment that has finished, when there is one."""
    page = Page()
    _header(page, report)
    if report.data.n_days:
        _trend(page, report)
    _severity_places(page, report)
    _triggers(page, report)
    _treatments(page, report)
    _signs(page, report)
    pages = [page]
    if report.triggers is not None and report.triggers.findings:
        pages.append(_table_page(report, report.triggers))
    if report.experiment is not None:
        pages.append(_experiment_page(report))
    for i, p in enumerate(pages, 1):
        _footer(p, i, len(pages))
    return [p.fig for p in pages]


def write_report_pdf(report: ReportData, path: str | Path) -> int:
    """Write the report atomically (0600); returns the number of pages."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    figures = build_pages(report)
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
        raise DiaryError("The diary has nothing in this period yet; log or check in first.")
    write_report_pdf(report, path)
    return report


def _metadata(report: ReportData) -> dict[str, str]:
    title = f"Facial twitching diary {report.start.isoformat()} to {report.end.isoformat()}"
    return {"Title": title, "Creator": "twitchlog", "Subject": "Summary for a doctor visit"}
