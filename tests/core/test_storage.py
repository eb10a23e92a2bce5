"""The diary file: pragmas, privacy, migrations at open, refusing what it cannot read."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from twitchlog.db.migrate import migrations_dir, open_database
from twitchlog.db.schema import HEAD_REVISION
from twitchlog.errors import DiaryUnavailable

ROOT = Path(__file__).resolve().parents[2]


def test_new_diary_is_private_and_durable(db, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.read() as s:
        assert s.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert s.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert s.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert db_path.parent.stat().st_mode & 0o777 == 0o700


def test_single_linear_head_matches_the_fast_check() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [HEAD_REVISION]
    revs = list(script.walk_revisions())
    assert all(len(r._all_down_revisions) <= 1 for r in revs)  # linear


def test_upgrade_from_empty_file_matches_models(tmp_path: Path) -> None:
    """Alembic's chain from nothing gives exactly the schema the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from twitchlog.db.migrate import upgrade
    from twitchlog.db.models import Base

    path = tmp_path / "via-alembic.sqlite3"
    upgrade(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert diffs == []
    assert version == HEAD_REVISION
    reopened = open_database(str(path))  # a diary made by alembic opens on the fast path
    reopened.close()


def test_newer_diary_is_refused_untouched(db_path: Path) -> None:
    open_database(str(db_path)).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num='29990101_01'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DiaryUnavailable, match="newer version of twitchlog"):
        open_database(str(db_path))
    assert db_path.read_bytes() == before


def test_not_a_diary_is_refused_untouched(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("my shopping list\n")
    with pytest.raises(DiaryUnavailable, match="not a twitchlog diary"):
        open_database(str(f))
    assert f.read_text() == "my shopping list\n"
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(DiaryUnavailable, match="not a twitchlog diary"):
        open_database(str(other))


def test_opening_at_head_does_not_import_alembic(db_path: Path) -> None:
    open_database(str(db_path)).close()
    code = (
        "import sys; from twitchlog.db.migrate import open_database; "
        f"open_database({str(db_path)!r}).close(); "
        "print('alembic' in sys.modules, 'matplotlib' in sys.modules, 'scipy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_console_entry_point_runs(db_path: Path) -> None:
    """The real `python -m twitchlog` process: a bad value exits 2 with one sentence."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TWITCHLOG_DB": str(db_path)}
    ok = subprocess.run(
        [sys.executable, "-m", "twitchlog", "log", "--severity", "2"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "twitchlog", "day", "--sleep", "25"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().startswith("twitchlog: Sleep must be at most 24 h")
    assert "Traceback" not in bad.stderr


def test_refused_files_keep_their_journal_mode(tmp_path: Path) -> None:
    """Another program's database and a newer diary, both in rollback-journal mode, are
    refused before any pragma could switch them to WAL (header bytes 18-19)."""
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    newer = tmp_path / "newer.sqlite3"
    open_database(str(newer)).close()
    con = sqlite3.connect(newer)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("UPDATE alembic_version SET version_num = '29990101_01'")
    con.commit()
    con.close()
    for path, words in ((other, "not a twitchlog diary"), (newer, "newer version")):
        before = path.read_bytes()
        with pytest.raises(DiaryUnavailable, match=words):
            open_database(str(path))
        assert path.read_bytes() == before
