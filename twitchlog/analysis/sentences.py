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
from twitchlog.i18n import N_, _, decimal_text, language, ngettext
from twitchlog.words import plural, unit_for

OUTCOME_WORDS: dict[str, str] = {  # shown through _(): outcome_words()
    "count": N_("episodes a day"),
    "severity": N_("severity points a day"),
    "duration": N_("minutes of twitching a day"),
}

CAVEAT = N_(
    "These are patterns in your own diary, not proof of cause: something else (a busy "
    "month, poor sleep, stress) may move with both."
)
DRIFT_NOTE = N_(
    "The raw difference may come from slower ups and downs from month to month rather "
    "than from day-to-day changes."
)
EXPERIMENT_HINT = N_(
    "To check a link, try it on purpose: alternate two-week blocks with and without it, "
    "in random order, for at least four pairs of blocks, and keep logging as usual."
)
LAG_WORDS: dict[int, str] = {
    0: N_("same day"),
    1: N_("day before"),
    2: N_("two days before"),
    -1: N_("day after"),
}


VERDICT_WORDS: dict[str, str] = {  # JSON keeps the English verdict; people read these
    "clear link": N_("clear link"),
    "possible link": N_("possible link"),
    "too early to tell": N_("too early to tell"),
    "no clear link": N_("no clear link"),
    "not enough data": N_("not enough data"),
    "reverse check": N_("reverse check"),
    "lower after": N_("lower after"),
    "higher after": N_("higher after"),
    "no clear change": N_("no clear change"),
    "lower": N_("lower"),
    "higher": N_("higher"),
    "can't tell yet": N_("can't tell yet"),
    "shortening": N_("shortening"),
    "lengthening": N_("lengthening"),
    "about the same": N_("about the same"),
}


def verdict_words(verdict: str) -> str:
    """A verdict in the language in use; the data keep the English one."""
    return _(VERDICT_WORDS[verdict]) if verdict in VERDICT_WORDS else _(verdict)


def outcome_words(outcome: str) -> str:
    """'episodes a day' in the language in use."""
    return _(OUTCOME_WORDS[outcome])


def when_words(lag: int) -> str:
    """A lag as a person says it: 'same day', 'day before', 'two days before'."""
    if lag in LAG_WORDS:
        return _(LAG_WORDS[lag])
    return _("{n} days before").format(n=lag)


def label_of(info: FactorInfo) -> str:
    """A factor's label as shown: a built-in factor's English label translated, one the
    person typed unchanged."""
    return _(info.label)


def q_text(q: float) -> str:
    """'q < 0.01' rather than 'q = 0.00'."""
    if not math.isfinite(q):
        return _("q not computed")
    return decimal_text("q < 0.01") if q < 0.01 else decimal_text(f"q = {q:.2f}")


def fmt_num(v: float) -> str:
    """A number as a person writes it: 6, 1.5, 300, 2.25 (no trailing zeros)."""
    if not math.isfinite(v):
        return "?"
    if abs(v) >= 1e6:
        return decimal_text(f"{v:.3g}")
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else decimal_text(s)


def p_text(p: float) -> str:
    """'p < 0.01' rather than 'p = 0.00'."""
    return decimal_text("p < 0.01") if p < 0.01 else decimal_text(f"p = {p:.2f}")


def lowerfirst(label: str) -> str:
    """A label inside an English sentence ('caffeine'); German keeps its capital nouns."""
    if language() == "de" or (len(label) > 1 and label[1].isupper()):
        return label
    return label[:1].lower() + label[1:]


def split_words(split: Split | None, info: FactorInfo) -> str:
    """The high-day condition alone: 'yes', '≥ 300 mg', '< 6 h', 'above your usual (5 h)'."""
    if split is None:
        return ""
    if info.kind == "yesno":
        return _("yes")
    u = f" {unit_for(split.threshold, info.unit)}" if info.unit and info.kind != "scale" else ""
    if split.from_median:
        if split.op == ">" and split.threshold == 0:
            return _("any at all")
        usual = f"{fmt_num(split.threshold)}{u}"
        if split.op == ">":
            return _("above your usual ({usual})").format(usual=usual)
        return _("at or above your usual ({usual})").format(usual=usual)
    sign = {">=": "≥", ">": ">", "<": "<"}[split.op]
    return f"{sign} {fmt_num(split.threshold)}{u}"


def _is_any(split: str) -> bool:
    return split in ("any at all", _("any at all"))


def condition(info: FactorInfo, split: str) -> str:
    """'caffeine ≥ 300 mg', 'any alcohol', 'screen time above your usual (5 h)'."""
    label = lowerfirst(label_of(info))
    if info.kind == "yesno" or not split:
        return label
    if _is_any(split):
        return _("any {factor}").format(factor=label)
    return f"{label} {split}"


def short_condition(label: str, split: str) -> str:
    """A row label: 'Caffeine ≥ 300 mg', 'Any alcohol', 'Vitamin D taken'."""
    label = _(label)
    if not split or split in ("yes", _("yes")):
        return label
    if _is_any(split):
        return _("Any {factor}").format(factor=lowerfirst(label))
    return f"{label} {split}"


def days_with(info: FactorInfo, lag: int, split_text: str) -> str:
    """The 'high' days in words, e.g. 'On days you took magnesium', 'On days after an
    evening with alcohol ≥ 2 units'."""
    cond = condition(info, split_text)
    if info.kind == "yesno" and info.category != "relief":
        if lag == 0:
            return _("On days you had {factor}").format(factor=cond)
        if lag == 1:
            return _("On days after a day you had {factor}").format(factor=cond)
        return _("{n} days after a day you had {factor}").format(n=_count_word(lag), factor=cond)
    if info.kind == "yesno":
        if lag == 0:
            return _("On days you did or took {factor}").format(factor=cond)
        if lag == 1:
            return _("On days after a day you did or took {factor}").format(factor=cond)
        return _("{n} days after a day you did or took {factor}").format(
            n=_count_word(lag), factor=cond
        )
    if lag == 0:
        return _("On days with {factor}").format(factor=cond)
    if lag == 1 and info.evening:
        return _("On days after an evening with {factor}").format(factor=cond)
    if lag == 1:
        return _("On days after a day with {factor}").format(factor=cond)
    return _("{n} days after a day with {factor}").format(n=_count_word(lag), factor=cond)


def _count_word(n: int) -> str:
    return {2: _("Two"), 3: _("Three")}.get(n, str(n))


def ci_text(lo: float, hi: float) -> str:
    """'1.2–2.5'; with two decimals when one decimal would show a bound as 1.0 that is
    not 1 (an interval that excludes no effect must not look as if it included it)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "?"
    digits = 1
    for v in (lo, hi):
        if f"{v:.1f}" == "1.0" and v != 1.0:
            digits = 2
    return decimal_text(f"{lo:.{digits}f}–{hi:.{digits}f}")


@dataclass(frozen=True)
class Reverse:
    """The reverse-direction check of one factor, in the terms the words need."""

    rho: float
    p: float
    stronger: bool  # as strong as or stronger than the forward association


def reverse_words(info: FactorInfo, rev: Reverse) -> str:
    """'You tend to have more caffeine after bad days' (or fewer/less)."""
    label = lowerfirst(label_of(info))
    more = rev.rho > 0
    if info.kind == "yesno" and more:
        return _("You tend to have {factor} more often after bad days").format(factor=label)
    if info.kind == "yesno":
        return _("You tend to have {factor} less often after bad days").format(factor=label)
    if more:
        return _("You tend to have more {factor} after bad days").format(factor=label)
    return _("You tend to have less {factor} after bad days").format(factor=label)


def reverse_sentence(info: FactorInfo, rev: Reverse | None) -> str:
    """The reverse check on its own row (JSON `reverse_checks`)."""
    label = lowerfirst(label_of(info))
    if rev is None or not math.isfinite(rev.p):
        return _("Not enough data yet to check whether twitching changes {factor}.").format(
            factor=label
        )
    if rev.p < 0.05:
        return f"{reverse_words(info, rev)} ({p_text(rev.p)})."
    return _("No sign that bad days change {factor} the day after ({p}).").format(
        factor=label, p=p_text(rev.p)
    )


def reverse_note(info: FactorInfo, rev: Reverse | None) -> str:
    """'You tend to have more caffeine after bad days; that may explain the link.' when the
    reverse check is significant, else ''. Worked out once, kept on the finding
    (`Finding.reverse_note`) for a chart or a summary, never cut out of a sentence."""
    if rev is None or not math.isfinite(rev.p) or rev.p >= 0.05:
        return ""
    return reverse_words(info, rev) + (_("; that may explain the link.") if rev.stronger else ".")


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
        return _("about {span} more").format(span=days_words(self.days))


def days_words(days: int) -> str:
    """'9 days', '3 weeks', '4 months' — rounder as it gets further."""
    if days < 14:
        return plural(days, "day")
    if days < 70:
        return plural(math.ceil(days / 7), "week")
    return plural(round(days / 30.4), "month")


def not_enough_sentence(
    info: FactorInfo, gate: str, cond: str, all_high: bool, paired: int, more: MoreDays | None
) -> str:
    label = label_of(info)
    if gate == "unrecorded":
        return _("Not enough data yet: {factor} hasn't been recorded on check-in days.").format(
            factor=label
        )
    if gate == "constant":
        return _(
            "Not enough data yet: {factor} has been the same on every check-in day so far, "
            "so there is nothing to compare."
        ).format(factor=label)
    if gate == "one_sided" and all_high:
        return _(
            "Not enough data yet: every check-in day so far had {condition}, "
            "so there is nothing to compare."
        ).format(condition=cond)
    if gate == "one_sided":
        return _(
            "Not enough data yet: no check-in day so far had {condition}, "
            "so there is nothing to compare."
        ).format(condition=cond)
    if gate == "flat_outcome":
        return _(
            "Not enough data yet: your twitching was the same on every check-in day, "
            "so there is nothing to compare {factor} with."
        ).format(factor=lowerfirst(label))
    so_far = plural(paired, "check-in day")
    if more and more.text():
        return _("Not enough data yet for {factor} — {more} ({days} so far).").format(
            factor=lowerfirst(label), more=more.text(), days=so_far
        )
    return _("Not enough data yet for {factor} ({days} so far).").format(
        factor=lowerfirst(label), days=so_far
    )


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
    lo, hi = e.ratio_ci
    if math.isfinite(e.ratio) and math.isfinite(hi):
        ratio = _("about {ratio}× compared with the same month (approx. 95% CI {interval})").format(
            ratio=decimal_text(f"{e.ratio:.1f}"), interval=ci_text(lo, hi)
        )
    else:
        ratio = _("no month to compare within")
    values = {
        "when": days_with(info, lag, split),
        "high": fmt_num(round(e.high_mean, 1)),
        "low": fmt_num(round(e.low_mean, 1)),
        "outcome": words,
        "ratio": ratio,
        "high_days": e.high_days,
        "low_days": e.low_days,
    }
    if info.kind == "yesno" and lag == 0:
        head = _(
            "{when} you logged {high} {outcome}, against {low} on days you didn't: "
            "{ratio}; {high_days} vs {low_days} days."
        ).format(**values)
    elif info.kind == "yesno":
        head = _(
            "{when} you logged {high} {outcome}, against {low} after days you didn't: "
            "{ratio}; {high_days} vs {low_days} days."
        ).format(**values)
    else:
        head = _(
            "{when} you logged {high} {outcome}, against {low} on other days: "
            "{ratio}; {high_days} vs {low_days} days."
        ).format(**values)
    checked = plural(comparisons, "comparison checked", "comparisons checked")
    note = reverse_note(info, reverse)
    rev = f" {note}" if note else ""
    if verdict == "clear link":
        tail = _("This is unlikely to be chance ({q}; {checked}).").format(
            q=q_text(q), checked=checked
        )
    elif verdict == "possible link":
        tail = _("This could still be chance ({q}; {checked}): a possible link.").format(
            q=q_text(q), checked=checked
        )
    elif verdict == "no clear link":
        if reverse is not None and reverse.stronger and rev:
            return f"{head}{rev} " + _("No clear link as a trigger.")
        if math.isfinite(hi) and hi > 1:
            tail = _("No clear link so far; can't rule out up to {ratio}×.").format(
                ratio=decimal_text(f"{hi:.1f}")
            )
        else:
            tail = _("No clear link so far.")
    elif more and more.text():
        tail = _("Too early to tell — {more} ({reasons}).").format(
            more=more.text(), reasons="; ".join(reasons)
        )
    else:
        tail = _("Too early to tell ({reasons}).").format(reasons="; ".join(reasons))
    return f"{head} {tail}{rev}"


def drift_note(sentence: str) -> str:
    return f"{sentence} {_(DRIFT_NOTE)}"


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
    text = ngettext(
        "You checked in on {n} of {days} day ({percent}%).",
        "You checked in on {n} of {days} days ({percent}%).",
        calendar_days,
    ).format(n=checkin_days, days=calendar_days, percent=pct)
    if bias is not None:
        on, off, n_off = bias
        text += " " + ngettext(
            "On {n} day without a check-in you still logged twitches, but fewer "
            "({off} episodes on those days against {on} on check-in days with twitches): "
            "you may check in more on bad days, so the levels here may be higher than your "
            "usual and links may look weaker than they are.",
            "On {n} days without a check-in you still logged twitches, but fewer "
            "({off} episodes on those days against {on} on check-in days with twitches): "
            "you may check in more on bad days, so the levels here may be higher than your "
            "usual and links may look weaker than they are.",
            n_off,
        ).format(n=n_off, off=fmt_num(round(off, 1)), on=fmt_num(round(on, 1)))
    return text


def detectable_sentence(ratio: float | None, checkin_days: int) -> str:
    """The smallest effect this diary would find most of the time, from its own spread."""
    if ratio is None or not math.isfinite(ratio):
        return ""
    if ratio >= 4:
        return ngettext(
            "With {n} check-in day and your day-to-day ups and downs, only a very large "
            "effect (4× or more) would be found reliably; smaller ones may be missed.",
            "With {n} check-in days and your day-to-day ups and downs, only a very large "
            "effect (4× or more) would be found reliably; smaller ones may be missed.",
            checkin_days,
        ).format(n=checkin_days)
    return ngettext(
        "With {n} check-in day and your day-to-day ups and downs, a factor that goes with "
        "about {ratio}× as many episodes would be found most of the time; smaller effects "
        "may be missed.",
        "With {n} check-in days and your day-to-day ups and downs, a factor that goes with "
        "about {ratio}× as many episodes would be found most of the time; smaller effects "
        "may be missed.",
        checkin_days,
    ).format(n=checkin_days, ratio=decimal_text(f"{ratio:.1f}"))
