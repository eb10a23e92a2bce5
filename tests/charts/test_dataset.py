"""The arrays charts and analysis load: the same as reading the diary row by row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from twitchlog.db import models as m
from twitchlog.diary.dataset import load_daily_data, load_episode_points

RANGES = [
    (None, None),
    (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    (dt.date(2026, 6, 20), dt.date(2026, 7, 20)),  # runs past the last entry
    (dt.date(2020, 1, 1), dt.date(2020, 1, 31)),  # before the diary: nothing
    (dt.date(2026, 5, 1), None),
]


def _reference_points(session, start, end):  # type: ignore[no-untyped-def]
    """Episodes one ORM object at a time: local time = UTC + the offset it was logged with."""
    q = select(m.Episode)
    if start:
        q = q.where(m.Episode.diary_date >= start)
    if end:
        q = q.where(m.Episode.diary_date <= end)
    rows = list(session.scalars(q))
    local = [e.started_utc + dt.timedelta(minutes=e.utc_offset_min) for e in rows]
    return (
        np.array([e.diary_date for e in rows], dtype="datetime64[D]"),
        np.array([t.hour + t.minute / 60 for t in local], dtype=float),
        np.array([t.weekday() >= 5 for t in local], dtype=bool),
        np.array([e.severity for e in rows], dtype=np.int64),
        np.array([np.nan if e.duration_s is None else e.duration_s for e in rows], dtype=float),
    )


def _reference_values(session, lo: dt.date, n: int) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    out: dict[str, np.ndarray] = {}
    for v in session.scalars(select(m.FactorValue)):
        i = (v.day.date - lo).days
        if 0 <= i < n:
            out.setdefault(v.factor.key, np.full(n, np.nan))[i] = v.value
    return out


def _orm(path: Path) -> Session:
    """The reference reads the same file through the models, one object per row."""
    return Session(create_engine(f"sqlite:///{path}"))


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_episode_points_match_row_by_row(demo_db_path: Path, start, end) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.db.migrate import open_database

    db = open_database(str(demo_db_path))
    try:
        with db.read() as s, _orm(demo_db_path) as orm:
            pts = load_episode_points(s, start, end)
            ref = _reference_points(orm, start, end)
    finally:
        db.close()
    got = (pts.diary_date, pts.local_hour, pts.weekend, pts.severity, pts.duration_s)
    for a, b in zip(got, ref, strict=True):
        assert a.dtype == b.dtype
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    assert (pts.n > 0) == (start is None or start.year == 2026)


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_daily_factor_values_match_row_by_row(demo_db_path: Path, start, end) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.db.migrate import open_database

    db = open_database(str(demo_db_path))
    try:
        with db.read() as s, _orm(demo_db_path) as orm:
            data = load_daily_data(s, start, end)
            lo = data.dates[0].astype(dt.date)
            ref = _reference_values(orm, lo, data.n_days)
            days = {d.date for d in orm.scalars(select(m.Day))}
    finally:
        db.close()
    assert set(data.factors) == set(ref)
    for key, values in ref.items():
        assert np.array_equal(data.factors[key], values, equal_nan=True), key
    expected = [d.astype(dt.date) in days for d in data.dates]
    assert data.observed.tolist() == expected


def test_local_hour_and_weekend_use_the_offset_it_was_logged_with(db) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.diary.episodes import log_episode

    # Friday 23:30 UTC logged in UTC+2 is Saturday 01:30 local; unmeasured duration is NaN.
    tz = dt.timezone(dt.timedelta(hours=2))
    with db.write() as s:
        log_episode(s, started_at=dt.datetime(2026, 6, 27, 1, 30, tzinfo=tz), severity=3)
        log_episode(
            s,
            started_at=dt.datetime(2026, 6, 29, 14, 45, tzinfo=dt.UTC),
            duration_s=90,
        )
    with db.read() as s:
        pts = load_episode_points(s)
    order = np.argsort(pts.local_hour)
    assert pts.local_hour[order].tolist() == [1.5, 14.75]
    assert pts.weekend[order].tolist() == [True, False]
    assert np.isnan(pts.duration_s[order][0]) and pts.duration_s[order][1] == 90
    assert pts.severity[order].tolist() == [3, 2]


def test_empty_diary_loads_empty_arrays(db) -> None:  # type: ignore[no-untyped-def]
    with db.read() as s:
        pts = load_episode_points(s)
        data = load_daily_data(s)
    assert pts.n == 0 and pts.local_hour.dtype == float and pts.weekend.dtype == bool
    assert data.n_days == 0
