"""Use cases for treatments: medications, injections, therapies and procedures with dates.

Plain SQL (see `db.lite`): the doctor export lists treatments without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt

from twitchlog import catalog
from twitchlog.db.lite import Source, dbapi, to_date
from twitchlog.diary import rules
from twitchlog.diary.records import Treatment
from twitchlog.errors import NotFound, ValidationError
from twitchlog.i18n import N_, _, format_date

_COLUMNS = 'id, name, kind, start, "end", dose, unit, sites, note'


def _fetch(source: Source, clause: str = "", params: tuple[object, ...] = ()) -> list[Treatment]:
    rows = dbapi(source).execute(f"SELECT {_COLUMNS} FROM treatment {clause}", params)
    return [
        Treatment(i, name, kind, to_date(start), to_date(end) if end else None, dose, *rest)
        for i, name, kind, start, end, dose, *rest in rows
    ]


def _get(source: Source, treatment_id: int) -> Treatment | None:
    found = _fetch(source, "WHERE id = ?", (treatment_id,))
    return found[0] if found else None


def add_treatment(
    source: Source,
    name: str,
    *,
    kind: str,
    start: dt.date,
    end: dt.date | None = None,
    dose: float | str | None = None,
    unit: str = "",
    sites: str = "",
    note: str = "",
    treatment_id: int | None = None,
) -> Treatment:
    """Record a treatment (under `treatment_id` when given and free: undo keeps the number)."""
    clean_name = rules.check_text(name, what="name", limit=120)
    if not clean_name:
        raise ValidationError(_("A treatment needs a name, e.g. 'botulinum toxin'."), "name")
    if kind == "injection":
        raise ValidationError(
            _(
                "Injections are entries of their own: add one with 'twitchlog injection add DATE "
                "--product ona --units 50', or in Settings › Treatments › Add an injection."
            ),
            "kind",
        )
    if kind not in catalog.TREATMENT_KINDS:
        raise ValidationError(
            _("Unknown treatment kind '{kind}'; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(catalog.TREATMENT_KINDS)
            ),
            "kind",
        )
    rules.check_date_range(start, dt.date.max, field="start")
    if end is not None and end < start:
        raise ValidationError(
            _("The end date {end} is before the start {start}.").format(
                end=format_date(end), start=format_date(start)
            ),
            "end",
        )
    amount = None
    if dose is not None and str(dose).strip():
        amount = rules.parse_number(dose, what=N_("The dose"), field="dose")
        if amount <= 0:
            raise ValidationError(_("The dose must be more than 0."), "dose")
    record = Treatment(
        id=0,
        name=clean_name,
        kind=kind,
        start=start,
        end=end,
        dose=amount,
        unit=rules.check_text(unit, what="unit", limit=20),
        sites=rules.check_text(sites, what="sites", limit=500),
        note=rules.check_text(note, what="note"),
    )
    conn = dbapi(source)
    if treatment_id is not None and _get(conn, treatment_id) is not None:
        treatment_id = None  # the number was taken meanwhile: a new one
    cur = conn.execute(
        f"INSERT INTO treatment ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            treatment_id,
            record.name,
            record.kind,
            start.isoformat(),
            end.isoformat() if end else None,
            amount,
            record.unit,
            record.sites,
            record.note,
        ),
    )
    assert cur.lastrowid is not None
    return record._replace(id=cur.lastrowid)


def end_treatment(source: Source, treatment_id: int, end: dt.date) -> Treatment:
    current = _get(source, treatment_id)
    if current is None:
        raise NotFound(
            _("There is no treatment number {id}; see 'twitchlog treatment list'.").format(
                id=treatment_id
            )
        )
    if end < current.start:
        raise ValidationError(
            _("The end date {end} is before the start {start}.").format(
                end=format_date(end), start=format_date(current.start)
            ),
            "end",
        )
    dbapi(source).execute(
        'UPDATE treatment SET "end" = ? WHERE id = ?', (end.isoformat(), treatment_id)
    )
    return current._replace(end=end)


def delete_treatment(source: Source, treatment_id: int) -> Treatment:
    """Delete a treatment and return it whole, so the front end can offer Undo."""
    current = _get(source, treatment_id)
    if current is None:
        raise NotFound(
            _("There is no treatment number {id}; see 'twitchlog treatment list'.").format(
                id=treatment_id
            )
        )
    dbapi(source).execute("DELETE FROM treatment WHERE id = ?", (treatment_id,))
    return current


def restore_treatment(source: Source, record: Treatment) -> Treatment:
    """Undo a delete: put the treatment back, under its old number where that is free."""
    return add_treatment(
        source,
        record.name,
        kind=record.kind,
        start=record.start,
        end=record.end,
        dose=record.dose,
        unit=record.unit,
        sites=record.sites,
        note=record.note,
        treatment_id=record.id,
    )


def list_treatments(source: Source) -> list[Treatment]:
    return _fetch(source, "ORDER BY start, id")
