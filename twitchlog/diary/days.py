"""Use cases for the daily check-in: record, update, undo, list, and per-day summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twitchlog.db import models as m
from twitchlog.diary import rules
from twitchlog.diary.factors import check_value, factors_by_key
from twitchlog.diary.records import Day, Factor
from twitchlog.diary.settings import day_start_hour
from twitchlog.errors import NotFound, ValidationError
from twitchlog.words import plural

RawValue = str | float | int | None


def to_record(row: m.Day) -> Day:
    return Day(row.date, row.no_twitches, row.note, {v.factor.key: v.value for v in row.values})


def _unknown_factor(key: str) -> ValidationError:
    return ValidationError(
        f"Unknown factor '{key}'. See 'twitchlog factor list', or add it with "
        f"'twitchlog factor add {key} --kind number'.",
        key,
    )


def validate_values(
    factors: Mapping[str, Factor], values: Mapping[str, RawValue]
) -> dict[str, float | None]:
    """Check every value before anything is written; None or '' means 'not recorded'."""
    clean: dict[str, float | None] = {}
    for key, raw in values.items():
        factor = factors.get(key)
        if factor is None:
            raise _unknown_factor(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            clean[key] = None
        else:
            clean[key] = check_value(factor, raw)
    return clean


def check_in(
    session: Session,
    date: dt.date,
    values: Mapping[str, RawValue] | None = None,
    *,
    note: str | None = None,
    no_twitches: bool | None = None,
) -> Day:
    """Record (or update) the check-in for `date`; the day then counts as observed.

    Values named are set (None clears one); values not named keep what was recorded.
    `note=None` keeps the note; `no_twitches=None` keeps the flag.
    """
    today = rules.today(day_start_hour(session))
    if date > today:
        raise ValidationError(
            f"{date.isoformat()} is in the future; check in days that have happened "
            f"(today is {today.isoformat()}).",
            "date",
        )
    factors = factors_by_key(session)
    clean = validate_values(factors, values or {})
    text = None if note is None else rules.check_text(note, what="note")
    if no_twitches:
        logged = (
            session.scalar(select(func.count(m.Episode.id)).where(m.Episode.diary_date == date))
            or 0
        )
        if logged:
            raise ValidationError(
                f"You logged {plural(logged, 'twitch')} on {date.isoformat()}; "
                "delete them first or leave out 'no twitches today'.",
                "no_twitches",
            )
    row = session.scalar(select(m.Day).where(m.Day.date == date))
    if row is None:
        row = _new_day(date)
        session.add(row)
    _merge(row, factors, clean, text, no_twitches)
    session.flush()
    session.refresh(row)
    return to_record(row)


def _new_day(date: dt.date) -> m.Day:
    return m.Day(date=date, no_twitches=False, note="", values=[])


def _merge(
    row: m.Day,
    factors: Mapping[str, Factor],
    clean: Mapping[str, float | None],
    note: str | None,
    no_twitches: bool | None,
) -> None:
    """Apply checked values to a day row: named values set or cleared, others kept."""
    row.checked_in_utc = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    if note is not None:
        row.note = note
    if no_twitches is not None:
        row.no_twitches = no_twitches
    by_id = {v.factor_id: v for v in row.values}
    for key, value in clean.items():
        existing = by_id.get(factors[key].id)
        if value is None:
            if existing is not None:
                row.values.remove(existing)
        elif existing is not None:
            existing.value = value
        else:
            row.values.append(m.FactorValue(factor_id=factors[key].id, value=value))


@dataclass(frozen=True)
class DayDraft:
    """A checked-in day read from a file, already validated."""

    date: dt.date
    values: dict[str, float | None]
    note: str | None = None
    no_twitches: bool | None = None


def apply_days(session: Session, drafts: list[DayDraft]) -> tuple[int, int]:
    """Merge many checked days at once (import); returns (days added, days changed)."""
    factors = factors_by_key(session)
    dates = [d.date for d in drafts]
    existing: dict[dt.date, m.Day] = {}
    for i in range(0, len(dates), 500):
        for row in session.scalars(select(m.Day).where(m.Day.date.in_(dates[i : i + 500]))):
            existing[row.date] = row
    added = changed = 0
    for draft in drafts:
        row = existing.get(draft.date)
        if row is None:
            row = existing[draft.date] = _new_day(draft.date)
            session.add(row)
            added += 1
        else:
            before = to_record(row)
            if _same(before, draft):
                continue
            changed += 1
        _merge(row, factors, draft.values, draft.note, draft.no_twitches)
    session.flush()
    return added, changed


def _same(day: Day, draft: DayDraft) -> bool:
    wanted = dict(day.values)
    for key, value in draft.values.items():
        if value is None:
            wanted.pop(key, None)
        else:
            wanted[key] = value
    return (
        wanted == day.values
        and (draft.note is None or draft.note == day.note)
        and (draft.no_twitches is None or draft.no_twitches == day.no_twitches)
    )


def get_day(session: Session, date: dt.date) -> Day | None:
    row = session.scalar(select(m.Day).where(m.Day.date == date))
    return to_record(row) if row else None


def latest_day_before(session: Session, date: dt.date) -> Day | None:
    """The most recent check-in before `date` ("same as yesterday" in the form)."""
    row = session.scalar(
        select(m.Day).where(m.Day.date < date).order_by(m.Day.date.desc()).limit(1)
    )
    return to_record(row) if row else None


def delete_day(session: Session, date: dt.date) -> Day:
    """Remove a check-in (the day becomes unknown again) and return it for Undo."""
    row = session.scalar(select(m.Day).where(m.Day.date == date))
    if row is None:
        raise NotFound(f"There is no check-in for {date.isoformat()}.")
    record = to_record(row)
    session.delete(row)
    session.flush()
    return record


def restore_day(session: Session, record: Day) -> Day:
    return check_in(
        session, record.date, dict(record.values), note=record.note, no_twitches=record.no_twitches
    )


def list_days(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> list[Day]:
    q = select(m.Day).order_by(m.Day.date)
    if start:
        q = q.where(m.Day.date >= start)
    if end:
        q = q.where(m.Day.date <= end)
    return [to_record(r) for r in session.scalars(q)]
