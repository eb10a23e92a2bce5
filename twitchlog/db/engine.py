"""Engine and sessions: SQLite pragmas on every connection, IMMEDIATE write transactions.

Reads use `Database.read()` (a plain deferred transaction, never blocks writers under
WAL); writes use `Database.write()`, which begins `BEGIN IMMEDIATE` so two programs
writing at once queue on the busy timeout instead of failing half-way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from twitchlog.db.connect import connect
from twitchlog.db.lite import apply_pragmas

_WRITE_OPTION = "twitchlog_write"


def make_engine(path: Path) -> Engine:
    """An engine on the diary file: the durability pragmas and our own BEGIN.

    Connections come from `db.connect` (a quoted file: URI), never from a URL string
    that SQLAlchemy would parse: a '?' or '%41' in a folder name must not change the file.
    """
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, check_same_thread=False),
        poolclass=QueuePool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite (Python 3.11 legacy mode) so
        # the "begin" hook below decides how each transaction starts.
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Database:
    """An open diary: hands out read and write sessions."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path  # the SQLite file
        self._writer = engine.execution_options(**{_WRITE_OPTION: True})

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or not at all."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
