"""Use cases for episodes: log, edit, delete (with undo), list.

Plain SQL on the diary's sqlite3 connection (see `db.lite`), the same code for the
window's worker, the command line and the importers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from twitchlog.db.lite import Source, date_range, datetime_text, dbapi, to_date, to_datetime
from twitchlog.diary import rules
from twitchlog.diary.records import Episode, Place
from twitchlog.diary.settings import day_start_hour
from twitchlog.diary.twitchfree import clear_flag
from twitchlog.errors import NotFound, ValidationError
from twitchlog.i18n import _

FIELDS = ("started_at", "severity", "duration_s", "count", "places", "signs", "notes")
_COLUMNS = "id, started_utc, utc_offset_min, diary_date, severity, duration_s, count, notes"


@dataclass(frozen=True)
class _Checked:
    """An episode whose every field passed the rules, in the form it is stored."""

    started_utc: dt.datetime
    utc_offset_min: int
    diary_date: dt.date
    severity: int
    duration_s: int | None
    count: int | None
    places: tuple[Place, ...]
    signs: tuple[str, ...]
    notes: str

    def record(self, episode_id: int) -> Episode:
        tz = dt.timezone(dt.timedelta(minutes=self.utc_offset_min))
        return Episode(
            id=episode_id,
            started_at=self.started_utc.replace(tzinfo=dt.UTC).astimezone(tz),
            diary_date=self.diary_date,
            severity=self.severity,
            duration_s=self.duration_s,
            count=self.count,
            places=self.places,
            signs=self.signs,
            notes=self.notes,
        )


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


def _check(
    day_start: int,
    *,
    started_at: dt.datetime,
    severity: int | str,
    duration_s: int | str | None,
    count: int | str | None,
    places: Iterable[Place | str],
    signs: Iterable[str],
    notes: str | None,
) -> _Checked:
    """Apply every episode rule; nothing is written until all of them pass."""
    if started_at.tzinfo is None:
        raise ValidationError(_("The episode time needs a UTC offset."), "at")
    rules.check_moment(started_at, field="at")
    offset = started_at.utcoffset() or dt.timedelta(0)
    return _Checked(
        started_utc=to_utc_naive(started_at),
        utc_offset_min=int(offset.total_seconds() // 60),
        diary_date=rules.diary_date(started_at.replace(microsecond=0), day_start),
        severity=rules.check_severity(severity),
        duration_s=rules.parse_duration(duration_s),
        count=rules.check_count(count),
        places=_places(places),
        signs=_signs(signs),
        notes=rules.check_text(notes, what="note"),
    )


def log_episode(
    source: Source,
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
    conn = dbapi(source)
    checked = _check(
        day_start_hour(conn),
        started_at=started_at or rules.now_local(),
        severity=severity,
        duration_s=duration_s,
        count=count,
        places=places,
        signs=signs,
        notes=notes,
    )
    return _insert(conn, [checked])[0]


def add_episodes(source: Source, items: Iterable[Mapping[str, Any]]) -> list[Episode]:
    """Add many validated episodes in one go (import); each item holds log_episode's fields."""
    conn = dbapi(source)
    hour = day_start_hour(conn)
    return _insert(conn, [_check(hour, **item) for item in items])


def _insert(
    conn: sqlite3.Connection, rows: Sequence[_Checked], ids: Sequence[int | None] = ()
) -> list[Episode]:
    out = []
    for i, row in enumerate(rows):
        cur = conn.execute(
            f"INSERT INTO episode ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ids[i] if ids else None, *_values(row)),
        )
        assert cur.lastrowid is not None
        _store_parts(conn, cur.lastrowid, row)
        out.append(row.record(cur.lastrowid))
    clear_flag(conn, [r.diary_date for r in rows])
    return out


def _values(row: _Checked) -> tuple[object, ...]:
    """The episode table's columns after id, in _COLUMNS order."""
    return (
        datetime_text(row.started_utc),
        row.utc_offset_min,
        row.diary_date.isoformat(),
        row.severity,
        row.duration_s,
        row.count,
        row.notes,
    )


def _store_parts(conn: sqlite3.Connection, episode_id: int, row: _Checked) -> None:
    conn.executemany(
        "INSERT INTO episode_region (episode_id, position, side, region) VALUES (?, ?, ?, ?)",
        [(episode_id, i, p.side, p.region) for i, p in enumerate(row.places)],
    )
    conn.executemany(
        "INSERT INTO episode_sign (episode_id, sign) VALUES (?, ?)",
        [(episode_id, s) for s in row.signs],
    )


def _delete_parts(conn: sqlite3.Connection, episode_id: int) -> None:
    conn.execute("DELETE FROM episode_region WHERE episode_id = ?", (episode_id,))
    conn.execute("DELETE FROM episode_sign WHERE episode_id = ?", (episode_id,))


def get_episode(source: Source, episode_id: int) -> Episode:
    found = _select(dbapi(source), "WHERE e.id = ?", (episode_id,))
    if not found:
        raise NotFound(
            _("Episode {id} does not exist (it may have been deleted).").format(id=episode_id)
        )
    return found[0]


def update_episode(source: Source, episode_id: int, **changes: object) -> Episode:
    """Change some fields of an episode; fields not named keep their value."""
    conn = dbapi(source)
    current = get_episode(conn, episode_id)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("Episodes have no field named {names}.").format(names=", ".join(sorted(unknown)))
        )
    merged: dict[str, Any] = {name: getattr(current, name) for name in FIELDS}
    merged.update(changes)
    checked = _check(day_start_hour(conn), **merged)
    conn.execute(
        "UPDATE episode SET started_utc = ?, utc_offset_min = ?, diary_date = ?, severity = ?, "
        "duration_s = ?, count = ?, notes = ? WHERE id = ?",
        (*_values(checked), episode_id),
    )
    _delete_parts(conn, episode_id)
    _store_parts(conn, episode_id, checked)
    clear_flag(conn, [checked.diary_date])
    return checked.record(episode_id)


def delete_episode(source: Source, episode_id: int) -> Episode:
    """Delete an episode and return what it was, so the caller can offer Undo."""
    conn = dbapi(source)
    record = get_episode(conn, episode_id)
    _delete_parts(conn, episode_id)
    conn.execute("DELETE FROM episode WHERE id = ?", (episode_id,))
    return record


def restore_episode(source: Source, record: Episode) -> Episode:
    """Put a deleted episode back (Undo), with its original id where it is free."""
    conn = dbapi(source)
    taken = conn.execute("SELECT 1 FROM episode WHERE id = ?", (record.id,)).fetchone()
    checked = _check(day_start_hour(conn), **{name: getattr(record, name) for name in FIELDS})
    # Keep the day it was logged under, whatever the day-start hour is now.
    kept = replace(checked, diary_date=record.diary_date)
    return _insert(conn, [kept], [None if taken else record.id])[0]


def list_episodes(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> list[Episode]:
    """Episodes by diary day, oldest first; `start`/`end` are inclusive diary dates."""
    return _select(dbapi(source), *date_range("e.diary_date", start, end))


def last_episode(source: Source) -> Episode | None:
    conn = dbapi(source)
    row = conn.execute("SELECT id FROM episode ORDER BY started_utc DESC, id DESC LIMIT 1")
    found = row.fetchone()
    return get_episode(conn, found[0]) if found else None


def _select(conn: sqlite3.Connection, clause: str, params: Sequence[object]) -> list[Episode]:
    """Episodes matching `clause` (on alias e) with their places and signs, in time order."""
    places: dict[int, list[Place]] = {}
    for eid, side, region in conn.execute(
        "SELECT r.episode_id, r.side, r.region FROM episode_region r "
        f"JOIN episode e ON e.id = r.episode_id {clause} ORDER BY r.episode_id, r.position",
        params,
    ):
        places.setdefault(eid, []).append(Place(side, region))
    signs: dict[int, list[str]] = {}
    for eid, sign in conn.execute(
        "SELECT s.episode_id, s.sign FROM episode_sign s "
        f"JOIN episode e ON e.id = s.episode_id {clause} ORDER BY s.episode_id, s.sign",
        params,
    ):
        signs.setdefault(eid, []).append(sign)
    columns = ", ".join(f"e.{c}" for c in _COLUMNS.split(", "))
    rows = conn.execute(
        f"SELECT {columns} FROM episode e {clause} ORDER BY e.started_utc, e.id", params
    )
    return [
        _Checked(
            started_utc=to_datetime(started),
            utc_offset_min=offset,
            diary_date=to_date(day),
            severity=severity,
            duration_s=duration,
            count=count,
            places=tuple(places.get(eid, ())),
            signs=tuple(signs.get(eid, ())),
            notes=notes,
        ).record(eid)
        for eid, started, offset, day, severity, duration, count, notes in rows
    ]


EpisodeKey = tuple[object, ...]


def episode_key(e: Episode) -> EpisodeKey:
    """What makes two episodes the same one: every field the person gave, not just the time.

    Two twitches logged at the same minute in different places are two episodes; the
    offset is left out because the same instant written in another zone is the same twitch.
    """
    return (
        to_utc_naive(e.started_at),
        e.severity,
        e.duration_s,
        e.count,
        tuple(sorted(p.code for p in e.places)),
        tuple(sorted(e.signs)),
        e.notes,
    )


def new_episodes(source: Source, items: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The items (log_episode's fields) that are neither in the diary nor earlier in `items`.

    Each item is checked first (the same rules as logging), so a bad one is refused here.
    """
    conn = dbapi(source)
    hour = day_start_hour(conn)
    keyed = [(item, episode_key(_check(hour, **item).record(0))) for item in items]
    instants = sorted({datetime_text(key[0]) for _, key in keyed})  # type: ignore[arg-type]
    seen: set[EpisodeKey] = set()
    for i in range(0, len(instants), 500):
        chunk = instants[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        seen.update(
            episode_key(e) for e in _select(conn, f"WHERE e.started_utc IN ({marks})", chunk)
        )
    fresh = []
    for item, key in keyed:
        if key not in seen:
            seen.add(key)
            fresh.append(item)
    return fresh


def log_like_last(
    source: Source, *, started_at: dt.datetime | None = None, duration_s: int | None = None
) -> Episode:
    """The window's one-press log: a twitch with the severity and place of the last one
    (severity 2 and no place for the very first)."""
    last = last_episode(source)
    return log_episode(
        source,
        started_at=started_at,
        severity=last.severity if last else 2,
        places=last.places if last else (),
        duration_s=duration_s,
    )
