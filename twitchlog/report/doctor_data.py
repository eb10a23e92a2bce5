"""One summary row per calendar day for the doctor: loaded with a handful of SQL queries.

Every table is read once, aggregated in SQL by `diary.summaries` (the same totals the
analysis and the window use), never queried per day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType
from typing import NamedTuple

from twitchlog import catalog
from twitchlog.db.lite import Source, dbapi
from twitchlog.diary.csvfiles import format_number
from twitchlog.diary.factors import list_factors
from twitchlog.diary.injections import all_treatments, list_injections, list_wearing_off
from twitchlog.diary.records import Factor, Place, Treatment
from twitchlog.diary.summaries import (
    DaySummary,
    day_summaries,
    entries,
    factor_values,
    open_bounds,
    places_by_day,
    resolve_range,
    signs_by_day,
)
from twitchlog.diary.summaries import place_of as split_place
from twitchlog.i18n import _, language

INJECTION_SHOWN_DAYS = 182
"""Botulinum toxin works for about 3–4 months; after half a year the row stops naming it."""

NO_VALUES: Mapping[str, float] = MappingProxyType({})


class DoctorDay(NamedTuple):
    """One calendar day as the doctor reads it (episode fields are None when unknown).

    A named tuple, not a dataclass: ten years are 3,650 of them, made and read once."""

    summary: DaySummary
    places: tuple[tuple[Place, int], ...] = ()
    signs: tuple[tuple[str, int], ...] = ()
    values: Mapping[str, float] = NO_VALUES  # factor key -> value, on observed days
    treatments: tuple[str, ...] = ()
    note: str = ""
    injection: str = ""  # on an injection day: 'onabotulinumtoxinA 50 units; left upper eyelid'
    side_effects: str = ""  # on an injection day: that cycle's side effects as rated
    felt_wearing_off: bool = False

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


class DoctorTable(NamedTuple):
    start: dt.date
    end: dt.date
    factors: tuple[Factor, ...]
    days: tuple[DoctorDay, ...]

    @property
    def observed_days(self) -> int:
        return sum(d.observed for d in self.days)


def places_text(places: tuple[tuple[Place, int], ...]) -> str:
    """'left upper eyelid ×3; left cheek ×1'."""
    lang = language()
    return "; ".join(f"{_spot_words(p, lang)} ×{n}" for p, n in places)


@lru_cache(maxsize=256)
def _spot_words(place: Place, lang: str) -> str:
    """A place's words, made once per spot and language: ten years name ~10,000 places
    (two catalogue look-ups each), from a few dozen spots."""
    return place.words


def signs_text(signs: tuple[tuple[str, int], ...]) -> str:
    return "; ".join(f"{_(catalog.SIGNS[s]) if s in catalog.SIGNS else s} ×{n}" for s, n in signs)


def treatment_words(t: Treatment, day: dt.date) -> str:
    """'botulinum toxin, day 14 after injection'; 'magnesium 250 mg'."""
    if t.kind == "injection":
        return _("{name}, day {n} after injection").format(name=t.name, n=(day - t.start).days)
    dose = f" {format_number(t.dose)} {t.unit}".rstrip() if t.dose is not None else ""
    return f"{t.name}{dose}"


def treatments_by_day(
    treatments: list[Treatment], lo: dt.date, hi: dt.date
) -> list[tuple[str, ...]]:
    """Treatments in effect on each day from lo to hi, one tuple a day in date order; of
    repeated injections only the latest.

    A plain treatment reads the same on every day, so its words are made once and the
    days that share the same plain treatments share one tuple (a ten-year course of
    magnesium is 3,650 days); an injection's words change by the day."""
    first, n = lo.toordinal(), (hi - lo).days + 1
    plain: list[tuple[int, int, str]] = []  # (first, last day number, words)
    latest: dict[int, dict[str, Treatment]] = {}
    for t in sorted(treatments, key=lambda t: (t.start, t.id)):
        injection = t.kind == "injection" and t.end is None
        last = t.start + dt.timedelta(days=INJECTION_SHOWN_DAYS) if injection else t.end or hi
        since, until = max(t.start, lo), min(last, hi)
        if since > until:
            continue
        a, b = since.toordinal() - first, until.toordinal() - first
        if injection:
            name = t.name.lower()
            for i in range(a, b + 1):
                latest.setdefault(i, {})[name] = t  # a later start replaces it
        else:
            plain.append((a, b, treatment_words(t, since)))
    out: list[tuple[str, ...]] = [()] * n
    cuts = sorted({0, n, *(a for a, _, _ in plain), *(b + 1 for _, b, _ in plain)})
    for a, b in pairwise(cuts):  # the same plain treatments from day a to day b - 1
        on = tuple(words for since, until, words in plain if since <= a <= until)
        if on:
            out[a:b] = [on] * (b - a)
    said: dict[tuple[str, int], str] = {}  # (name, days after): a few hundred
    for i, shots in latest.items():
        named = []
        for t in shots.values():
            after = first + i - t.start.toordinal()
            shot = said.get((t.name, after))
            if shot is None:
                shot = said[(t.name, after)] = treatment_words(t, lo + dt.timedelta(days=i))
            named.append(shot)
        out[i] = (*out[i], *named)
    return out


_REGION_RANK = {region: i for i, region in enumerate(catalog.REGIONS)}
_SIDE_RANK = {side: i for i, side in enumerate(catalog.SIDES)}
_SIGN_RANK = {sign: i for i, sign in enumerate(catalog.SIGNS)}


def _face_order(place: Place) -> tuple[int, int, str, str]:
    """Face order; places outside the catalogue by key, as SQL sorts."""
    return (
        _REGION_RANK.get(place.region, 99),
        _SIDE_RANK.get(place.side, 99),
        place.side,
        place.region,
    )


def _sign_rank(item: tuple[str, int]) -> tuple[int, int, str]:
    return (-item[1], _SIGN_RANK.get(item[0], 99), item[0])


def load_doctor_table(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> DoctorTable:
    """Every calendar day of the range (default: the whole diary) with its summary."""
    conn = dbapi(source)
    factors = tuple(list_factors(conn))
    rng = resolve_range(conn, start, end)
    if rng is None:
        from twitchlog.diary.settings import diary_today

        today = diary_today(conn)
        return DoctorTable(start or today, end or today, factors, ())
    lo, hi = rng
    # One row a day, keyed by the ISO text SQLite returns: no date parsing per row, and a
    # day's places (or signs) that read like an earlier day's reuse its parsed tuple.
    place_of: dict[str, Place] = {}
    face_order: dict[str, tuple[int, int, str, str]] = {}
    parsed_places: dict[str, tuple[tuple[Place, int], ...]] = {}

    def spots(text: str) -> tuple[tuple[Place, int], ...]:
        """Most felt first, then in face order."""
        got = parsed_places.get(text)
        if got is None:
            counts = entries(text)
            for spot in counts.keys() - place_of.keys():  # one Place per spot, not per row
                place = place_of[spot] = Place(*split_place(spot))
                face_order[spot] = _face_order(place)
            order = sorted(counts, key=face_order.__getitem__)
            order.sort(key=counts.__getitem__, reverse=True)  # stable: face order in a tie
            got = parsed_places[text] = tuple((place_of[spot], counts[spot]) for spot in order)
        return got

    parsed_signs: dict[str, tuple[tuple[str, int], ...]] = {}

    def marks(text: str) -> tuple[tuple[str, int], ...]:
        got = parsed_signs.get(text)
        if got is None:
            counts = entries(text)
            got = parsed_signs[text] = tuple(sorted(counts.items(), key=_sign_rank))
        return got

    places = {date: spots(text) for date, text in places_by_day(conn, lo, hi)}
    signs = {date: marks(text) for date, text in signs_by_day(conn, lo, hi)}
    key_by_id = {f.id: f.key for f in factors}
    values: dict[str, dict[str, float]] = {}
    last: str | None = None
    got: dict[str, float] = {}
    for chunk in factor_values(conn, *open_bounds(conn, lo, hi)):
        for date, factor_id, value in chunk:
            if date != last:  # rows come a day at a time: one look-up per day
                last = date
                got = values.get(date) or values.setdefault(date, {})
            got[key_by_id[factor_id]] = value
    notes = dict(
        conn.execute(
            "SELECT date, note FROM day WHERE date BETWEEN ? AND ? AND note != ''",
            (lo.isoformat(), hi.isoformat()),
        )
    )
    in_effect = treatments_by_day(all_treatments(conn), lo, hi)
    shots = {i.date.isoformat(): i for i in list_injections(conn) if lo <= i.date <= hi}
    felt = {m.date.isoformat() for m in list_wearing_off(conn)}

    days = []
    for s, treatments in zip(day_summaries(conn, lo, hi), in_effect, strict=True):
        key = s.date.isoformat()
        shot = shots.get(key)
        days.append(
            DoctorDay(
                s,
                places.get(key, ()),
                signs.get(key, ()),
                values.get(key, NO_VALUES),
                treatments,
                notes.get(key, ""),
                shot.words if shot else "",
                shot.side_effect_words if shot else "",
                key in felt,
            )
        )
    return DoctorTable(lo, hi, factors, tuple(days))
