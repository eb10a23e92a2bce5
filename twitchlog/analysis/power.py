"""How often a real effect is found: the measured table, and the sentence shown to users.

People should know that "no clear link" after three months says little. The table is
measured offline by `simstudy.power_table` (slow; tests/analysis/test_analysis_slow.py
recomputes it) and stored here, so the app never simulates at run time and this module
imports nothing from the analysis itself.
"""

from __future__ import annotations

from twitchlog.i18n import N_, _, format_number, ngettext

POWER_RATIO = 1.5
POWER_RUNS = 200
POWER_SEED = 20261130
POWER_DAYS = (90, 180, 365)
# (scenario, ratio) → {calendar days: share of POWER_RUNS simulated diaries in which a
# planted next-day effect on screen time above the person's usual was called a clear or
# possible link (all 16 built-in factors tested, Simes + BH, data minimums applied)}.
# "poisson": persistent factors, day-to-day counts Poisson; "overdispersed": a
# persistent flare state and extra day-to-day spread (many quiet days, a few bad ones).
POWER_TABLE: dict[tuple[str, float], dict[int, float]] = {
    ("poisson", 1.5): {90: 0.11, 180: 0.405, 365: 0.80},
    ("poisson", 2.0): {90: 0.36, 180: 0.94, 365: 1.0},
    ("overdispersed", 1.5): {90: 0.02, 180: 0.075, 365: 0.23},
    ("overdispersed", 2.0): {90: 0.045, 180: 0.275, 365: 0.705},
}
SENTENCE_SCENARIO = "overdispersed"
"""The power sentence quotes the harder case: most diaries have quiet and bad spells."""


def _share_words(share: float) -> str:
    if share < 0.1:
        return _("rarely")
    if share < 0.3:
        return _("about one time in five") if share < 0.22 else _("about one time in four")
    if share < 0.42:
        return _("about a third of the time")
    if share < 0.6:
        return _("about half the time")
    if share < 0.72:
        return _("about two times in three")
    if share < 0.85:
        return _("about three times in four")
    return _("most of the time")


_SPAN_WORDS = {90: N_("three months"), 180: N_("six months"), 365: N_("a year")}


def power_sentence(observed_days: int) -> str:
    """What a diary of this length can find, e.g. "with about six months, an effect of
    1.5× is found about one time in four" — for the current length and the next step up."""
    table = POWER_TABLE[(SENTENCE_SCENARIO, POWER_RATIO)]
    days = sorted(table)
    now = max([d for d in days if d <= observed_days * 1.15], default=None)
    nxt = min([d for d in days if d > observed_days * 1.15], default=None)
    parts: list[str] = []
    for d in (now, nxt):
        if d is None:
            continue
        span = _(_SPAN_WORDS[d])  # every length in the table has its words
        share = _share_words(table[d])
        if not parts:
            parts.append(
                _("with about {span}, an effect of {ratio}× is found {share}").format(
                    span=span, ratio=format_number(POWER_RATIO), share=share
                )
            )
        else:
            parts.append(_("with about {span}, {share}").format(span=span, share=share))
    text = "; ".join(parts)
    if now is None:  # shorter than the shortest length simulated: say what there is first
        return ngettext(
            "With {n} checked-in day so far, links are rarely found yet; {text} "
            "(measured in simulated diaries).",
            "With {n} checked-in days so far, links are rarely found yet; {text} "
            "(measured in simulated diaries).",
            observed_days,
        ).format(n=observed_days, text=text)
    return _("{text} (measured in simulated diaries).").format(text=text[:1].upper() + text[1:])
