"""Diaries for chart tests: a demo year, an empty diary, a diary with one day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from twitchlog.charts.render import ChartInputs, compute
from twitchlog.diary.dataset import load_daily_data, load_episode_points

END = dt.date(2026, 6, 30)


def _inputs(db, analyse: bool = True) -> ChartInputs:  # type: ignore[no-untyped-def]
    with db.read() as session:
        data = load_daily_data(session)
        points = load_episode_points(session)
    return compute(data, points, "count", analyse=analyse)


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-day demo diary built once for the whole session (read-only in tests)."""
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.demo import fill_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(str(path))
    with db.write() as session:
        fill_demo(session, 200, end=END)
    db.close()
    return path


@pytest.fixture(scope="session")
def demo_inputs(demo_db_path: Path) -> ChartInputs:
    from twitchlog.db.migrate import open_database

    db = open_database(str(demo_db_path))
    try:
        return _inputs(db)
    finally:
        db.close()


@pytest.fixture
def empty_inputs(db) -> ChartInputs:  # type: ignore[no-untyped-def]
    return _inputs(db)


@pytest.fixture
def one_day_inputs(db) -> ChartInputs:  # type: ignore[no-untyped-def]
    from twitchlog.diary.days import check_in
    from twitchlog.diary.episodes import log_episode
    from twitchlog.diary.records import Place

    with db.write() as session:
        check_in(session, END, {"caffeine_mg": 200, "sleep_h": 6.5})
        log_episode(
            session,
            started_at=dt.datetime(2026, 6, 30, 14, 0).astimezone(),
            severity=2,
            places=[Place("left", "upper_eyelid")],
        )
    return _inputs(db)
