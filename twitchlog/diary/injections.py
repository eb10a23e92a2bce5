"""Botulinum toxin injections, the side effects of each cycle, and felt wear-off markers.

Each injection starts a cycle (onset, best weeks, wear-off), so it is an entry of its own
rather than a treatment with dates. Plain SQL (see `db.lite`), so the CLI, the window and
the doctor export share these rules without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from twitchlog import catalog
from twitchlog.db.lite import Source, dbapi, to_date
from twitchlog.diary import rules
from twitchlog.diary.records import Place, Treatment
from twitchlog.errors import NotFound, ValidationError
from twitchlog.i18n import N_, _, format_date, format_number
from twitchlog.words import plural

if TYPE_CHECKING:
    from twitchlog.analysis.cycles import CycleReport
    from twitchlog.analysis.data import DailyData

REMINDER_KEY = "injection_reminder_days"
_OFF = "off"


class Injection(NamedTuple):
    id: int
    date: dt.date
    product: str  # a key of catalog.INJECTION_PRODUCTS
    units: float | None = None
    sites: tuple[Place, ...] = ()
    note: str = ""
    name: str = ""  # brand or product name as the person wrote it (kept from old entries)
    side_effects: Mapping[str, int] = MappingProxyType({})  # effect -> grade 0..3

    @property
    def product_words(self) -> str:
        if self.product == "other" and self.name:
            return self.name
        return _(catalog.INJECTION_PRODUCTS[self.product]).split(" (")[0]

    @property
    def dose_words(self) -> str:
        """'onabotulinumtoxinA 50 units' ('… 50 Einheiten' in German)."""
        if self.units is None:
            return self.product_words
        return _("{product} {units}").format(
            product=self.product_words, units=plural(self.units, "unit")
        )

    @property
    def sites_words(self) -> str:
        return ", ".join(p.words for p in self.sites)

    @property
    def words(self) -> str:
        """'onabotulinumtoxinA 50 units; left upper eyelid, eyebrow / forehead'."""
        if not self.sites:
            return self.dose_words
        return _("{dose}; {sites}").format(dose=self.dose_words, sites=self.sites_words)

    @property
    def side_effect_words(self) -> str:
        """'drooping eyelid mild, dry eye moderate'; 'none' when all were none; '' unrated."""
        if not self.side_effects:
            return ""
        felt = [
            _("{effect} {grade}").format(
                effect=_(catalog.SIDE_EFFECTS[k]), grade=_(catalog.SIDE_EFFECT_GRADES[g])
            )
            for k, g in self.side_effects.items()
            if g > 0
        ]
        return ", ".join(felt) if felt else _("none")


class WearingOff(NamedTuple):
    id: int
    date: dt.date
    note: str = ""


def check_product(text: str) -> str:
    """A product key; accepts the generic name, a short form (ona, inco, abo) or a brand."""
    raw = (text or "").strip().casefold()
    for key, words in catalog.INJECTION_PRODUCTS.items():
        brand = words.split("(")[-1].rstrip(")").casefold()
        if raw in {key.casefold(), key[:3].casefold(), key[:4].casefold(), brand}:
            return key
    raise ValidationError(
        _("Unknown product '{product}'; use one of: {keys} (or ona, inco, abo).").format(
            product=text, keys=", ".join(catalog.INJECTION_PRODUCTS)
        ),
        "product",
    )


def check_units(value: float | str | None) -> float | None:
    if value is None or not str(value).strip():
        return None
    units = rules.parse_number(value, what=N_("The total units"), field="units")
    if not 0 < units <= 2000:
        raise ValidationError(
            _("The total units must be more than 0 and at most 2,000; got {units}.").format(
                units=format_number(units)
            ),
            "units",
        )
    return units


def check_grade(effect: str, grade: int | str) -> tuple[str, int]:
    """('dry_eye', 'mild') -> ('dry_eye', 1); effect by key or by its words."""
    key = effect.strip().casefold().replace(" ", "_").replace("-", "_")
    by_words = {w.replace(" ", "_"): k for k, w in catalog.SIDE_EFFECTS.items()}
    key = by_words.get(key, key)
    if key not in catalog.SIDE_EFFECTS:
        raise ValidationError(
            _("Unknown side effect '{effect}'; use one of: {keys}.").format(
                effect=effect, keys=", ".join(catalog.SIDE_EFFECTS)
            ),
            "side_effects",
        )
    text = str(grade).strip().casefold()
    if text.isdigit() and int(text) < len(catalog.SIDE_EFFECT_GRADES):
        return key, int(text)
    if text in catalog.SIDE_EFFECT_GRADES:
        return key, catalog.SIDE_EFFECT_GRADES.index(text)
    raise ValidationError(
        _("How bad was the {effect}? Use one of: {grades}; got '{grade}'.").format(
            effect=_(catalog.SIDE_EFFECTS[key]),
            grades=", ".join(catalog.SIDE_EFFECT_GRADES),
            grade=grade,
        ),
        "side_effects",
    )


def _check_date(source: Source, day: dt.date) -> dt.date:
    """The diary's range of days (1900 up to its own today, by its day-start hour)."""
    from twitchlog.diary.settings import diary_today

    return rules.check_date_range(day, diary_today(source), field="date")


def _fetch(source: Source, clause: str = "", params: tuple[object, ...] = ()) -> list[Injection]:
    conn = dbapi(source)
    rows = conn.execute(
        f"SELECT id, date, product, units, note, name FROM injection {clause}", params
    ).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    where, args = ("WHERE injection_id = ?", (ids[0],)) if len(ids) == 1 else ("", ())
    sites: dict[int, list[Place]] = {}
    for iid, side, region in conn.execute(
        f"SELECT injection_id, side, region FROM injection_site {where} "
        "ORDER BY injection_id, position",
        args,
    ):
        sites.setdefault(iid, []).append(Place(side, region))
    effects: dict[int, dict[str, int]] = {}
    order = list(catalog.SIDE_EFFECTS)
    for iid, effect, grade in conn.execute(
        f"SELECT injection_id, effect, grade FROM injection_side_effect {where}", args
    ):
        effects.setdefault(iid, {})[effect] = grade
    return [
        Injection(
            i,
            to_date(d),
            product,
            units,
            tuple(sites.get(i, ())),
            note,
            name,
            dict(sorted(effects.get(i, {}).items(), key=lambda kv: order.index(kv[0]))),
        )
        for i, d, product, units, note, name in rows
    ]


def get_injection(source: Source, injection_id: int) -> Injection:
    found = _fetch(source, "WHERE id = ?", (injection_id,))
    if not found:
        raise NotFound(
            _("There is no injection number {number}; see 'twitchlog injection list'.").format(
                number=injection_id
            )
        )
    return found[0]


def list_injections(source: Source) -> list[Injection]:
    """Every injection, oldest first."""
    return _fetch(source, "ORDER BY date, id")


def _write(source: Source, record: Injection, *, new: bool) -> Injection:
    conn = dbapi(source)
    values = (
        record.date.isoformat(),
        record.product,
        record.units,
        record.note,
        record.name,
    )
    if new:
        cur = conn.execute(
            "INSERT INTO injection (id, date, product, units, note, name) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (record.id or None, *values),
        )
        assert cur.lastrowid is not None
        injection_id = cur.lastrowid
    else:
        injection_id = record.id
        conn.execute(
            "UPDATE injection SET date = ?, product = ?, units = ?, note = ?, name = ? "
            "WHERE id = ?",
            (*values, injection_id),
        )
        conn.execute("DELETE FROM injection_site WHERE injection_id = ?", (injection_id,))
        conn.execute("DELETE FROM injection_side_effect WHERE injection_id = ?", (injection_id,))
    conn.executemany(
        "INSERT INTO injection_site (injection_id, position, side, region) VALUES (?, ?, ?, ?)",
        [(injection_id, i, p.side, p.region) for i, p in enumerate(record.sites)],
    )
    conn.executemany(
        "INSERT INTO injection_side_effect (injection_id, effect, grade) VALUES (?, ?, ?)",
        [(injection_id, k, g) for k, g in record.side_effects.items()],
    )
    return get_injection(source, injection_id)


def _clean(
    source: Source,
    day: dt.date,
    product: str,
    units: float | str | None,
    sites: Iterable[Place | str],
    note: str,
    name: str,
    side_effects: Mapping[str, int | str],
) -> Injection:
    from twitchlog.diary.episodes import _places  # the sites' rule (episodes: not on export)

    effects = dict(check_grade(k, g) for k, g in side_effects.items())
    return Injection(
        0,
        _check_date(source, day),
        check_product(product),
        check_units(units),
        _places(sites),
        rules.check_text(note, what="note"),
        rules.check_text(name, what="name", limit=120),
        effects,
    )


def add_injection(
    source: Source,
    day: dt.date,
    *,
    product: str,
    units: float | str | None = None,
    sites: Iterable[Place | str] = (),
    note: str = "",
    name: str = "",
    side_effects: Mapping[str, int | str] | None = None,
) -> Injection:
    """Record an injection given on `day`; one a day (a second would split no cycle)."""
    record = _clean(source, day, product, units, sites, note, name, side_effects or {})
    _refuse_same_day(source, record.date, None)
    return _write(source, record, new=True)


def edit_injection(
    source: Source,
    injection_id: int,
    *,
    day: dt.date | None = None,
    product: str | None = None,
    units: float | str | None = None,
    clear_units: bool = False,
    sites: Iterable[Place | str] | None = None,
    note: str | None = None,
    name: str | None = None,
    side_effects: Mapping[str, int | str] | None = None,
) -> Injection:
    """Change what is given; side effects given are merged into those already rated."""
    old = get_injection(source, injection_id)
    merged: dict[str, int | str] = dict(old.side_effects)
    merged.update(side_effects or {})
    record = _clean(
        source,
        day or old.date,
        product or old.product,
        None if clear_units else (units if units is not None else old.units),
        old.sites if sites is None else sites,
        old.note if note is None else note,
        old.name if name is None else name,
        merged,
    )
    _refuse_same_day(source, record.date, injection_id)
    return _write(source, Injection(injection_id, *_fields(record)), new=False)


class InjectionForm(NamedTuple):
    """An injection as a form holds it: typed text, not yet checked."""

    day: dt.date
    product: str
    units: str = ""  # blank: not given (clears the units of an injection changed)
    sites: tuple[str, ...] = ()  # place codes
    note: str = ""
    name: str = ""
    side_effects: Mapping[str, int] = MappingProxyType({})  # only the rated ones


def save_injection(
    source: Source, form: InjectionForm, injection_id: int | None = None
) -> Injection:
    """The form's Save: a new injection, or `injection_id` changed to what the form holds."""
    if injection_id is None:
        return add_injection(
            source,
            form.day,
            product=form.product,
            units=form.units,
            sites=form.sites,
            note=form.note,
            name=form.name,
            side_effects=form.side_effects,
        )
    blank = not form.units.strip()
    return edit_injection(
        source,
        injection_id,
        day=form.day,
        product=form.product,
        units=None if blank else form.units,
        clear_units=blank,
        sites=form.sites,
        note=form.note,
        name=form.name,
        side_effects=form.side_effects,
    )


def _fields(r: Injection) -> tuple:  # type: ignore[type-arg]
    return (r.date, r.product, r.units, r.sites, r.note, r.name, r.side_effects)


def _refuse_same_day(source: Source, day: dt.date, other_than: int | None) -> None:
    row = (
        dbapi(source)
        .execute(
            "SELECT id FROM injection WHERE date = ? AND id IS NOT ?",
            (day.isoformat(), other_than),
        )
        .fetchone()
    )
    if row:
        raise ValidationError(
            _(
                "Injection {number} is already on {day}; edit that one instead "
                "('twitchlog injection edit {number}')."
            ).format(number=row[0], day=format_date(day)),
            "date",
        )


def delete_injection(source: Source, injection_id: int) -> Injection:
    """Delete one injection with its sites and side effects; returned whole for undo."""
    old = get_injection(source, injection_id)
    dbapi(source).execute("DELETE FROM injection WHERE id = ?", (injection_id,))
    return old


def restore_injection(source: Source, record: Injection) -> Injection:
    """Undo a delete: put the injection back under its old number."""
    _refuse_same_day(source, record.date, None)
    if _fetch(source, "WHERE id = ?", (record.id,)):
        raise ValidationError(
            _("Injection number {number} exists again; nothing restored.").format(number=record.id)
        )
    return _write(source, record, new=True)


# --- felt wear-off -----------------------------------------------------------------------


def mark_wearing_off(source: Source, day: dt.date | None = None, note: str = "") -> WearingOff:
    """'I feel it wearing off' on `day` (default: the diary's today); marking the same day
    again keeps one marker."""
    from twitchlog.diary.settings import diary_today

    day = _check_date(source, day or diary_today(source))
    text = rules.check_text(note, what="note")
    conn = dbapi(source)
    conn.execute(
        "INSERT INTO wearing_off (date, note) VALUES (?, ?) "
        "ON CONFLICT (date) DO UPDATE SET note = CASE WHEN excluded.note = '' "
        "THEN wearing_off.note ELSE excluded.note END",
        (day.isoformat(), text),
    )
    row = conn.execute(
        "SELECT id, note FROM wearing_off WHERE date = ?", (day.isoformat(),)
    ).fetchone()
    return WearingOff(row[0], day, row[1])


def unmark_wearing_off(source: Source, day: dt.date) -> bool:
    """Remove the marker on `day`; False when there was none."""
    cur = dbapi(source).execute("DELETE FROM wearing_off WHERE date = ?", (day.isoformat(),))
    return cur.rowcount > 0


def list_wearing_off(source: Source) -> list[WearingOff]:
    rows = dbapi(source).execute("SELECT id, date, note FROM wearing_off ORDER BY date")
    return [WearingOff(i, to_date(d), n) for i, d, n in rows]


# --- the Today line ----------------------------------------------------------------------


class DueState(NamedTuple):
    """What Today's injection line shows: injection dates only, no cycle analysis (fast)."""

    today: dt.date
    has_injections: bool
    next_due: dt.date | None
    remind: bool  # within the reminder's days before the due date (and it is on)
    marked_today: bool  # "I feel it wearing off" already marked today


def due_state(source: Source) -> DueState:
    from twitchlog.analysis.due import due_soon, next_due
    from twitchlog.diary.settings import diary_today

    today = diary_today(source)
    dates = [i.date for i in list_injections(source)]
    due, _days, _default = next_due(dates, catalog.DEFAULT_INJECTION_INTERVAL_DAYS)
    marked = any(m.date == today for m in list_wearing_off(source))
    return DueState(today, bool(dates), due, due_soon(due, today, reminder_days(source)), marked)


# --- reminder setting --------------------------------------------------------------------


def reminder_days(source: Source) -> int | None:
    """Days before the due date to remind; None when the reminder is off."""
    row = (
        dbapi(source).execute("SELECT value FROM setting WHERE key = ?", (REMINDER_KEY,)).fetchone()
    )
    if row is None:
        return catalog.DEFAULT_INJECTION_REMINDER_DAYS
    return None if row[0] == _OFF else int(row[0])


def set_reminder_days(source: Source, days: int | str | None) -> int | None:
    """A whole number of days from 0 to 60, or None / 'off' to switch the reminder off."""
    text = _OFF if days is None else str(days).strip().casefold()
    if text != _OFF:
        if not text.isdigit() or not 0 <= int(text) <= 60:
            raise ValidationError(
                _(
                    "The reminder is a whole number of days from 0 to 60 before the injection "
                    "is due, or 'off'; got '{days}'."
                ).format(days=days),
                "reminder",
            )
        text = str(int(text))
    dbapi(source).execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (REMINDER_KEY, text),
    )
    return None if text == _OFF else int(text)


# --- as treatments -----------------------------------------------------------------------


def as_treatment(inj: Injection) -> Treatment:
    """The injection as a treatment entry, for the places that list every treatment."""
    return Treatment(
        id=inj.id,
        name=inj.product_words,
        kind="injection",
        start=inj.date,
        dose=inj.units,
        unit="units" if inj.units is not None else "",
        sites=inj.sites_words,
        note=inj.note,
    )


def all_treatments(source: Source) -> list[Treatment]:
    """Treatments and injections together, by start date (analysis, timeline, doctor table)."""
    from twitchlog.diary.treatments import list_treatments

    both = list_treatments(source) + [as_treatment(i) for i in list_injections(source)]
    return sorted(both, key=lambda t: t.start)


# --- cycles -------------------------------------------------------------------------------


class Cycles(NamedTuple):
    """The cycle analysis with the entries it was made from (for words, chart and PDF)."""

    report: CycleReport
    injections: tuple[Injection, ...]
    felt: tuple[WearingOff, ...]
    data: DailyData
    reminder_days: int | None

    def injection_on(self, day: dt.date) -> Injection | None:
        return next((i for i in self.injections if i.date == day), None)


def load_cycles(session: Source, outcome: str = "count") -> Cycles:
    """Every injection cycle of the whole diary (the window's worker, the CLI, the report)."""
    import numpy as np

    from twitchlog.analysis.cycles import analyze_cycles
    from twitchlog.diary.dataset import load_daily_data
    from twitchlog.diary.settings import diary_today

    data = load_daily_data(session)
    shots = tuple(list_injections(session))
    felt = tuple(list_wearing_off(session))
    first = data.dates[0].astype(dt.date) if data.n_days else diary_today(session)
    report = analyze_cycles(
        data.outcome(outcome) if data.n_days else np.zeros(0),
        first,
        [i.date for i in shots],
        [m.date for m in felt],
        default_interval_days=catalog.DEFAULT_INJECTION_INTERVAL_DAYS,
    )
    return Cycles(report, shots, felt, data, reminder_days(session))
