"""The words of the trigger analysis: every sentence a person reads, and nothing else.

The statistics (triggers, stats, effects) decide; this module only says what they
decided, in words a worried person understands: "episodes a day", "on days you took
it", "q < 0.01", never a lag code. The method and its limits: docs/statistics.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from twitchlog.analysis.data import FactorInfo
from twitchlog.analysis.effects import Effect, Split
from twitchlog.words import plural

OUTCOME_WORDS: dict[str, str] = {
    "count": "episodes a day",
    "severity": "severity points a day",
    "duration": "minutes of twitching a day",
}

CAVEAT = (
    "These are patterns in your own diary, not proof of cause: something else (a busy "
    "month, poor sleep, stress) may move with both."
)
DRIFT_NOTE = (
    "The raw difference may come from slower ups and downs from month to month rather "
    "than from day-to-day changes."
)
EXPERIMENT_HINT = (
    "To check a link, try it on purpose: alternate two-week blocks with and without it, "
    "in random order, for at least four pairs of blocks, and keep logging as usual."
)
LAG_WORDS: dict[int, str] = {0: "same day", 1: "day before", 2: "two days before", -1: "day after"}


def when_words(lag: int) -> str:
    """A lag as a person says it: 'same day', 'day before', 'two days before'."""
    return LAG_WORDS.get(lag, f"{lag} days before")


def q_text(q: float) -> str:
    """'q < 0.01' rather than 'q = 0.00'."""
    if not math.isfinite(q):
        return "q not computed"
    return "q < 0.01" if q < 0.01 else f"q = {q:.2f}"


def fmt_num(v: float) -> str:
    """A number as a person writes it: 6, 1.5, 300, 2.25 (no trailing zeros)."""
    if not math.isfinite(v):
        return "?"
    if abs(v) >= 1e6:
        return f"{v:.3g}"
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def p_text(p: float) -> str:
    """'p < 0.01' rather than 'p = 0.00'."""
    return "p < 0.01" if p < 0.01 else f"p = {p:.2f}"


def lowerfirst(label: str) -> str:
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def split_words(split: Split | None, info: FactorInfo) -> str:
    """The high-day condition alone: 'yes', '≥ 300 mg', '< 6 h', 'above your usual (5 h)'."""
    if split is None:
        return ""
    if info.kind == "yesno":
        return "yes"
    u = f" {info.unit}" if info.unit and info.kind != "scale" else ""
    if split.from_median:
        if split.op == ">" and split.threshold == 0:
            return "any at all"
        above = "above" if split.op == ">" else "at or above"
        return f"{above} your usual ({fmt_num(split.threshold)}{u})"
    sign = {">=": "≥", ">": ">", "<": "<"}[split.op]
    return f"{sign} {fmt_num(split.threshold)}{u}"


def condition(info: FactorInfo, split: str) -> str:
    """'caffeine ≥ 300 mg', 'any alcohol', 'screen time above your usual (5 h)'."""
    label = lowerfirst(info.label)
    if info.kind == "yesno" or not split:
        return label
    if split == "any at all":
        return f"any {label}"
    return f"{label} {split}"


def short_condition(label: str, split: str) -> str:
    """A row label: 'Caffeine ≥ 300 mg', 'Any alcohol', 'Vitamin D taken'."""
    if not split or split == "yes":
        return label
    if split == "any at all":
        return f"Any {lowerfirst(label)}"
    return f"{label} {split}"


def days_with(info: FactorInfo, lag: int, split_text: str) -> str:
    """The 'high' days in words, e.g. 'On days you took magnesium', 'On days after an
    evening with alcohol ≥ 2 units'."""
    cond = condition(info, split_text)
    if info.kind == "yesno":
        took = f"you had {cond}" if info.category != "relief" else f"you did or took {cond}"
        if lag == 0:
            return f"On days {took}"
        if lag == 1:
            return f"On days after a day {took}"
        return f"{_count_word(lag)} days after a day {took}"
    if lag == 0:
        return f"On days with {cond}"
    if lag == 1:
        return f"On days after {'an evening' if info.evening else 'a day'} with {cond}"
    return f"{_count_word(lag)} days after a day with {cond}"


def _count_word(n: int) -> str:
    return {2: "Two", 3: "Three"}.get(n, str(n))


def _r(v: float) -> str:
    return "?" if not math.isfinite(v) else f"{v:.1f}"


def ci_text(lo: float, hi: float) -> str:
    """'1.2–2.5'; with two decimals when one decimal would show a bound as 1.0 that is
    not 1 (an interval that excludes no effect must not look as if it included it)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "?"
    digits = 1
    for v in (lo, hi):
        if f"{v:.1f}" == "1.0" and v != 1.0:
            digits = 2
    return f"{lo:.{digits}f}–{hi:.{digits}f}"


@dataclass(frozen=True)
class Reverse:
    """The reverse-direction check of one factor, in the terms the words need."""

    rho: float
    p: float
    stronger: bool  # as strong as or stronger than the forward association


def reverse_words(info: FactorInfo, rev: Reverse) -> str:
    """'You tend to have more caffeine after bad days' (or fewer/less)."""
    label = lowerfirst(info.label)
    more = rev.rho > 0
    if info.kind == "yesno":
        how = "more often" if more else "less often"
        return f"You tend to have {label} {how} after bad days"
    return f"You tend to have {'more' if more else 'less'} {label} after bad days"


def reverse_sentence(info: FactorInfo, rev: Reverse | None) -> str:
    """The reverse check on its own row (JSON `reverse_checks`)."""
    if rev is None or not math.isfinite(rev.p):
        return f"Not enough data yet to check whether twitching changes {lowerfirst(info.label)}."
    if rev.p < 0.05:
        return f"{reverse_words(info, rev)} ({p_text(rev.p)})."
    return f"No sign that bad days change {lowerfirst(info.label)} the day after ({p_text(rev.p)})."


def reverse_clause(sentence: str) -> str:
    """The reverse-check words inside a finding's sentence ('You tend to have more
    caffeine after bad days; that may explain the link.'), for a chart or a summary."""
    i = sentence.find("You tend to")
    if i < 0:
        return ""
    j = sentence.find(".", i)
    return sentence[i : j + 1 if j > 0 else None]


@dataclass(frozen=True)
class MoreDays:
    """How far a verdict is: a number of days when it is stable, else words."""

    days: int | None
    words: str | None = None

    def text(self) -> str:
        if self.words:
            return self.words
        if self.days is None:
            return ""
        return f"about {days_words(self.days)} more"


def days_words(days: int) -> str:
    """'9 days', '3 weeks', '4 months' — rounder as it gets further."""
    if days < 14:
        return plural(days, "day")
    if days < 70:
        return f"{math.ceil(days / 7)} weeks"
    return f"{round(days / 30.4)} months"


def not_enough_sentence(
    info: FactorInfo, gate: str, cond: str, all_high: bool, paired: int, more: MoreDays | None
) -> str:
    label = info.label
    if gate == "unrecorded":
        return f"Not enough data yet: {label} hasn't been recorded on check-in days."
    if gate == "constant":
        return (
            f"Not enough data yet: {label} has been the same on every check-in day so far, "
            "so there is nothing to compare."
        )
    if gate == "one_sided":
        which = "every" if all_high else "no"
        return (
            f"Not enough data yet: {which} check-in day so far had {cond}, "
            "so there is nothing to compare."
        )
    if gate == "flat_outcome":
        return (
            "Not enough data yet: your twitching was the same on every check-in day, "
            f"so there is nothing to compare {lowerfirst(label)} with."
        )
    tail = f" — {more.text()}" if more and more.text() else ""
    return f"Not enough data yet for {lowerfirst(label)}{tail} ({paired} check-in days so far)."


def finding_sentence(
    info: FactorInfo,
    lag: int,
    split: str,
    verdict: str,
    effect: Effect,
    q: float,
    comparisons: int,
    words: str,
    reasons: tuple[str, ...],
    reverse: Reverse | None,
    more: MoreDays | None,
) -> str:
    """One finding in plain words: what was logged, the month-adjusted ratio and its
    interval, and a verdict that never contradicts that interval."""
    e = effect
    other = "on other days"
    if info.kind == "yesno":
        other = "on days you didn't" if lag == 0 else "after days you didn't"
    lo, hi = e.ratio_ci
    ratio = (
        f"about {e.ratio:.1f}× compared with the same month (approx. 95% CI {ci_text(lo, hi)})"
        if math.isfinite(e.ratio) and math.isfinite(hi)
        else "no month to compare within"
    )
    head = (
        f"{days_with(info, lag, split)} you logged {fmt_num(round(e.high_mean, 1))} {words}, "
        f"against {fmt_num(round(e.low_mean, 1))} {other}: {ratio}; "
        f"{e.high_days} vs {e.low_days} days."
    )
    checked = f"{comparisons} comparisons checked"
    rev = ""
    if reverse is not None and math.isfinite(reverse.p) and reverse.p < 0.05:
        rev = f" {reverse_words(info, reverse)}"
        rev += "; that may explain the link." if reverse.stronger else "."
    if verdict == "clear link":
        tail = f"This is unlikely to be chance ({q_text(q)}; {checked})."
    elif verdict == "possible link":
        tail = f"This could still be chance ({q_text(q)}; {checked}): a possible link."
    elif verdict == "no clear link":
        if reverse is not None and reverse.stronger and rev:
            return f"{head}{rev} No clear link as a trigger."
        tail = "No clear link so far" + (
            f"; can't rule out up to {hi:.1f}×." if math.isfinite(hi) and hi > 1 else "."
        )
    else:
        when = f" — {more.text()}" if more and more.text() else ""
        tail = f"Too early to tell{when} ({'; '.join(reasons)})."
    return f"{head} {tail}{rev}"


def drift_note(sentence: str) -> str:
    return f"{sentence} {DRIFT_NOTE}"


def checkin_sentence(
    checkin_days: int, calendar_days: int, bias: tuple[float, float, int] | None
) -> str:
    """The check-in rate, and a warning when check-ins cluster on bad days.

    `bias`: (episodes on check-in days with twitches, on days without a check-in that
    had twitches, how many such days) when the difference is clear; None otherwise.
    """
    if calendar_days <= 0:
        return ""
    pct = round(100 * checkin_days / calendar_days)
    text = f"You checked in on {checkin_days} of {plural(calendar_days, 'day')} ({pct}%)."
    if bias is not None:
        on, off, n_off = bias
        text += (
            f" On {plural(n_off, 'day')} without a check-in you still logged twitches, but fewer "
            f"({fmt_num(round(off, 1))} episodes on those days against {fmt_num(round(on, 1))} "
            "on check-in days with twitches): you may check in more on bad days, so the "
            "levels here may be higher than your usual and links may look weaker than "
            "they are."
        )
    return text


def detectable_sentence(ratio: float | None, checkin_days: int) -> str:
    """The smallest effect this diary would find most of the time, from its own spread."""
    if ratio is None or not math.isfinite(ratio):
        return ""
    if ratio >= 4:
        return (
            f"With {checkin_days} check-in days and your day-to-day ups and downs, only a "
            "very large effect (4× or more) would be found reliably; smaller ones may be missed."
        )
    return (
        f"With {checkin_days} check-in days and your day-to-day ups and downs, a factor "
        f"that goes with about {ratio:.1f}× as many episodes would be found most of the time; "
        "smaller effects may be missed."
    )
