"""The one way into a diary: open it, and hand out its sqlite3 connection.

Every use case (log, check-in, edit, import, export, demo, loading for charts and
analysis, settings) runs plain SQL on one stdlib `sqlite3` connection, in the window's
worker as on the command line: a `Source` *is* that connection. The SQLAlchemy models
in `models.py` stay the one declaration of the schema and drive Alembic; they are
imported only when `open_diary` finds a new file to create or an older diary to
upgrade (`migrate.bring_to_head`). See docs/architecture.md.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeAlias

from twitchlog import catalog
from twitchlog.db.check import foreign_problem, header_problem, journal_is_wal, wal_problem
from twitchlog.db.connect import BUSY_TIMEOUT_S, connect
from twitchlog.db.schema import HEAD_REVISION
from twitchlog.errors import DiaryUnavailable
from twitchlog.i18n import _
from twitchlog.paths import check_diary_file, create_private_file, make_private_dir

Source: TypeAlias = sqlite3.Connection
"""What every diary function takes: the open diary's connection, inside a transaction."""

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}",
)
"""Set on every connection to a diary (the migrations' engine included)."""

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
"""How an instant is stored (SQLAlchemy's SQLite DateTime text, which the models declare)."""

_ID_BITS = 31


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """Durability settings; transactions are begun explicitly (isolation_level=None)."""
    conn.isolation_level = None
    for pragma in PRAGMAS:
        conn.execute(pragma)


def dbapi(source: Source) -> sqlite3.Connection:
    """The connection itself (kept so code written against the older two-driver API runs)."""
    return source


def data_version(source: Source) -> tuple[int, int]:
    """Changes when another connection or program (say `twitchlog log`) commits a change.

    SQLite's `PRAGMA data_version` counts commits by *other* connections as seen from
    this one, so the connection's identity is part of the answer.
    """
    return (id(source), source.execute("PRAGMA data_version").fetchone()[0])


ENTRY_TABLES = ("episode", "day", "treatment", "injection", "experiment")
"""What a person wrote; factors and settings alone leave a diary empty."""


def holds_entries(conn: sqlite3.Connection) -> bool:
    """Whether the diary holds anything a person wrote (the one 'empty diary' rule)."""
    return bool(
        conn.execute(
            "SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {t})" for t in ENTRY_TABLES)
        ).fetchone()[0]
    )


def date_range(column: str, start: dt.date | None, end: dt.date | None) -> tuple[str, list[str]]:
    """A WHERE clause limiting an ISO-date `column` to the inclusive range; ends may be open."""
    where, params = [], []
    if start:
        where.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end:
        where.append(f"{column} <= ?")
        params.append(end.isoformat())
    return ("WHERE " + " AND ".join(where)) if where else "", params


def to_date(text: str) -> dt.date:
    return dt.date.fromisoformat(_padded_year(text))


def datetime_text(moment: dt.datetime) -> str:
    """As DATETIME_FORMAT, with the year always four digits (strftime writes 999, not 0999)."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def to_datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(_padded_year(text))


def _padded_year(text: str) -> str:
    """Read a year stored without leading zeros by older versions ('999-06-01 …')."""
    year, dash, rest = text.partition("-")
    return year.zfill(4) + dash + rest if dash and 0 < len(year) < 4 else text


class Diary:
    """An open diary file: `read()` and `write()` hand out its one connection."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for reading; nothing is committed."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self._rollback()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: everything in it is committed, or nothing.

        IMMEDIATE takes the write lock at once, so two programs writing at the same
        time queue on the busy timeout instead of failing half-way.
        """
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self._rollback()
            raise
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        # SQLite has already rolled back after some errors (a full disk): nothing to undo.
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()


def open_diary(location: str) -> Diary:
    """Open a diary for use, creating, upgrading or refusing it first as needed.

    The everyday case (a diary at this version's schema) costs a few queries and no
    SQLAlchemy; a new file or an older diary goes through `migrate.bring_to_head`
    (which backs the older one up first). A damaged file, another program's database or
    a diary from a newer twitchlog is refused with a sentence and left as it was.
    """
    path = Path(location).expanduser().resolve()
    _prepare_file(path)
    conn = connect(path, check_same_thread=False)
    try:
        conn.isolation_level = None
        conn.execute(PRAGMAS[-1])  # the busy timeout: nothing else before the file is known
        revision = stored_revision(conn)
        if revision != HEAD_REVISION:
            from twitchlog.db import migrate  # SQLAlchemy and alembic: only this once

            migrate.bring_to_head(path, conn, revision)  # refuses before anything is written
        apply_pragmas(conn)  # WAL changes the file's header: only for our own diary
        sync_catalog(conn)
        _ensure_identity(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_damage(exc):
            raise DiaryUnavailable(
                _("{file} is damaged (SQLite says: {error}). It was not changed.").format(
                    file=path.name, error=exc
                )
                + " "
                + restore_advice(path)
            ) from exc
        raise
    except BaseException:
        conn.close()
        raise
    return Diary(path, conn)


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
        raise DiaryUnavailable(
            problem + " " + _("It was not changed.") + " " + restore_advice(path)
        )
    if not journal_is_wal(path):  # before the first pragma that writes (the WAL switch)
        problem = foreign_problem(path, known_revisions)
        if problem:
            raise DiaryUnavailable(problem)


def known_revisions() -> set[str]:
    """Every schema revision this version knows (imports alembic: only when needed)."""
    from twitchlog.db.migrate import known_revisions as known

    return known()


def restore_advice(path: Path) -> str:
    """What to do about a damaged diary: name the newest good backup and the command."""
    from twitchlog.db.backup import newest_good_backup

    good = newest_good_backup(path)
    if good is None:
        return _(
            "There is no good backup of it; choose another file with --db, and keep this one "
            "for someone who can repair SQLite files."
        )
    return _(
        "The newest good backup is {backup}; restore it with 'twitchlog restore --yes' (the "
        "damaged file is kept aside)."
    ).format(backup=good.describe())


def stored_revision(conn: sqlite3.Connection) -> str | None:
    """The schema revision recorded in the diary, or None if there is none."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def catalog_in_sync(stored: dict[str, str]) -> bool:
    """Whether the stored built-in factors (key -> label) match this version's catalog."""
    return all(stored.get(f.key) == f.label for f in catalog.BUILTIN_FACTORS)


def sync_catalog(conn: sqlite3.Connection) -> None:
    """Make the factor table hold every built-in factor of this version's catalog."""
    if catalog_in_sync(dict(conn.execute("SELECT key, label FROM factor WHERE builtin"))):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT INTO factor (key, label, kind, unit, minimum, maximum, builtin, category) "
            "VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (key) DO UPDATE SET "
            "label = excluded.label, kind = excluded.kind, unit = excluded.unit, "
            "minimum = excluded.minimum, maximum = excluded.maximum, builtin = 1, "
            "category = excluded.category",
            [
                (f.key, f.label, f.kind, f.unit, f.minimum, f.maximum, f.category)
                for f in catalog.BUILTIN_FACTORS
            ],
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _ensure_identity(conn: sqlite3.Connection) -> None:
    """Give the diary a random identity in PRAGMA user_version (once).

    It lives in the file header, so a -wal left by another diary is recognised
    (check.wal_problem) before SQLite replays it into this one.
    """
    if not conn.execute("PRAGMA user_version").fetchone()[0]:
        import secrets  # once per diary: not on every start

        conn.execute(f"PRAGMA user_version={secrets.randbits(_ID_BITS) or 1}")
