"""Fixtures shared by the property tests: one migrated empty diary, and Berlin time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from small_diaries import local_zone


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty diary, copied for each example (migrating each time is slow)."""
    from twitchlog.db.migrate import open_database

    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_database(str(path)).close()
    return path


@pytest.fixture(scope="module", autouse=True)
def _berlin() -> Iterator[None]:
    """Every example runs in a zone with clock changes (the diaries include both)."""
    with local_zone():
        yield
