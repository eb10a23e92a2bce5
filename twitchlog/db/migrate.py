"""Open a diary: create it, check its schema revision, back up and upgrade an older one.

The fast path (a diary already at HEAD) costs one query and never imports alembic.
A diary from a newer twitchlog is refused and left byte-for-byte untouched.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, select, text

from twitchlog import catalog
from twitchlog.db.backup import backup_now
from twitchlog.db.check import foreign_problem, header_problem, journal_is_wal, wal_problem
from twitchlog.db.engine import Database, make_engine
from twitchlog.db.lite import catalog_in_sync
from twitchlog.db.models import Base, Factor
from twitchlog.db.schema import HEAD_REVISION
from twitchlog.errors import DiaryUnavailable
from twitchlog.paths import check_diary_file, create_private_file, make_private_dir

SQLITE_MAGIC = b"SQLite format 3\x00"
_ID_BITS = 31


def open_database(location: str) -> Database:
    """Open (creating if needed) and migrate the diary file at `location`."""
    path = Path(location).expanduser().resolve()
    _prepare_file(path)
    db = Database(make_engine(path), path)
    try:
        _bring_to_head(db)
    except Exception as exc:
        db.close()
        if _is_damage(exc):
            raise DiaryUnavailable(
                f"{db.path.name} is damaged (SQLite says: {exc.__cause__ or exc}). "
                "It was not changed. " + restore_advice(db.path)
            ) from exc
        raise
    return db


def _is_damage(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _prepare_file(path: Path) -> None:
    """Create a new private diary file, or make sure an existing one is whole before use.

    A damaged file (bad header, cut short, a stray -wal beside it) is refused before
    SQLite may write to it; the message names the newest good backup.
    """
    check_diary_file(path)
    make_private_dir(path.parent)
    if not path.exists():
        create_private_file(path)
        return
    if path.stat().st_size == 0:
        return
    problem = header_problem(path) or wal_problem(path)
    if problem:
        raise DiaryUnavailable(f"{problem} It was not changed. " + restore_advice(path))
    if not journal_is_wal(path):  # before the first pragma that writes (the WAL switch)
        problem = foreign_problem(path, known_revisions)
        if problem:
            raise DiaryUnavailable(problem)


def restore_advice(path: Path) -> str:
    """What to do about a damaged diary: name the newest good backup and the command."""
    from twitchlog.db.backup import newest_good_backup

    good = newest_good_backup(path)
    if good is None:
        return (
            "There is no good backup of it; choose another file with --db, and keep this one "
            "for someone who can repair SQLite files."
        )
    return (
        f"The newest good backup is {good.describe()}; restore it with "
        f"'twitchlog restore --yes' (the damaged file is kept aside)."
    )


def stored_revision(conn: Connection) -> str | None:
    """The alembic revision recorded in the diary, or None if there is none."""
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        conn.rollback()
        return None


def _bring_to_head(db: Database) -> None:
    with db.engine.connect() as conn:
        revision = stored_revision(conn)
    if revision == HEAD_REVISION:
        _sync_builtin_factors(db)
        _ensure_identity(db)
        return
    if revision is None or revision not in known_revisions():
        problem = foreign_problem(db.path, known_revisions)
        if problem:
            raise DiaryUnavailable(problem)
        _create_fresh(db)
        return
    backup_now(db.path, f"before-upgrade-from-{revision}")
    upgrade(db)
    _sync_builtin_factors(db)
    _ensure_identity(db)


def _create_fresh(db: Database) -> None:
    """A new diary: create the head schema directly and stamp it (no alembic import)."""
    with db.engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": HEAD_REVISION})
    _sync_builtin_factors(db)
    _ensure_identity(db)


def _ensure_identity(db: Database) -> None:
    """Give the diary a random identity in PRAGMA user_version (once).

    It lives in the file header, so a -wal left by another diary is recognised
    (check.wal_problem) before SQLite replays it into this one.
    """
    with db.engine.connect() as conn:
        current = conn.exec_driver_sql("PRAGMA user_version").scalar()
        conn.rollback()
    if current:
        return
    import secrets

    with db.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version={secrets.randbits(_ID_BITS) or 1}")
        conn.commit()


def _sync_builtin_factors(db: Database) -> None:
    """Make the factor table hold every built-in factor of this version's catalog."""
    with db.read() as session:
        rows = session.execute(select(Factor.key, Factor.label).where(Factor.builtin))
        present = {key: label for key, label in rows}
    if catalog_in_sync(present):
        return
    with db.write() as session:
        existing = {f.key: f for f in session.scalars(select(Factor))}
        for f in catalog.BUILTIN_FACTORS:
            row = existing.get(f.key) or Factor(key=f.key)
            row.label, row.kind, row.unit = f.label, f.kind, f.unit
            row.minimum, row.maximum = f.minimum, f.maximum
            row.builtin, row.category = True, f.category
            session.add(row)


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


def upgrade(db: Database, target: str = "head") -> None:
    """Run alembic upgrade with foreign keys off so batch table rebuilds cascade nothing."""
    from alembic import command

    with db.engine.connect() as conn:
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
        if bad:
            raise DiaryUnavailable(
                f"The upgrade left {len(bad)} broken references; restore the backup taken "
                "just before it with 'twitchlog restore'."
            )
