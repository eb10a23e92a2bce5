"""The words for injection cycles, kept apart from the statistics in `cycles`."""

from __future__ import annotations

from twitchlog.analysis.cycles import Cycle, CycleReport
from twitchlog.analysis.sentences import verdict_words
from twitchlog.i18n import N_, _, format_date, format_number, ngettext
from twitchlog.words import plural

NOTE = N_(
    "Weeks are counted from the injection day (week 0 = days 0–6). Intervals are "
    "approximate: neighbouring days are alike, and a diary cannot rule out other causes."
)


def cycle_sentence(c: Cycle, name: str | None = None) -> str:
    """'Injection of 2026-03-02: weeks 1–8 at 0.4× your untreated rate (0.3–0.6) — lower; …'
    (with `name`: 'Botox, injection of 2026-03-02: …')."""
    day = format_date(c.start)
    if name:
        head = _("{name}, injection of {date}").format(name=name, date=day)
    else:
        head = _("Injection of {date}").format(date=day)
    if c.verdict == "can't tell yet":
        return _("{head}: can't tell yet ({why}).").format(head=head, why=c.onset.why)
    lo, hi = c.ratio_ci
    parts = [
        _(
            "weeks 1–8 at {ratio}× your untreated rate (approx. {low}–{high}; "
            "{days} vs {baseline_days} days, baseline {source}) — {verdict}"
        ).format(
            ratio=format_number(c.ratio, 1),
            low=format_number(lo, 1),
            high=format_number(hi, 1),
            days=c.window_days,
            baseline_days=c.baseline.days.size,
            source=_(c.baseline.source),
            verdict=verdict_words(c.verdict),
        )
    ]
    if c.verdict == "lower":
        parts.append(_("clearly lower from {week}").format(week=c.onset.words))
        if c.best is not None:
            parts.append(_("best {weeks}").format(weeks=c.best.words))
        parts.append(
            _("wore off in {week}").format(week=c.wear_off.words)
            if c.wear_off.week is not None
            else _("wear-off: {why}").format(why=c.wear_off.why)
        )
    if c.felt_week is not None:
        parts.append(_("you felt it wearing off in week {week}").format(week=c.felt_week))
    return f"{head}: " + "; ".join(parts) + "."


def _weeks(v: float) -> str:
    return format_number(v, 0) if abs(v - round(v)) < 0.05 else format_number(v, 1)


RELIEF_TREND = {
    "shortening": N_("relief getting shorter"),
    "lengthening": N_("relief getting longer"),
    "about the same": N_("relief about the same each time"),
}


def summary_parts(r: CycleReport) -> list[str]:
    """The cycles in short phrases, for the chart's subtitle and the doctor's page ('relief
    lasted a median 9 weeks', 'relief getting shorter', 'next due around …'); the full
    sentences with ranges and intervals are `report_sentences`."""
    parts = []
    if r.median_relief_weeks is not None:
        parts.append(
            _("relief lasted a median {weeks}").format(
                weeks=plural(round(r.median_relief_weeks), "week")
            )
        )
    if r.trend in RELIEF_TREND:
        parts.append(_(RELIEF_TREND[r.trend]))
    if r.next_due is not None:
        parts.append(_("next due around {date}").format(date=format_date(r.next_due)))
    return parts


def report_sentences(r: CycleReport) -> tuple[str, ...]:
    out = [cycle_sentence(c) for c in r.cycles]
    if r.median_relief_weeks is not None:
        n = len(r.relief_weeks)
        out.append(
            ngettext(
                "Relief lasted a median {weeks} weeks (range {low}–{high}; {n} cycle with "
                "a measured wear-off).",
                "Relief lasted a median {weeks} weeks (range {low}–{high}; {n} cycles with "
                "a measured wear-off).",
                n,
            ).format(
                weeks=_weeks(r.median_relief_weeks),
                low=_weeks(min(r.relief_weeks)),
                high=_weeks(max(r.relief_weeks)),
                n=n,
            )
        )
    if r.trend == "can't tell yet":
        out.append(
            _("Whether relief is getting shorter: can't tell yet (needs 3 measured cycles).")
        )
    elif r.trend_ci is not None and r.trend_weeks_per_cycle is not None:
        lo, hi = r.trend_ci
        out.append(
            _("Relief is {trend}: {change} weeks per cycle (approx. {low} to {high}).").format(
                trend=verdict_words(r.trend),
                change=_signed(r.trend_weeks_per_cycle),
                low=_signed(lo),
                high=_signed(hi),
            )
        )
    if r.next_due is not None:
        if r.interval_is_default:
            out.append(
                _("Next injection due around {date} (the usual 12 weeks).").format(
                    date=format_date(r.next_due)
                )
            )
        else:
            out.append(
                _("Next injection due around {date} (your median interval of {n} days).").format(
                    date=format_date(r.next_due), n=r.interval_days
                )
            )
    return tuple(out)


def _signed(v: float) -> str:
    return ("+" if v >= 0 else "") + format_number(v, 1)
