"""Everything the one-page report says, gathered once from the diary as plain data.

Loading happens here (a few SQL aggregates via diary.dataset and doctor_data); the
statistics come from twitchlog.analysis; the PDF writer only lays this out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from twitchlog import catalog
from twitchlog.analysis.data import DailyData, EpisodePoints
from twitchlog.db.lite import Source
from twitchlog.diary.injections import Cycles
from twitchlog.diary.records import Place
from twitchlog.i18n import N_, _, format_date, format_number, ngettext
from twitchlog.report.doctor_data import DoctorTable, load_doctor_table

if TYPE_CHECKING:  # the analysis is imported when a report is made, not with this module
    from twitchlog.analysis.treatments import TreatmentResult
    from twitchlog.analysis.triggers import Finding, TriggerReport

LINK_VERDICTS = ("clear link", "possible link")
EYE_REGIONS = frozenset({"eyebrow", "upper_eyelid", "lower_eyelid"})
LOWER_FACE = frozenset({"cheek", "mouth", "chin", "jaw", "nose"})
NEUROLOGICAL_SIGNS = ("weakness", "numbness", "drooping", "vision", "pain")


@dataclass(frozen=True)
class Check:
    """One 'when to see a doctor' item and whether this diary shows it (`text` is the
    English item, translated where shown; `reason` is made in the language in use)."""

    text: str
    applies: bool
    reason: str


@dataclass(frozen=True)
class ReportData:
    start: dt.date
    end: dt.date
    made: dt.date
    name: str
    table: DoctorTable
    data: DailyData
    points: EpisodePoints
    triggers: TriggerReport | None = None
    checks: tuple[Check, ...] = ()
    first_seen: dict[Place, dt.date] = field(default_factory=dict)
    cycles: Cycles | None = None  # every injection cycle of the whole diary
    experiment: object | None = None  # analysis.experiment.ExperimentResult, when one ended
    experiment_warnings: tuple[str, ...] = ()  # injections, treatment changes during it

    @property
    def n_days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def observed_days(self) -> int:
        return int(np.count_nonzero(self.data.observed))

    @property
    def episodes(self) -> int:
        return int(self.data.episodes.sum())

    @property
    def links(self) -> list[Finding]:
        if self.triggers is None:
            return []
        return [f for f in self.triggers.findings if f.verdict in LINK_VERDICTS]

    @property
    def reversed_links(self) -> list[Finding]:
        """One finding per factor that bad days seem to change the day after (the
        reverse check), the one whose link it may explain first."""
        if self.triggers is None:
            return []
        seen: dict[str, Finding] = {}
        found = sorted(self.triggers.findings, key=lambda f: not f.reverse_stronger)
        for f in found:
            if f.reverse_p < 0.05 and f.reverse_note:
                seen.setdefault(f.factor, f)
        return list(seen.values())

    @property
    def treatments(self) -> list[TreatmentResult]:
        """Before/after results for treatments that started within the period."""
        results = self.triggers.treatments if self.triggers is not None else ()
        return [t for t in results if self.start <= t.start <= self.end]


def load_report(
    source: Source,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    name: str = "",
    made: dt.date | None = None,
) -> ReportData:
    """Read the range (default: the whole diary) and run the analysis on it."""
    from twitchlog.analysis.triggers import analyze_triggers
    from twitchlog.diary.dataset import load_daily_data, load_episode_points

    table = load_doctor_table(source, start, end)
    lo, hi = table.start, table.end
    data = load_daily_data(source, lo, hi) if table.days else load_daily_data(source, lo, lo)
    points = load_episode_points(source, lo, hi)
    triggers = analyze_triggers(data) if data.n_days else None
    first_seen: dict[Place, dt.date] = {}
    for day in table.days:
        for place, _n in day.places:
            first_seen.setdefault(place, day.date)
    from twitchlog.diary.injections import load_cycles
    from twitchlog.diary.settings import diary_today

    made = made or diary_today(source)
    experiment, experiment_warnings = _finished_experiment(source, lo, hi, made)
    report = ReportData(
        lo,
        hi,
        made,
        name.strip(),
        table,
        data,
        points,
        triggers,
        first_seen=first_seen,
        cycles=load_cycles(source),
        experiment=experiment,
        experiment_warnings=experiment_warnings,
    )
    return _with_checks(report)


def _finished_experiment(
    source: Source, lo: dt.date, hi: dt.date, today: dt.date
) -> tuple[object | None, tuple[str, ...]]:
    """The latest experiment that has finished (or was stopped) and overlaps the period,
    with what could have disturbed it."""
    from twitchlog.analysis.experiment import analyse_experiment
    from twitchlog.diary import experiments as ex

    for plan in reversed(ex.list_experiments(source)):
        end = plan.stopped or plan.end
        if plan.state(today) in ("finished", "stopped") and plan.start <= hi and end and end >= lo:
            data = ex.experiment_data(source, plan, today)
            result = analyse_experiment(plan, data, ex.kept_answers(source, plan.id), today)
            return result, tuple(ex.plan_warnings(source, plan))
    return None, ()


def _with_checks(report: ReportData) -> ReportData:
    from dataclasses import replace

    return replace(report, checks=tuple(doctor_checks(report)))


def _weeks_with_episodes(data: DailyData) -> tuple[int, dt.date | None, dt.date | None]:
    idx = np.flatnonzero(data.episodes > 0)
    if idx.size == 0:
        return 0, None, None
    first = data.dates[idx[0]].astype(dt.date)
    last = data.dates[idx[-1]].astype(dt.date)
    weeks = len({int(i) // 7 for i in idx})
    return weeks, first, last


def _worsening(data: DailyData) -> float | None:
    """Episodes per check-in day, last 28 days over the first 28 (None if too few)."""
    y = data.outcome("count")
    if y.size < 84:
        return None
    a, b = y[:28], y[-28:]
    if np.count_nonzero(~np.isnan(a)) < 14 or np.count_nonzero(~np.isnan(b)) < 14:
        return None
    before, after = float(np.nanmean(a)), float(np.nanmean(b))
    return after / before if before > 0 else None


def doctor_checks(report: ReportData) -> list[Check]:
    """The documents' 'when to see a doctor' list, each marked from what was logged."""
    data, points = report.data, report.points
    checks: list[Check] = []

    weeks, first, last = _weeks_with_episodes(data)
    ratio = _worsening(data)
    span = (last - first).days + 1 if first and last else 0
    reasons = []
    if weeks >= 3 and first and last and span >= 21:
        reasons.append(
            _("twitching in {weeks} different weeks, {first} to {last}").format(
                weeks=weeks, first=format_date(first), last=format_date(last)
            )
        )
    if ratio is not None and ratio >= 1.5:
        reasons.append(
            _("about {ratio}× more often in the last 4 weeks than the first 4").format(
                ratio=format_number(ratio, 1)
            )
        )
    checks.append(
        Check(
            N_("Twitching that persists for weeks or gets worse"),
            bool(reasons),
            "; ".join(reasons),
        )
    )

    spread = sorted(
        (p for p, d in report.first_seen.items() if first and (d - first).days >= 28),
        key=lambda p: report.first_seen[p],
    )
    sides: dict[str, set[str]] = {}
    for side, region in points.places:
        if side in ("left", "right"):
            sides.setdefault(side, set()).add(region)
    whole = [s for s, regions in sides.items() if regions & EYE_REGIONS and regions & LOWER_FACE]
    reasons = []
    if spread:
        shown = ", ".join(
            _("{place} (from {date})").format(place=p.words, date=format_date(report.first_seen[p]))
            for p in spread[:3]
        )
        reasons.append(_("new places over time: {places}").format(places=shown))
    if whole:
        for side in sorted(whole):
            regions = ", ".join(_(catalog.REGIONS[r]) for r in catalog.REGIONS if r in sides[side])
            reasons.append(
                (
                    _("left side, eye and lower face: {regions}")
                    if side == "left"
                    else _("right side, eye and lower face: {regions}")
                ).format(regions=regions)
            )
    checks.append(
        Check(
            N_("Spreads to other parts of the face, or takes one whole side"),
            bool(reasons),
            "; ".join(reasons),
        )
    )

    signs = Counter({s: n for s, n in points.signs.items() if s in NEUROLOGICAL_SIGNS})
    checks.append(
        Check(
            N_("Comes with weakness, numbness, drooping, vision change or pain"),
            bool(signs),
            ", ".join(f"{_(catalog.SIGNS[s])} ×{n}" for s, n in signs.most_common()),
        )
    )

    function = points.signs.get("function", 0)
    severe = int(np.count_nonzero(points.severity == 4)) if points.n else 0
    reasons = []
    if function:
        reasons.append(_("trouble eating, speaking or seeing noted {n}×").format(n=function))
    if severe:
        reasons.append(
            ngettext(
                "{n} severe episode (can't see, speak or eat through it)",
                "{n} severe episodes (can't see, speak or eat through it)",
                severe,
            ).format(n=severe)
        )
    checks.append(
        Check(
            N_("Gets in the way of eating, speaking or seeing"),
            bool(reasons),
            "; ".join(reasons),
        )
    )
    checks.append(
        Check(
            N_("Began after a head injury"),
            False,
            _("not recorded in the diary — worth mentioning if it did"),
        )
    )
    return checks
