"""Consistent copies of a live SQLite diary through the backup API (never a raw file copy)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from twitchlog.paths import backups_dir, create_private_file, make_private_dir


def backup_file(source: Path, dest: Path) -> Path:
    """Copy the committed state of `source` into a new private file `dest`."""
    make_private_dir(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    tmp.replace(dest)
    return dest


def backup_now(db_path: Path, reason: str) -> Path:
    """Write a timestamped backup next to the diary, e.g. before a migration or import."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = backups_dir(db_path) / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = backups_dir(db_path) / f"{db_path.stem}-{stamp}-{reason}-{n}.sqlite3"
    return backup_file(db_path, dest)
