"""Realistic synthetic diaries for trying the program, screenshots and benchmarks.

The invented person twitches more after short nights and big caffeine days, has
stressful weeks that linger, forgets to check in now and then (and once for a week),
and has botulinum toxin injections every three months once the twitching gets bad.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from twitchlog.db.lite import Source, dbapi, holds_entries
from twitchlog.diary.days import DayDraft, apply_days
from twitchlog.diary.episodes import add_episodes
from twitchlog.diary.injections import add_injection, mark_wearing_off
from twitchlog.diary.records import Place
from twitchlog.diary.settings import diary_today
from twitchlog.diary.treatments import add_treatment
from twitchlog.errors import DiaryError
from twitchlog.i18n import _, format_count

_PLACES = [
    ("left", "upper_eyelid", 50),
    ("left", "lower_eyelid", 20),
    ("right", "upper_eyelid", 8),
    ("left", "cheek", 10),
    ("left", "mouth", 6),
    ("left", "eyebrow", 6),
]


# Waking hours, more twitching as the day wears on (evening eye strain and tiredness).
_HOURS = list(range(7, 24))
_HOUR_WEIGHTS = [1, 2, 3, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 6, 4]


def is_empty(source: Source) -> bool:
    """Nothing written yet (factors and settings do not count)."""
    return not holds_entries(dbapi(source))


def fill_demo(
    source: Source, days: int = 365, *, seed: int = 7, end: dt.date | None = None
) -> tuple[int, int]:
    """Fill an empty diary with `days` days ending yesterday; returns (days, episodes)."""
    if days < 1 or days > 36_600:
        raise DiaryError(
            _("Choose between 1 and {most} demo days.").format(most=format_count(36_600))
        )
    if not is_empty(source):
        raise DiaryError(
            _(
                "This diary already has entries; the demo only fills a new, empty diary. Give "
                "another file with --db."
            )
        )
    rnd = random.Random(seed)
    last = end or diary_today(source) - dt.timedelta(days=1)
    first = last - dt.timedelta(days=days - 1)
    tz = dt.datetime.now().astimezone().tzinfo
    stress = 4.0
    flare = 0.0
    drafts: list[DayDraft] = []
    episodes: list[dict[str, object]] = []
    injections = [first + dt.timedelta(days=d) for d in range(90, days, 91)]
    prev_sleep = 7.0
    gap_start = first + dt.timedelta(days=days // 2)
    for i in range(days):
        day = first + dt.timedelta(days=i)
        weekend = day.weekday() >= 5
        stress = min(10.0, max(0.0, 0.8 * stress + 0.2 * (3 if weekend else 5) + rnd.gauss(0, 1.2)))
        flare = 0.85 * flare + rnd.gauss(0, 0.25)
        sleep = round(
            min(10.0, max(3.5, rnd.gauss(7.6 if weekend else 6.9, 1.0) - 0.12 * (stress - 4))), 1
        )
        cups = max(0, round(rnd.gauss(2.2, 1.1) + (0.8 if prev_sleep < 6 else 0)))
        caffeine = cups * 95.0
        screen = round(max(0.5, rnd.gauss(4 if weekend else 8.5, 1.5)), 1)
        alcohol = float(rnd.choice([0, 0, 0, 0, 1, 2] if weekend else [0, 0, 0, 0, 0, 1]))
        since = [(day - d).days for d in injections if d <= day]
        # botulinum toxin works from about day 4, holds for ~10 weeks, is gone by day 95
        botox = max((0.9 * min(1.0, (95 - s) / 25) for s in since if 4 <= s < 95), default=0.0)
        rate = math.exp(
            1.8
            + 0.45 * (sleep < 6)
            + 0.0011 * caffeine
            + 0.06 * (stress - 4)
            + flare
            - botox
            + 0.3 * min(i / 365, 1.0)
        )
        n = _poisson(rnd, rate)
        missing = (gap_start <= day < gap_start + dt.timedelta(days=7)) or rnd.random() < 0.08
        prev_sleep = sleep
        for _i in range(n):
            hour = rnd.choices(_HOURS, weights=_HOUR_WEIGHTS)[0]
            t = dt.datetime.combine(day, dt.time(hour, rnd.randrange(60), rnd.randrange(60)), tz)
            side, region = _pick_place(rnd)
            episodes.append(
                {
                    "started_at": t,
                    "severity": min(4, max(1, round(rnd.gauss(1.8 + flare, 0.7)))),
                    "duration_s": rnd.choice([None, 5, 10, 20, 30, 45, 60, 90, 120]),
                    "count": rnd.choice([None, None, 3, 5, 8, 12]),
                    "places": [Place(side, region)],
                    "signs": [],
                    "notes": "",
                }
            )
        if missing:
            continue
        values: dict[str, float | None] = {
            "caffeine_mg": caffeine,
            "sleep_h": sleep,
            "stress": round(stress),
            "screen_h": screen,
            "alcohol_units": alcohol,
            "water_l": round(max(0.5, rnd.gauss(1.6, 0.4)), 1),
            "fatigue": float(min(10, max(0, round(10 - sleep + rnd.gauss(0, 1.5))))),
            "sleep_quality": float(min(10, max(0, round(rnd.gauss(6, 2))))),
        }
        if day >= first + dt.timedelta(days=60):
            values["magnesium_mg"] = 250.0 if rnd.random() < 0.8 else 0.0
        if rnd.random() < 0.4:
            values["warm_compress"] = float(rnd.choice([5, 10, 15]))
        note = _("Long day at the screen.") if screen > 10 else ""
        drafts.append(DayDraft(day, values, note, n == 0))
    apply_days(source, drafts)
    add_episodes(source, episodes)
    _add_injections(source, injections, last, random.Random(seed + 1))
    if days > 60:
        add_treatment(
            source,
            "magnesium",
            kind="medication",
            start=first + dt.timedelta(days=60),
            dose=250,
            unit="mg",
        )
    return len(drafts), len(episodes)


def _add_injections(source: Source, days: list[dt.date], last: dt.date, rnd: random.Random) -> None:
    """Each injection with its sites and side effects, and the day it felt like wearing off."""
    for d in days:
        effects = {"ptosis": rnd.choice([0, 0, 0, 1, 2]), "dry_eye": rnd.choice([0, 1, 1])}
        add_injection(
            source,
            d,
            product="onabotulinumtoxinA",
            units=25,
            sites=["left:upper_eyelid", "left:lower_eyelid", "left:eyebrow"],
            side_effects=effects if d + dt.timedelta(days=21) <= last else {},
        )
        felt = d + dt.timedelta(days=rnd.randint(63, 84))
        if felt <= last:
            mark_wearing_off(source, felt)


def _poisson(rnd: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rnd.random()
        if p <= limit:
            return k
        k += 1


def _pick_place(rnd: random.Random) -> tuple[str, str]:
    side, region, _ = rnd.choices(_PLACES, weights=[w for *_, w in _PLACES])[0]
    return side, region
