"""The one way SQLite is pointed at a file: a quoted `file:` URI, so no path is misread.

Folder names may hold `?`, `#` or `%41`; passed to SQLite or SQLAlchemy as plain text
they were read as a query, a fragment or an escape, and another file was opened. Every
opener (the diary, backups, restore, checks) connects here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from twitchlog.paths import sqlite_uri

BUSY_TIMEOUT_S = 15.0


def connect(
    path: Path,
    *,
    read_only: bool = False,
    timeout: float = BUSY_TIMEOUT_S,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """Open the SQLite file at `path` (read-only: never written, never created)."""
    return sqlite3.connect(
        sqlite_uri(path, read_only=read_only),
        uri=True,
        timeout=timeout,
        check_same_thread=check_same_thread,
    )
