"""The words for injection cycles, kept apart from the statistics in `cycles`."""

from __future__ import annotations

from twitchlog.analysis.cycles import Cycle, CycleReport
from twitchlog.words import plural

NOTE = (
    "Weeks are counted from the injection day (week 0 = days 0–6). Intervals are "
    "approximate: neighbouring days are alike, and a diary cannot rule out other causes."
)


def cycle_sentence(c: Cycle) -> str:
    """'Injection of 2026-03-02: weeks 1–8 at 0.4× your untreated rate (0.3–0.6) — lower; …'"""
    head = f"Injection of {c.start.isoformat()}"
    if c.verdict == "can't tell yet":
        return f"{head}: can't tell yet ({c.onset.why})."
    lo, hi = c.ratio_ci
    parts = [
        f"weeks 1–8 at {c.ratio:.1f}× your untreated rate (approx. {lo:.1f}–{hi:.1f}; "
        f"{c.window_days} vs {c.baseline.days.size} days, baseline {c.baseline.source}) — "
        f"{c.verdict}"
    ]
    if c.verdict == "lower":
        parts.append(f"clearly lower from {c.onset.words}")
        if c.best is not None:
            parts.append(f"best {c.best.words}")
        parts.append(
            f"wore off in {c.wear_off.words}"
            if c.wear_off.week is not None
            else f"wear-off: {c.wear_off.why}"
        )
    if c.felt_week is not None:
        parts.append(f"you felt it wearing off in week {c.felt_week}")
    return f"{head}: " + "; ".join(parts) + "."


def _weeks(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


def report_sentences(r: CycleReport) -> tuple[str, ...]:
    out = [cycle_sentence(c) for c in r.cycles]
    if r.median_relief_weeks is not None:
        n = len(r.relief_weeks)
        out.append(
            f"Relief lasted a median {_weeks(r.median_relief_weeks)} weeks "
            f"(range {_weeks(min(r.relief_weeks))}–{_weeks(max(r.relief_weeks))}; "
            f"{plural(n, 'cycle')} with a measured wear-off)."
        )
    if r.trend == "can't tell yet":
        out.append("Whether relief is getting shorter: can't tell yet (needs 3 measured cycles).")
    elif r.trend_ci is not None and r.trend_weeks_per_cycle is not None:
        lo, hi = r.trend_ci
        out.append(
            f"Relief is {r.trend}: {r.trend_weeks_per_cycle:+.1f} weeks per cycle "
            f"(approx. {lo:+.1f} to {hi:+.1f})."
        )
    if r.next_due is not None:
        basis = (
            "the usual 12 weeks"
            if r.interval_is_default
            else f"your median interval of {r.interval_days} days"
        )
        out.append(f"Next injection due around {r.next_due.isoformat()} ({basis}).")
    return tuple(out)
