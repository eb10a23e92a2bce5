"""One summary row per calendar day for the doctor: loaded with a handful of SQL queries.

Every table is read once, aggregated in SQL, never queried per day; and on the plain
DB-API connection (see `db.lite`), so `twitchlog export doctor` needs no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from twitchlog import catalog
from twitchlog.db.lite import Source, dbapi, to_date
from twitchlog.diary.csvfiles import format_number
from twitchlog.diary.factors import list_factors
from twitchlog.diary.records import Factor, Place, Treatment
from twitchlog.diary.summaries import DaySummary, day_summaries, resolve_range
from twitchlog.diary.treatments import list_treatments

INJECTION_SHOWN_DAYS = 182
"""Botulinum toxin works for about 3–4 months; after half a year the row stops naming it."""


@dataclass(frozen=True)
class DoctorDay:
    """One calendar day as the doctor reads it (episode fields are None when unknown)."""

    summary: DaySummary
    places: tuple[tuple[Place, int], ...] = ()
    signs: tuple[tuple[str, int], ...] = ()
    values: dict[str, float] = field(default_factory=dict)
    treatments: tuple[str, ...] = ()
    note: str = ""

    @property
    def date(self) -> dt.date:
        return self.summary.date

    @property
    def observed(self) -> bool:
        return self.summary.observed

    @property
    def known(self) -> bool:
        """Observed, or at least something was logged: otherwise the day is unknown."""
        return self.summary.observed or self.summary.episodes > 0


@dataclass(frozen=True)
class DoctorTable:
    start: dt.date
    end: dt.date
    factors: tuple[Factor, ...]
    days: tuple[DoctorDay, ...]

    @property
    def observed_days(self) -> int:
        return sum(d.observed for d in self.days)


def places_text(places: tuple[tuple[Place, int], ...]) -> str:
    """'left upper eyelid ×3; left cheek ×1'."""
    return "; ".join(f"{p.words} ×{n}" for p, n in places)


def signs_text(signs: tuple[tuple[str, int], ...]) -> str:
    return "; ".join(f"{catalog.SIGNS.get(s, s)} ×{n}" for s, n in signs)


def treatment_words(t: Treatment, day: dt.date) -> str:
    """'botulinum toxin, day 14 after injection'; 'magnesium 250 mg'."""
    if t.kind == "injection":
        return f"{t.name}, day {(day - t.start).days} after injection"
    dose = f" {format_number(t.dose)} {t.unit}".rstrip() if t.dose is not None else ""
    return f"{t.name}{dose}"


def active_treatments(treatments: list[Treatment], day: dt.date) -> tuple[str, ...]:
    """Treatments in effect on `day`; of repeated injections only the latest counts."""
    out: list[str] = []
    latest: dict[str, Treatment] = {}
    for t in treatments:
        if t.kind == "injection" and t.end is None:
            age = (day - t.start).days
            if 0 <= age <= INJECTION_SHOWN_DAYS:
                prev = latest.get(t.name.lower())
                if prev is None or t.start > prev.start:
                    latest[t.name.lower()] = t
        elif t.active_on(day):
            out.append(treatment_words(t, day))
    out.extend(treatment_words(t, day) for t in latest.values())
    return tuple(out)


def _region_order(place: Place) -> tuple[int, int]:
    regions = list(catalog.REGIONS)
    sides = list(catalog.SIDES)
    return (regions.index(place.region) if place.region in regions else 99, sides.index(place.side))


def load_doctor_table(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> DoctorTable:
    """Every calendar day of the range (default: the whole diary) with its summary."""
    conn = dbapi(source)
    factors = tuple(list_factors(conn))
    rng = resolve_range(conn, start, end)
    if rng is None:
        return DoctorTable(start or dt.date.today(), end or dt.date.today(), factors, ())
    lo, hi = rng
    span = (lo.isoformat(), hi.isoformat())
    summaries = day_summaries(conn, lo, hi)

    places: dict[dt.date, list[tuple[Place, int]]] = {}
    for date, side, region, n in conn.execute(
        "SELECT e.diary_date, r.side, r.region, COUNT(*) FROM episode_region r "
        "JOIN episode e ON e.id = r.episode_id WHERE e.diary_date BETWEEN ? AND ? "
        "GROUP BY e.diary_date, r.side, r.region",
        span,
    ):
        places.setdefault(to_date(date), []).append((Place(side, region), int(n)))
    signs: dict[dt.date, list[tuple[str, int]]] = {}
    for date, sign, n in conn.execute(
        "SELECT e.diary_date, s.sign, COUNT(*) FROM episode_sign s "
        "JOIN episode e ON e.id = s.episode_id WHERE e.diary_date BETWEEN ? AND ? "
        "GROUP BY e.diary_date, s.sign",
        span,
    ):
        signs.setdefault(to_date(date), []).append((sign, int(n)))
    sign_order = list(catalog.SIGNS)

    key_by_id = {f.id: f.key for f in factors}
    values: dict[dt.date, dict[str, float]] = {}
    for date, factor_id, value in conn.execute(
        "SELECT d.date, v.factor_id, v.value FROM factor_value v "
        "JOIN day d ON d.id = v.day_id WHERE d.date BETWEEN ? AND ?",
        span,
    ):
        values.setdefault(to_date(date), {})[key_by_id[factor_id]] = value
    notes = {
        to_date(date): note
        for date, note in conn.execute(
            "SELECT date, note FROM day WHERE date BETWEEN ? AND ? AND note != ''", span
        )
    }
    treatments = list_treatments(conn)

    days = []
    for s in summaries:
        day_places = sorted(places.get(s.date, ()), key=lambda pn: (-pn[1], _region_order(pn[0])))
        day_signs = sorted(
            signs.get(s.date, ()),
            key=lambda sn: (-sn[1], sign_order.index(sn[0]) if sn[0] in sign_order else 99),
        )
        days.append(
            DoctorDay(
                s,
                tuple(day_places),
                tuple(day_signs),
                values.get(s.date, {}),
                active_treatments(treatments, s.date) if treatments else (),
                notes.get(s.date, ""),
            )
        )
    return DoctorTable(lo, hi, factors, tuple(days))
