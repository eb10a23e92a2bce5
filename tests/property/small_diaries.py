"""Random small diaries as people start them, for the property-based tests.

0 to 60 days with gaps, any subset of the factors, twitches with and without a check-in,
treatments starting anywhere (before the diary too), odd times (00:30, before the day
start) and the two Europe/Berlin clock changes of 2026 inside the range.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from twitchlog import catalog
from twitchlog.diary import rules

TZ = "Europe/Berlin"
DST_DAYS = (dt.date(2026, 3, 29), dt.date(2026, 10, 25))
ODD_TIMES = (
    dt.time(0, 30),  # after midnight: still the evening before (day start 4:00)
    dt.time(2, 30),  # missing on the spring change day, twice on the autumn one
    dt.time(3, 59),
    dt.time(4, 0),
    dt.time(23, 59),
)
FACTOR_KEYS = tuple(f.key for f in catalog.BUILTIN_FACTORS)
PLACES = tuple(f"{s}:{r}" for s in catalog.SIDES for r in catalog.REGIONS)


@contextmanager
def local_zone(name: str = TZ) -> Iterator[None]:
    """Run with the process's local time zone set to `name` (the app reads local time)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


@dataclass(frozen=True)
class Twitch:
    at: dt.datetime  # naive local wall time; made aware (in TZ) when written
    severity: int
    duration_s: int | None
    places: tuple[str, ...]
    signs: tuple[str, ...]


@dataclass(frozen=True)
class CheckIn:
    date: dt.date
    values: dict[str, float]
    note: str
    no_twitches: bool


@dataclass(frozen=True)
class TreatmentSpec:
    name: str
    kind: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class DiarySpec:
    """What a random diary holds; `write` puts it into a real diary file."""

    day_start: int
    checkins: tuple[CheckIn, ...]
    twitches: tuple[Twitch, ...]
    treatments: tuple[TreatmentSpec, ...] = ()
    custom_factor: bool = False
    days: tuple[dt.date, ...] = field(default=())

    def diary_date(self, t: Twitch) -> dt.date:
        return rules.diary_date(t.at, self.day_start)

    def write(self, session) -> None:  # type: ignore[no-untyped-def]
        from twitchlog.diary.days import check_in
        from twitchlog.diary.episodes import log_episode
        from twitchlog.diary.factors import add_factor
        from twitchlog.diary.injections import add_injection
        from twitchlog.diary.settings import set_day_start_hour
        from twitchlog.diary.treatments import add_treatment

        set_day_start_hour(session, self.day_start)
        if self.custom_factor:
            add_factor(session, "chocolate", kind="yesno")
        for t in self.twitches:
            log_episode(
                session,
                started_at=t.at.astimezone(),
                severity=t.severity,
                duration_s=t.duration_s,
                places=t.places,
                signs=t.signs,
            )
        twitch_days = {self.diary_date(t) for t in self.twitches}
        for c in self.checkins:
            check_in(
                session,
                c.date,
                c.values,
                note=c.note,
                no_twitches=c.no_twitches and c.date not in twitch_days,
            )
        injected: set[dt.date] = set()
        for tr in self.treatments:
            if tr.kind == "injection":  # entries of their own, one a day
                if tr.start not in injected:
                    add_injection(session, tr.start, product="ona", units=50)
                    injected.add(tr.start)
            else:
                add_treatment(session, tr.name, kind=tr.kind, start=tr.start, end=tr.end)


def _value(key: str) -> st.SearchStrategy[float]:
    if key == "chocolate":
        return st.sampled_from([0.0, 1.0])
    f = catalog.BUILTIN_BY_KEY[key]
    if f.kind == "yesno":
        return st.sampled_from([0.0, 1.0])
    if f.kind == "scale":
        return st.integers(int(f.minimum), int(f.maximum)).map(float)
    top = min(f.maximum, 3 * (f.high_from or f.high_below or 10))
    return st.floats(f.minimum, top, allow_nan=False).map(lambda v: round(v, 1))


@st.composite
def small_diaries(draw: st.DrawFn, max_days: int = 60) -> DiarySpec:
    n = draw(st.integers(0, max_days))
    # The last day: often just after a clock change, so a range of a few days holds it.
    near_change = st.builds(
        lambda d, k: d + dt.timedelta(days=k), st.sampled_from(DST_DAYS), st.integers(0, 10)
    )
    end = draw(st.one_of(near_change, st.dates(dt.date(2026, 1, 1), dt.date(2026, 11, 15))))
    days = tuple(end - dt.timedelta(days=n - 1 - i) for i in range(n))
    custom = draw(st.booleans())
    keys = draw(st.sets(st.sampled_from(FACTOR_KEYS), max_size=4))
    if custom:
        keys = keys | {"chocolate"}
    checkins: list[CheckIn] = []
    twitches: list[Twitch] = []
    for day in days:
        if draw(st.integers(0, 9)) < 7:  # most days checked in, with gaps
            recorded = draw(st.sets(st.sampled_from(sorted(keys)))) if keys else set()
            values = {k: draw(_value(k)) for k in sorted(recorded)}
            note = draw(st.sampled_from(["", "", "long day"]))
            checkins.append(CheckIn(day, values, note, draw(st.booleans())))
        for _ in range(draw(st.integers(0, 3))):
            clock = draw(
                st.one_of(
                    st.sampled_from(ODD_TIMES),
                    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
                )
            )
            places = draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True))
            signs = draw(st.lists(st.sampled_from(sorted(catalog.SIGNS)), max_size=1))
            twitches.append(
                Twitch(
                    dt.datetime.combine(day, clock),
                    draw(st.integers(1, 4)),
                    draw(st.one_of(st.none(), st.integers(1, 3600))),
                    tuple(places),
                    tuple(signs),
                )
            )
    treatments: list[TreatmentSpec] = []
    first = days[0] if days else end
    for i in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(sorted(catalog.TREATMENT_KINDS)))
        start = first + dt.timedelta(days=draw(st.integers(-20, max(n, 1))))
        start = min(start, end)
        stop = None
        if kind != "injection" and draw(st.booleans()):
            stop = start + dt.timedelta(days=draw(st.integers(0, 30)))
        treatments.append(TreatmentSpec(f"treatment {i + 1}", kind, start, stop))
    return DiarySpec(
        draw(st.sampled_from([0, 4, 6])),
        tuple(checkins),
        tuple(twitches),
        tuple(treatments),
        custom,
        days,
    )


def fresh_diary(template: Path, spec: DiarySpec) -> Path:
    """A copy of the empty `template` diary in a new folder, holding `spec`'s entries."""
    from twitchlog.db.migrate import open_database

    path = Path(tempfile.mkdtemp(prefix="twitchlog-prop-")) / "diary.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(str(path))
    with db.write() as conn:
        spec.write(conn)
    db.close()
    return path
