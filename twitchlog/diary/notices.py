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
from twitchlog.words import plural

LOOKBACK_DAYS = 60  # how far back the rule looks
PERSIST_DAYS = 21  # "persists for weeks": twitching days spread over more than three weeks
STILL_GOING_DAYS = 7  # ... and the latest twitch is this recent
SPREAD_REGIONS = 3  # several different regions
EYE_REGIONS = frozenset({"eyebrow", "upper_eyelid", "lower_eyelid"})
LOWER_FACE = frozenset({"cheek", "mouth", "chin", "jaw", "nose"})

NOT_ADVICE = (
    "This is not medical advice and not a diagnosis; it only repeats what your diary shows."
)


@dataclass(frozen=True)
class Notice:
    """The reasons found, in words; empty reasons means nothing to mention."""

    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        lines = "\n".join(f"• {r}" for r in self.reasons)
        return (
            "Your diary shows things the medical guides say are worth talking over with a "
            f"doctor:\n{lines}"
        )

    @property
    def key(self) -> str:
        """Stable identity: a dismissed notice comes back only when the reasons change."""
        return "|".join(self.reasons)


def assess(episodes: Sequence[Episode], today: dt.date) -> Notice | None:
    """Look at the last LOOKBACK_DAYS of episodes; return a Notice or None."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    recent = [e for e in episodes if since <= e.diary_date <= today]
    if not recent:
        return None
    reasons: list[str] = []
    dates = sorted({e.diary_date for e in recent})
    span = (dates[-1] - dates[0]).days
    if span > PERSIST_DAYS and (today - dates[-1]).days <= STILL_GOING_DAYS:
        reasons.append(
            f"twitching on {plural(len(dates), 'day')} spread over {plural(span // 7, 'week')} "
            f"(since {dates[0].isoformat()}) and still going"
        )
    regions = {p.region for e in recent for p in e.places}
    if len(regions) >= SPREAD_REGIONS:
        names = ", ".join(catalog.REGIONS[r] for r in sorted(regions, key=_region_order))
        reasons.append(f"twitching has spread to several places ({names})")
    for side in ("left", "right"):
        on_side = {p.region for e in recent for p in e.places if p.side == side}
        if on_side & EYE_REGIONS and on_side & LOWER_FACE:
            reasons.append(f"twitching takes in the eye and the lower face on the {side} side")
    signs = {s for e in recent for s in e.signs}
    shown = [catalog.SIGNS[s] for s in catalog.SIGNS if s in signs and s != "function"]
    if shown:
        reasons.append("warning signs logged: " + ", ".join(shown))
    if "function" in signs or any(e.severity >= 4 for e in recent):
        reasons.append("twitching got in the way of eating, speaking or seeing")
    return Notice(tuple(reasons)) if reasons else None


def _region_order(region: str) -> int:
    return list(catalog.REGIONS).index(region)
