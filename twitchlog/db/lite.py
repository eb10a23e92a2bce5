"""The diary through Python's own sqlite3 driver, for the paths that must start at once.

Importing SQLAlchemy costs ~0.17 s: several times what logging one twitch or writing the
doctor's CSV should take. So the diary functions on those paths run plain SQL on a
DB-API connection. Each takes a `Source`: either a `sqlite3.Connection` opened here, or
a SQLAlchemy `Session`, whose own connection (inside its transaction) is used. A rule is
therefore written once and serves the window, the CLI and the fast path alike. The ORM
models in `models.py` stay the one definition of the schema and its migrations.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from twitchlog import catalog
from twitchlog.db.check import header_problem, journal_is_wal, wal_problem
from twitchlog.db.connect import BUSY_TIMEOUT_S, connect
from twitchlog.db.schema import HEAD_REVISION

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Source: TypeAlias = "Session | sqlite3.Connection"

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}",
)
"""Set on every connection to a diary, by either driver."""

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy's SQLite DateTime stores an instant; raw SQL writes the same text."""


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """Durability settings; transactions are begun explicitly (isolation_level=None)."""
    conn.isolation_level = None
    for pragma in PRAGMAS:
        conn.execute(pragma)


def dbapi(source: Source) -> sqlite3.Connection:
    """The sqlite3 connection behind `source`; a Session is flushed first so SQL sees its work."""
    if isinstance(source, sqlite3.Connection):
        return source
    source.flush()
    return source.connection().connection.driver_connection  # type: ignore[return-value]


def data_version(source: Source) -> tuple[int, int]:
    """Changes when another connection or program (say `twitchlog log`) commits a change.

    SQLite's `PRAGMA data_version` counts commits by *other* connections as seen from
    this one, so the connection's identity is part of the answer.
    """
    conn = dbapi(source)
    return (id(conn), conn.execute("PRAGMA data_version").fetchone()[0])


def date_text(day: dt.date) -> str:
    return day.isoformat()


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


class LiteDiary:
    """An open diary file on the stdlib driver: `read()`/`write()` hand out the connection."""

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
        """One IMMEDIATE transaction: everything in it is committed, or nothing."""
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


def open_lite(location: str) -> LiteDiary | None:
    """Open an existing diary file that needs nothing done before use, else None.

    None means: let `migrate.open_database` open it (a new, empty, older, newer or damaged
    file, or a catalog to bring up to date). The checks are the ones that opening
    makes, so a diary is never used here in a state the full path would refuse or change.
    """
    path = Path(location).expanduser().resolve()
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
    except OSError:
        return None
    if header_problem(path) or wal_problem(path):
        return None  # the full path refuses it with the words and the backup to restore
    if not journal_is_wal(path):
        return None  # not yet a WAL diary: the full path checks it is ours before any pragma
    conn = connect(path)
    try:
        apply_pragmas(conn)
        if _ready(conn):
            return LiteDiary(path, conn)
    except sqlite3.Error:
        pass
    conn.close()
    return None


def _ready(conn: sqlite3.Connection) -> bool:
    """At the current schema, with its identity, and with this version's built-in factors."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
        return False
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD_REVISION:
        return False
    return catalog_in_sync(dict(conn.execute("SELECT key, label FROM factor WHERE builtin")))


def catalog_in_sync(stored: dict[str, str]) -> bool:
    """Whether the stored built-in factors (key -> label) match this version's catalog."""
    return all(stored.get(f.key) == f.label for f in catalog.BUILTIN_FACTORS)
