"""What each chart needs before it can draw, said in its own words to a new diary's owner.

A chart draws as soon as it has something true to show (the face map and the time of
day from twitches alone, before any check-in); until then it says what is missing and
what to do, counted from the diary ("you have 1 check-in"), never a generic message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from twitchlog.analysis.data import DailyData, EpisodePoints
from twitchlog.charts.base import EMPTY_MESSAGE
from twitchlog.charts.common import MIN_DAYS
from twitchlog.i18n import _, ngettext
from twitchlog.words import plural


@dataclass(frozen=True)
class Missing:
    """The empty chart's big line and the hint under it."""

    message: str
    hint: str
    counted: bool = False  # the hint follows what the range holds so far ("You have 1 …")


def _check_ins(data: DailyData) -> int:
    return int(np.count_nonzero(data.observed)) if data.n_days else 0


def _so_far(data: DailyData, points: EpisodePoints) -> str:
    """'You have 1 check-in so far' / 'You logged 3 twitches but no check-in yet'."""
    k = _check_ins(data)
    if k == 0 and points.n:
        return _("You logged {twitches} but no check-in yet.").format(
            twitches=plural(points.n, "twitch")
        )
    if k == 0:
        return _("Nothing is in this range yet.")
    return _("You have {check_ins} in this range so far.").format(check_ins=plural(k, "check-in"))


def missing(
    name: str,
    data: DailyData,
    points: EpisodePoints,
    *,
    factor: str | None = None,
    treatments: tuple[Any, ...] = (),
    cycles: Any | None = None,
) -> Missing | None:
    """Why chart `name` cannot draw yet (None: it can); an empty range says so first."""
    lack = _missing(name, data, points, factor, treatments, cycles)
    if lack is None:
        return None
    if _check_ins(data) == 0 and points.n == 0:
        return Missing(_(EMPTY_MESSAGE), lack.hint)
    if lack.counted:  # two whole sentences side by side, never one cut from the other
        return Missing(lack.message, f"{_so_far(data, points)} {lack.hint}")
    return lack


def _missing(
    name: str,
    data: DailyData,
    points: EpisodePoints,
    factor: str | None,
    treatments: tuple[Any, ...],
    cycles: Any | None,
) -> Missing | None:
    k = _check_ins(data)
    if name == "timeline" and k < MIN_DAYS:
        return Missing(
            _("Not enough check-ins yet"),
            _(
                "The timeline starts with {n} checked-in days: check in each day, also on "
                "days without twitches."
            ).format(n=MIN_DAYS),
            counted=True,
        )
    if name in ("triggers", "factor") and factor is None:
        return Missing(
            _("No factors recorded yet"),
            _(
                "Fill in sleep, caffeine, stress… at the daily check-in; this chart then "
                "compares your twitching on days with more and with less of each."
            ),
        )
    if name in ("triggers", "factor") and k < MIN_DAYS:
        return Missing(
            _("Not enough check-ins yet"),
            _(
                "Comparing days needs {n} check-ins or more, and a few weeks before a "
                "difference means much."
            ).format(n=MIN_DAYS),
            counted=True,
        )
    if name == "calendar" and k == 0:
        return Missing(
            _("No check-ins yet"),
            _(
                "The calendar colours each checked-in day by its twitching; check in today "
                "and it starts."
            ),
            counted=True,
        )
    if name == "face" and not sum(points.places.values()):
        return Missing(
            _("No places on the face yet") if points.n else _("No twitches logged yet"),
            _("Log a twitch with where on the face it was and the map fills in."),
        )
    if name == "hours" and points.n == 0:
        return Missing(
            _("No twitches logged yet"),
            _(
                "Log twitches as they come (Ctrl+L) and this shows the hours of the day they "
                "come at."
            ),
        )
    if name == "treatments" and not data.treatments:
        return Missing(
            _("No treatments yet"),
            _(
                "Add a treatment (Settings → Treatments) with its start date and this chart "
                "compares your twitching before and after it."
            ),
        )
    has_cycles = cycles is not None and np.isfinite(np.asarray(cycles.rates, float)).any()
    if name == "treatments" and not treatments and not has_cycles:
        names = ", ".join(t.name for t in data.treatments)
        return Missing(
            _("Not enough days around the treatment yet"),
            ngettext(
                "Comparing before and after {names} needs checked-in days on both sides of "
                "its start.",
                "Comparing before and after {names} needs checked-in days on both sides of "
                "their starts.",
                len(data.treatments),
            ).format(names=names),
            counted=True,
        )
    return None
