"""The factor catalog as stored: built-ins plus the person's own factors."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from twitchlog import catalog
from twitchlog.db import models as m
from twitchlog.diary import rules
from twitchlog.diary.records import Factor
from twitchlog.errors import ValidationError

_BOUNDS = {"scale": (0.0, 10.0), "yesno": (0.0, 1.0)}


def to_record(row: m.Factor) -> Factor:
    return Factor(
        row.id,
        row.key,
        row.label,
        row.kind,
        row.unit,
        row.minimum,
        row.maximum,
        row.builtin,
        row.category,
    )


def list_factors(session: Session) -> list[Factor]:
    """Built-ins in catalog order, then the person's own in the order they were added."""
    rows = list(session.scalars(select(m.Factor)))
    order = {f.key: i for i, f in enumerate(catalog.BUILTIN_FACTORS)}
    rows.sort(key=lambda r: (0, order.get(r.key, 0), 0) if r.builtin else (1, 0, r.id))
    return [to_record(r) for r in rows]


def factors_by_key(session: Session) -> dict[str, Factor]:
    return {f.key: f for f in list_factors(session)}


def add_factor(
    session: Session,
    key: str,
    *,
    label: str | None = None,
    kind: str = "number",
    unit: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
) -> Factor:
    """Add a user-defined factor ('chocolate', 'cold weather'…)."""
    key = rules.check_factor_key(key.strip().lower())
    if kind not in catalog.FACTOR_KINDS:
        raise ValidationError(f"Unknown kind '{kind}'; use number, scale (0–10) or yesno.", "kind")
    if session.scalar(select(m.Factor.id).where(m.Factor.key == key)) is not None:
        raise ValidationError(f"There is already a factor '{key}'; pick another key.", "key")
    lo, hi = _BOUNDS.get(kind, (0.0, 1_000_000.0))
    if kind == "number":
        lo = lo if minimum is None else rules.parse_number(minimum, what="The minimum")
        hi = hi if maximum is None else rules.parse_number(maximum, what="The maximum")
        if hi <= lo:
            raise ValidationError("The maximum must be larger than the minimum.", "maximum")
    name = rules.check_text(label, what="label", limit=80) or key.replace("_", " ").capitalize()
    row = m.Factor(
        key=key,
        label=name,
        kind=kind,
        unit=rules.check_text(unit, what="unit", limit=20) if kind == "number" else "",
        minimum=lo,
        maximum=hi,
        builtin=False,
        category="custom",
    )
    session.add(row)
    session.flush()
    return to_record(row)


def check_value(factor: Factor, raw: str | float | int) -> float:
    """Parse and range-check one value for one factor (the single rule for every front end)."""
    value = rules.parse_number(raw, what=factor.label, field=factor.key)
    return rules.check_factor_value(
        factor.key, factor.label, factor.kind, factor.unit, factor.minimum, factor.maximum, value
    )
