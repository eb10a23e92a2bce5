"""Use cases for treatments: medications, injections, therapies and procedures with dates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from twitchlog import catalog
from twitchlog.db import models as m
from twitchlog.diary import rules
from twitchlog.diary.records import Treatment
from twitchlog.errors import NotFound, ValidationError


def to_record(row: m.Treatment) -> Treatment:
    return Treatment(
        row.id, row.name, row.kind, row.start, row.end, row.dose, row.unit, row.sites, row.note
    )


def add_treatment(
    session: Session,
    name: str,
    *,
    kind: str,
    start: dt.date,
    end: dt.date | None = None,
    dose: float | str | None = None,
    unit: str = "",
    sites: str = "",
    note: str = "",
) -> Treatment:
    """Record a treatment; an injection is a single date whose effect fades over months."""
    clean_name = rules.check_text(name, what="name", limit=120)
    if not clean_name:
        raise ValidationError("A treatment needs a name, e.g. 'botulinum toxin'.", "name")
    if kind not in catalog.TREATMENT_KINDS:
        raise ValidationError(
            f"Unknown treatment kind '{kind}'; use one of: "
            + ", ".join(catalog.TREATMENT_KINDS)
            + ".",
            "kind",
        )
    if end is not None and end < start:
        raise ValidationError(
            f"The end date {end.isoformat()} is before the start {start.isoformat()}.", "end"
        )
    amount = None
    if dose is not None and str(dose).strip():
        amount = rules.parse_number(dose, what="The dose", field="dose")
        if amount <= 0:
            raise ValidationError("The dose must be more than 0.", "dose")
    row = m.Treatment(
        name=clean_name,
        kind=kind,
        start=start,
        end=end,
        dose=amount,
        unit=rules.check_text(unit, what="unit", limit=20),
        sites=rules.check_text(sites, what="sites", limit=500),
        note=rules.check_text(note, what="note"),
    )
    session.add(row)
    session.flush()
    return to_record(row)


def end_treatment(session: Session, treatment_id: int, end: dt.date) -> Treatment:
    row = session.get(m.Treatment, treatment_id)
    if row is None:
        raise NotFound(
            f"There is no treatment number {treatment_id}; see 'twitchlog treatment list'."
        )
    if end < row.start:
        raise ValidationError(
            f"The end date {end.isoformat()} is before the start {row.start.isoformat()}.", "end"
        )
    row.end = end
    session.flush()
    return to_record(row)


def delete_treatment(session: Session, treatment_id: int) -> Treatment:
    row = session.get(m.Treatment, treatment_id)
    if row is None:
        raise NotFound(f"There is no treatment number {treatment_id}.")
    record = to_record(row)
    session.delete(row)
    session.flush()
    return record


def list_treatments(session: Session) -> list[Treatment]:
    q = select(m.Treatment).order_by(m.Treatment.start, m.Treatment.id)
    return [to_record(r) for r in session.scalars(q)]
