"""Create a new diary or bring an older one up to date: the only run-time use of SQLAlchemy.

`lite.open_diary` calls `bring_to_head` when the stored schema revision is not this
version's; the models (`models.py`) create a fresh diary in one go, and Alembic runs the
migrations for an older one, after a backup. A diary from a newer twitchlog and another
program's database are refused and left byte-for-byte untouched.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from twitchlog.db.backup import backup_now
from twitchlog.db.check import foreign_problem
from twitchlog.db.connect import connect
from twitchlog.db.lite import Diary, apply_pragmas, open_diary, restore_advice
from twitchlog.db.schema import HEAD_REVISION
from twitchlog.errors import DiaryUnavailable
from twitchlog.i18n import ngettext

__all__ = ["bring_to_head", "migrations_dir", "open_database", "restore_advice", "upgrade"]


def open_database(location: str) -> Diary:
    """The one opener (`lite.open_diary`), under the name older code and tests know."""
    return open_diary(location)


def make_engine(path: Path) -> Engine:
    """An engine for the migrations, with the diary's pragmas on every connection.

    Its connections come from `db.connect` (a quoted file: URI), never from a URL string
    SQLAlchemy would parse: a '?' or '%41' in a folder name must not change the file.
    """
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, check_same_thread=False),
        poolclass=QueuePool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def bring_to_head(path: Path, conn: sqlite3.Connection, revision: str | None) -> None:
    """Create, upgrade or refuse the diary at `path`, whose stored revision is `revision`.

    `conn` is the opener's own connection (outside any transaction), used for the cheap
    questions; the schema work runs on an engine of its own.
    """
    if revision is None or revision not in known_revisions():
        problem = foreign_problem(path, known_revisions)
        if problem:  # another program's database, or a diary from a newer twitchlog
            raise DiaryUnavailable(problem)
        _create_fresh(path)
        return
    backup_now(path, f"before-upgrade-from-{revision}")
    upgrade(path)


def _create_fresh(path: Path) -> None:
    """A new diary: create the head schema from the models and stamp it (no migrations run)."""
    from twitchlog.db.models import Base

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
            conn.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (HEAD_REVISION,))
    finally:
        engine.dispose()


def migrations_dir() -> Path:
    """The Alembic scripts: packaged as twitchlog.migrations, or migrations/ in a checkout."""
    try:
        return Path(str(resources.files("twitchlog.migrations")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "migrations"


def _alembic_config(conn: Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(path: Path, target: str = "head") -> None:
    """Run alembic upgrade with foreign keys off so batch table rebuilds cascade nothing."""
    from alembic import command

    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            # PRAGMA foreign_keys is a no-op inside a transaction, and SQLAlchemy would
            # begin one first; so it goes straight to the driver connection, outside any.
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                command.upgrade(_alembic_config(conn), target)
                conn.commit()
                bad = raw.execute("PRAGMA foreign_key_check").fetchall()
            finally:
                conn.rollback()
                raw.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()
    if bad:
        raise DiaryUnavailable(broken_references_message(len(bad)))


def broken_references_message(n: int) -> str:
    """What to do when an upgrade left n rows pointing at nothing (singular and plural)."""
    return ngettext(
        "The upgrade left {n} broken reference; restore the backup taken just before "
        "it with 'twitchlog restore'.",
        "The upgrade left {n} broken references; restore the backup taken just before "
        "it with 'twitchlog restore'.",
        n,
    ).format(n=n)
