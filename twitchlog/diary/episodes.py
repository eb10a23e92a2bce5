"""Use cases for episodes: log, edit, delete (with undo), list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from twitchlog.db import models as m
from twitchlog.diary import rules
from twitchlog.diary.records import Episode, Place
from twitchlog.diary.settings import day_start_hour
from twitchlog.errors import NotFound, ValidationError


def _places(places: Iterable[Place | str]) -> tuple[Place, ...]:
    out: list[Place] = []
    for p in places:
        place = p if isinstance(p, Place) else Place.parse(p)
        rules.parse_region(place.code)  # validates a Place built by hand, too
        if place not in out:
            out.append(place)
    return tuple(out)


def _signs(signs: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({rules.check_sign(s) for s in signs}))


def to_utc_naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)


def to_record(row: m.Episode) -> Episode:
    tz = dt.timezone(dt.timedelta(minutes=row.utc_offset_min))
    return Episode(
        id=row.id,
        started_at=row.started_utc.replace(tzinfo=dt.UTC).astimezone(tz),
        diary_date=row.diary_date,
        severity=row.severity,
        duration_s=row.duration_s,
        count=row.count,
        places=tuple(Place(r.side, r.region) for r in row.regions),
        signs=tuple(s.sign for s in row.signs),
        notes=row.notes,
    )


def _fill(
    row: m.Episode,
    day_start: int,
    *,
    started_at: dt.datetime,
    severity: int | str,
    duration_s: int | str | None,
    count: int | str | None,
    places: Iterable[Place | str],
    signs: Iterable[str],
    notes: str | None,
) -> None:
    """Validate everything first, then assign: a refused value leaves `row` untouched."""
    if started_at.tzinfo is None:
        raise ValidationError("The episode time needs a UTC offset.", "at")
    if started_at > rules.now_local() + rules.FUTURE_SLACK:
        raise ValidationError(
            f"{started_at.strftime('%Y-%m-%d %H:%M')} is in the future; log episodes that "
            "have happened.",
            "at",
        )
    sev = rules.check_severity(severity)
    dur = rules.parse_duration(duration_s)
    cnt = rules.check_count(count)
    plc = _places(places)
    sgn = _signs(signs)
    txt = rules.check_text(notes, what="note")
    offset = started_at.utcoffset() or dt.timedelta(0)
    row.started_utc = to_utc_naive(started_at)
    row.utc_offset_min = int(offset.total_seconds() // 60)
    row.diary_date = rules.diary_date(started_at.replace(microsecond=0), day_start)
    row.severity, row.duration_s, row.count, row.notes = sev, dur, cnt, txt
    row.regions = [
        m.EpisodeRegion(position=i, side=p.side, region=p.region) for i, p in enumerate(plc)
    ]
    row.signs = [m.EpisodeSign(sign=s) for s in sgn]


def log_episode(
    session: Session,
    *,
    started_at: dt.datetime | None = None,
    severity: int | str = 2,
    duration_s: int | str | None = None,
    count: int | str | None = None,
    places: Iterable[Place | str] = (),
    signs: Iterable[str] = (),
    notes: str | None = "",
) -> Episode:
    """Record one episode (now, unless `started_at` is given) and return it."""
    row = m.Episode()
    _fill(
        row,
        day_start_hour(session),
        started_at=started_at or rules.now_local(),
        severity=severity,
        duration_s=duration_s,
        count=count,
        places=places,
        signs=signs,
        notes=notes,
    )
    return _add(session, [row])[0]


def add_episodes(session: Session, items: Iterable[Mapping[str, Any]]) -> list[Episode]:
    """Add many validated episodes in one go (import); each item holds log_episode's fields."""
    hour = day_start_hour(session)
    rows = []
    for item in items:
        row = m.Episode()
        _fill(row, hour, **item)
        rows.append(row)
    return _add(session, rows)


def _add(session: Session, rows: list[m.Episode]) -> list[Episode]:
    session.add_all(rows)
    _clear_no_twitches(session, {r.diary_date for r in rows})
    session.flush()
    return [to_record(r) for r in rows]


def _clear_no_twitches(session: Session, days: set[dt.date]) -> None:
    """A twitch logged on a day checked in as 'no twitches' corrects that day."""
    session.execute(
        update(m.Day).where(m.Day.date.in_(days), m.Day.no_twitches).values(no_twitches=False)
    )


def update_episode(session: Session, episode_id: int, **changes: object) -> Episode:
    """Change some fields of an episode; fields not named keep their value."""
    row = session.get(m.Episode, episode_id)
    if row is None:
        raise NotFound(f"Episode {episode_id} does not exist (it may have been deleted).")
    current = to_record(row)
    unknown = set(changes) - {
        "started_at",
        "severity",
        "duration_s",
        "count",
        "places",
        "signs",
        "notes",
    }
    if unknown:
        raise ValidationError(f"Episodes have no field named {', '.join(sorted(unknown))}.")
    merged = {
        "started_at": current.started_at,
        "severity": current.severity,
        "duration_s": current.duration_s,
        "count": current.count,
        "places": current.places,
        "signs": current.signs,
        "notes": current.notes,
    }
    merged.update(changes)
    _fill(row, day_start_hour(session), **merged)  # type: ignore[arg-type]
    session.flush()
    return to_record(row)


def delete_episode(session: Session, episode_id: int) -> Episode:
    """Delete an episode and return what it was, so the caller can offer Undo."""
    row = session.get(m.Episode, episode_id)
    if row is None:
        raise NotFound(f"Episode {episode_id} does not exist (it may have been deleted).")
    record = to_record(row)
    session.delete(row)
    session.flush()
    return record


def restore_episode(session: Session, record: Episode) -> Episode:
    """Put a deleted episode back (Undo), with its original id where it is free."""
    row = m.Episode()
    if session.get(m.Episode, record.id) is None:
        row.id = record.id
    _fill(
        row,
        day_start_hour(session),
        started_at=record.started_at,
        severity=record.severity,
        duration_s=record.duration_s,
        count=record.count,
        places=record.places,
        signs=record.signs,
        notes=record.notes,
    )
    row.diary_date = record.diary_date  # keep the day it was logged under
    session.add(row)
    session.flush()
    return to_record(row)


def list_episodes(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> list[Episode]:
    """Episodes by diary day, oldest first; `start`/`end` are inclusive diary dates."""
    q = select(m.Episode).order_by(m.Episode.started_utc, m.Episode.id)
    if start:
        q = q.where(m.Episode.diary_date >= start)
    if end:
        q = q.where(m.Episode.diary_date <= end)
    return [to_record(r) for r in session.scalars(q)]


def last_episode(session: Session) -> Episode | None:
    row = session.scalar(select(m.Episode).order_by(m.Episode.started_utc.desc()).limit(1))
    return to_record(row) if row else None


def existing_instants(session: Session, instants: Sequence[dt.datetime]) -> set[dt.datetime]:
    """Which of these UTC instants already hold an episode (import skips those)."""
    found: set[dt.datetime] = set()
    items = list(instants)
    for i in range(0, len(items), 500):
        chunk = items[i : i + 500]
        found.update(
            session.scalars(select(m.Episode.started_utc).where(m.Episode.started_utc.in_(chunk)))
        )
    return found
