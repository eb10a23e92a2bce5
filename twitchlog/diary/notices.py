"""When the diary shows what the medical sources say deserves a doctor's look.

A pure rule over plain records (no database, no Qt), so the window only displays it
and tests can pin it down. It never diagnoses: it lists what the diary shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from twitchlog import catalog
from twitchlog.diary.records import Episode
from twitchlog.i18n import N_, _, format_date
from twitchlog.words import plural

LOOKBACK_DAYS = 60  # how far back the rule looks
PERSIST_DAYS = 21  # "persists for weeks": twitching days spread over more than three weeks
STILL_GOING_DAYS = 7  # ... and the latest twitch is this recent
SPREAD_REGIONS = 3  # several different regions
EYE_REGIONS = frozenset({"eyebrow", "upper_eyelid", "lower_eyelid"})
LOWER_FACE = frozenset({"cheek", "mouth", "chin", "jaw", "nose"})

NOT_ADVICE = N_(
    "This is not medical advice and not a diagnosis; it only repeats what your diary shows."
)
"""Marked, not translated: whoever shows it calls _(NOT_ADVICE)."""


@dataclass(frozen=True)
class Notice:
    """The reasons found, in the user's words; empty reasons means nothing to mention.

    `ids` say the same in no language, so a dismissed notice stays dismissed when the
    language changes."""

    reasons: tuple[str, ...]
    ids: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        lines = "\n".join(f"• {r}" for r in self.reasons)
        return _(
            "Your diary shows things the medical guides say are worth talking over with a "
            "doctor:\n{reasons}"
        ).format(reasons=lines)

    @property
    def key(self) -> str:
        """Stable identity: a dismissed notice comes back only when the reasons change."""
        return "|".join(self.ids or self.reasons)


def assess(episodes: Sequence[Episode], today: dt.date) -> Notice | None:
    """Look at the last LOOKBACK_DAYS of episodes; return a Notice or None."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    recent = [e for e in episodes if since <= e.diary_date <= today]
    if not recent:
        return None
    reasons: list[str] = []
    ids: list[str] = []
    dates = sorted({e.diary_date for e in recent})
    span = (dates[-1] - dates[0]).days
    if span > PERSIST_DAYS and (today - dates[-1]).days <= STILL_GOING_DAYS:
        reasons.append(
            _(
                "twitching spread over {weeks} ({days} with twitches since {date}) and still going"
            ).format(
                days=plural(len(dates), "day"),
                weeks=plural(span // 7, "week"),
                date=format_date(dates[0]),
            )
        )
        ids.append(f"persists:{len(dates)}:{span // 7}:{dates[0].isoformat()}")
    regions = sorted({p.region for e in recent for p in e.places}, key=_region_order)
    if len(regions) >= SPREAD_REGIONS:
        names = ", ".join(_(catalog.REGIONS[r]) for r in regions)
        reasons.append(_("twitching has spread to several places ({places})").format(places=names))
        ids.append("spread:" + ",".join(regions))
    for side, sentence in _SIDE_SENTENCES.items():
        on_side = {p.region for e in recent for p in e.places if p.side == side}
        if on_side & EYE_REGIONS and on_side & LOWER_FACE:
            reasons.append(_(sentence))
            ids.append(f"eye-and-lower-face:{side}")
    signs = {s for e in recent for s in e.signs}
    logged = [s for s in catalog.SIGNS if s in signs and s != "function"]
    if logged:
        shown = ", ".join(_(catalog.SIGNS[s]) for s in logged)
        reasons.append(_("warning signs logged: {signs}").format(signs=shown))
        ids.append("signs:" + ",".join(logged))
    if "function" in signs or any(e.severity >= 4 for e in recent):
        reasons.append(_("twitching got in the way of eating, speaking or seeing"))
        ids.append("function")
    return Notice(tuple(reasons), tuple(ids)) if reasons else None


_SIDE_SENTENCES = {
    "left": N_("twitching takes in the eye and the lower face on the left side"),
    "right": N_("twitching takes in the eye and the lower face on the right side"),
}


def _region_order(region: str) -> int:
    return list(catalog.REGIONS).index(region)
