"""Migrations keep every row; a newer diary is refused untouched; one linear chain."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.durability.helpers import raw_rows
from twitchlog.db import lite, migrate
from twitchlog.db.models import Base
from twitchlog.db.schema import HEAD_REVISION
from twitchlog.errors import DiaryUnavailable

TABLES = (
    "factor",
    "day",
    "factor_value",
    "episode",
    "episode_region",
    "episode_sign",
    "treatment",
    "setting",
    "injection",
    "injection_site",
    "injection_side_effect",
    "wearing_off",
)
TEST_REVISION = "20991231_01"
SECOND_REVISION = f'''
"""Test only: rebuild the episode table (batch mode), as a real column change would."""
import sqlalchemy as sa
from alembic import op

revision = "{TEST_REVISION}"
down_revision = "{HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("episode", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("mood", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("episode", recreate="always") as batch_op:
        batch_op.drop_column("mood")
'''


def _alembic_diary(path: Path, revision: str) -> None:
    """A diary built the slow way: alembic upgrade from an empty file to `revision`."""
    migrate.upgrade(path, revision)


def _fill(path: Path) -> None:
    from twitchlog.diary.demo import fill_demo
    from twitchlog.diary.injections import add_injection

    db = migrate.open_database(str(path))
    try:
        with db.write() as session:
            fill_demo(session, 90, seed=11)
            add_injection(session, dt.date(2026, 6, 1), product="ona", units=50)
    finally:
        db.close()


def _snapshot(path: Path) -> dict[str, list[tuple]]:
    return {t: sorted(raw_rows(path, f"SELECT * FROM {t}"), key=repr) for t in TABLES}


@pytest.fixture
def fixture_diary(tmp_path: Path) -> Path:
    """One diary per schema revision (there is one so far) holding realistic rows."""
    path = tmp_path / "at-first-revision.sqlite3"
    _alembic_diary(path, HEAD_REVISION)
    _fill(path)
    return path


@pytest.fixture
def second_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway script folder: the real revisions plus one batch table rebuild."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.migrations_dir(), scripts)
    (scripts / "versions" / f"{TEST_REVISION}_rebuild_episode.py").write_text(SECOND_REVISION)
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    monkeypatch.setattr(migrate, "HEAD_REVISION", TEST_REVISION)
    monkeypatch.setattr(lite, "HEAD_REVISION", TEST_REVISION)
    return scripts


def test_upgrade_with_a_table_rebuild_keeps_every_row(
    fixture_diary: Path, second_revision: Path
) -> None:
    before = _snapshot(fixture_diary)
    assert len(before["episode_region"]) > 50 and len(before["factor_value"]) > 100
    db = migrate.open_database(str(fixture_diary))  # backs up, then upgrades
    try:  # the diary's connection enforces foreign keys after the upgrade
        assert db.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    finally:
        db.close()
    assert raw_rows(fixture_diary, "SELECT version_num FROM alembic_version") == [(TEST_REVISION,)]
    after = _snapshot(fixture_diary)
    after["episode"] = [row[:-1] for row in after["episode"]]  # drop the new column
    assert after == before  # counts and values, children of the rebuilt table included
    assert raw_rows(fixture_diary, "PRAGMA foreign_key_check") == []
    assert raw_rows(fixture_diary, "PRAGMA integrity_check") == [("ok",)]
    backups = list((fixture_diary.parent / f"{fixture_diary.stem}-backups").iterdir())
    assert [b.name for b in backups if f"before-upgrade-from-{HEAD_REVISION}" in b.name]


def test_the_rebuild_would_cascade_with_foreign_keys_on(
    fixture_diary: Path, second_revision: Path
) -> None:
    """Control: the same rebuild with foreign keys on deletes children, so the test above
    guards something real."""
    from alembic import command

    engine = create_engine(f"sqlite:///{fixture_diary}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        command.upgrade(migrate._alembic_config(conn), "head")
        conn.commit()
    engine.dispose()
    assert raw_rows(fixture_diary, "SELECT count(*) FROM episode_region") == [(0,)]


def test_a_diary_from_a_newer_version_is_refused_untouched(fixture_diary: Path) -> None:
    con = sqlite3.connect(fixture_diary)
    con.execute("UPDATE alembic_version SET version_num = '20991231_99'")
    con.commit()
    con.close()
    before = fixture_diary.read_bytes()
    with pytest.raises(DiaryUnavailable) as err:
        migrate.open_database(str(fixture_diary))
    assert "newer version" in str(err.value)
    assert fixture_diary.read_bytes() == before
    assert not fixture_diary.with_name(fixture_diary.name + "-wal").exists()


def test_revision_chain_is_linear_with_head_equal_to_schema_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._alembic_config())
    assert script.get_heads() == [HEAD_REVISION]
    assert len(script.get_bases()) == 1
    for rev in script.walk_revisions():
        down = rev.down_revision
        assert down is None or isinstance(down, str), f"{rev.revision} merges branches"
        assert len(rev.nextrev) <= 1, f"{rev.revision} has more than one child"
        assert rev.revision[:8].isdigit(), "revisions are date-prefixed"


def test_alembic_schema_equals_the_fast_create_all_schema(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    slow = tmp_path / "alembic.sqlite3"
    _alembic_diary(slow, "head")
    engine = create_engine(f"sqlite:///{slow}")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
    engine.dispose()

    fast = tmp_path / "fast.sqlite3"
    migrate.open_database(str(fast)).close()
    query = "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    assert sorted(raw_rows(slow, query)) == sorted(raw_rows(fast, query))


PREVIOUS_REVISION = "20261122_01"


def test_upgrade_to_injections_carries_over_every_injection_treatment(tmp_path: Path) -> None:
    """A diary made at the revision before injections had their own table: every
    "injection" treatment becomes an injection, with nothing it said lost."""
    path = tmp_path / "before-injections.sqlite3"
    _alembic_diary(path, PREVIOUS_REVISION)
    con = sqlite3.connect(path)
    rows = [
        ("Botox", "injection", "2025-03-01", None, 50.0, "units", "left eyelid", "first one"),
        ("Xeomin", "injection", "2025-06-01", None, 40.0, "U", "", ""),
        ("botulinum toxin", "injection", "2025-09-01", None, None, "", "", ""),
        ("Dysport", "injection", "2025-12-01", None, 2.5, "ml", "both brows", ""),
        ("botulinum toxin", "injection", "2025-12-01", None, 30.0, "units", "", "same day"),
        ("magnesium", "medication", "2025-01-01", None, 250.0, "mg", "", ""),
    ]
    con.executemany(
        'INSERT INTO treatment (name, kind, start, "end", dose, unit, sites, note) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.commit()
    con.close()
    migrate.open_database(str(path)).close()  # backs up, then upgrades
    assert raw_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert raw_rows(path, "SELECT name, kind FROM treatment") == [("magnesium", "medication")]
    got = raw_rows(path, "SELECT date, product, name, units, note FROM injection ORDER BY id")
    assert got == [
        ("2025-03-01", "onabotulinumtoxinA", "Botox", 50.0, "first one; sites: left eyelid"),
        ("2025-06-01", "incobotulinumtoxinA", "Xeomin", 40.0, ""),
        ("2025-09-01", "other", "botulinum toxin", None, ""),
        ("2025-12-01", "abobotulinumtoxinA", "Dysport", None, "dose 2.5 ml; sites: both brows"),
        ("2025-12-01", "other", "botulinum toxin", 30.0, "same day"),
    ]
    assert raw_rows(path, "PRAGMA integrity_check") == [("ok",)]
    from twitchlog.diary.injections import list_injections

    opened = lite.open_diary(str(path))
    with opened.read() as conn:
        shown = [i.dose_words for i in list_injections(conn)]
    opened.close()
    assert shown[0] == "onabotulinumtoxinA 50 units" and shown[2] == "botulinum toxin"
