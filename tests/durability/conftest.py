"""Fixtures for the durability tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def demo_diary(db_path: Path) -> Path:
    """A closed diary holding 60 days of realistic made-up entries."""
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.demo import fill_demo

    db = open_database(str(db_path))
    with db.write() as session:
        fill_demo(session, 60, seed=3)
    db.close()
    return db_path


@pytest.fixture
def empty_diary(db_path: Path) -> Path:
    """A new, closed, empty diary."""
    from twitchlog.db.migrate import open_database

    open_database(str(db_path)).close()
    return db_path
