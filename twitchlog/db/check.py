"""Is this diary file whole? Cheap header checks at open, full checks on demand.

`header_problem` reads 100 bytes and a few file sizes, so opening stays quick.
`check_file` runs SQLite's integrity_check (or quick_check) and foreign_key_check on a
read-only connection, so checking never writes to the file it checks.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from twitchlog.db.connect import connect
from twitchlog.db.errors import FULL_DISK_ERRORS
from twitchlog.db.lock import window_is_open
from twitchlog.db.schema import HEAD_REVISION
from twitchlog.i18n import _
from twitchlog.words import plural

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (0x377F0682, 0x377F0683)


class CheckReport(NamedTuple):
    path: Path
    ok: bool
    problems: list[str]
    counts: Mapping[str, int] = MappingProxyType({})
    unchecked: str | None = None  # why it could not be read at all (not damage: a full disk)

    def sentence(self) -> str:
        if self.unchecked:
            return self.unchecked
        if self.ok:
            what = ", ".join(plural(n, _COUNTED[name]) for name, n in self.counts.items())
            return _(
                "{file} is healthy: the integrity check passed and no entry points at "
                "something missing ({counts})."
            ).format(file=self.path, counts=what)
        return (
            _("{file} has problems:").format(file=self.path) + "\n  " + "\n  ".join(self.problems)
        )


_COUNTED = {"episodes": "episode", "days": "day", "treatments": "treatment"}
"""The tables `check` counts, and the noun each count is said with."""


def page_size_of(header: bytes) -> int:
    raw = struct.unpack(">H", header[16:18])[0]
    return 65536 if raw == 1 else raw


def header_problem(path: Path) -> str | None:
    """What is visibly wrong with the file's header or size, in plain words, or None."""
    size = path.stat().st_size
    if size == 0:
        return None
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_MAGIC):
        if not any(header):
            return _("{file} begins with zeros where a diary's header should be (damaged).").format(
                file=path.name
            )
        return _(
            "{file} is not a twitchlog diary: it is not an SQLite database, or its first bytes "
            "are damaged."
        ).format(file=path.name)
    if len(header) < 100:
        return _("{file} is cut short: it ends inside its own header.").format(file=path.name)
    page = page_size_of(header)
    if page < 512 or page & (page - 1):
        return _("{file} has a damaged header (impossible page size {size}).").format(
            file=path.name, size=page
        )
    change, pages, valid_for = (
        struct.unpack(">I", header[24:28])[0],
        *struct.unpack(">II", header[28:32] + header[92:96]),
    )
    if size % page:
        return _("{file} is cut short: its size is not a whole number of pages.").format(
            file=path.name
        )
    wal = path.with_name(path.name + "-wal")
    wal_has_frames = _size(wal) > 32
    if change == valid_for and pages and size < pages * page and not wal_has_frames:
        return _("{file} is cut short: it should hold {pages} pages but holds only {held}.").format(
            file=path.name, pages=pages, held=size // page
        )
    return None


def _size(path: Path) -> int:
    """The file's size, or -1 when it is not there (a -wal may vanish at any moment)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


def journal_is_wal(path: Path) -> bool:
    """Whether the file's header says WAL mode (bytes 18-19 are 2): already a live diary."""
    with path.open("rb") as fh:
        header = fh.read(20)
    return header[18:20] == b"\x02\x02"


def foreign_problem(path: Path, known_revisions: Callable[[], Collection[str]]) -> str | None:
    """Why the SQLite file at `path` is not a diary this twitchlog may open, or None.

    Read-only, so it runs before any pragma that writes (switching to WAL rewrites the
    header): another program's database, or a diary from a newer twitchlog, is left
    byte for byte as it was. An SQLite file without tables may become a diary.
    """
    con = _connect_ro(path)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        row = (
            con.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in names
            else None
        )
    finally:
        con.close()
    if not names:
        return None
    if row is None or not names >= _DIARY_TABLES:
        return _(
            "{file} is a database but not a twitchlog diary; it was not changed. Choose "
            "another file with --db."
        ).format(file=path.name)
    if row[0] != HEAD_REVISION and row[0] not in known_revisions():
        return _(
            "{file} was written by a newer version of twitchlog (schema {schema}). It was not "
            "changed. Install the newer twitchlog to open it."
        ).format(file=path.name, schema=row[0])
    return None


_DIARY_TABLES = {"alembic_version", "episode", "day", "factor"}


def will_be_refused(path: Path, known_revisions: Callable[[], Collection[str]]) -> bool:
    """Whether opening `path` will refuse it (a damaged header, another program's
    database, a newer diary): then nothing, not even a lock file, is made beside it."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        if header_problem(path):
            return True
        return not journal_is_wal(path) and foreign_problem(path, known_revisions) is not None
    except (OSError, sqlite3.Error):
        return False  # opening says what is wrong


def wal_problem(path: Path) -> str | None:
    """Check a -wal file left beside the diary before SQLite replays it into the diary."""
    wal = path.with_name(path.name + "-wal")
    if _size(wal) <= 0:
        return None
    if window_is_open(path):
        return None  # the open window's live session: nothing is left over to replay
    try:
        with wal.open("rb") as fh:
            head = fh.read(32)
    except FileNotFoundError:
        return None  # the last connection closed meanwhile and removed it
    with path.open("rb") as fh:
        db_header = fh.read(100)
    if len(head) < 32 or struct.unpack(">I", head[:4])[0] not in WAL_MAGICS:
        return None  # SQLite ignores a -wal without a valid header; nothing gets replayed
    if len(db_header) == 100 and struct.unpack(">I", head[8:12])[0] != page_size_of(db_header):
        return _("{file} was left by another database (its page size does not match).").format(
            file=wal.name
        )
    base_id = struct.unpack(">i", db_header[60:64])[0] if len(db_header) == 100 else 0
    report = check_file(path, quick=False)
    if not report.ok:
        return _("{file} left by an unfinished session does not fit the diary: {why}").format(
            file=wal.name, why="; ".join(report.problems[:3])
        )
    if base_id:
        con = _connect_ro(path)
        try:
            seen = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
        if seen != base_id:
            return _("{file} was left by another diary file, not by this one.").format(
                file=wal.name
            )
    return None


def _connect_ro(path: Path) -> sqlite3.Connection:
    return connect(path, read_only=True)


def cannot_read(exc: sqlite3.Error) -> str | None:
    """A sentence when SQLite could not read the file for a reason that is not damage."""
    name = getattr(exc, "sqlite_errorname", "")
    if name in FULL_DISK_ERRORS:
        return _(
            "The disk is full, so SQLite could not open the diary to check it; this says "
            "nothing about damage. Free some disk space and check again."
        )
    if name.startswith("SQLITE_IOERR") or name.startswith("SQLITE_CANTOPEN"):
        return _(
            "The diary could not be read ({error}); this says nothing about damage. Check the "
            "disk and try again."
        ).format(error=exc)
    return None


def check_file(path: Path, *, quick: bool = False) -> CheckReport:
    """Run integrity (or quick) and foreign-key checks read-only; never raises for damage."""
    path = Path(path)
    if not path.is_file():
        return CheckReport(path, False, [_("There is no file {file}.").format(file=path)])
    problem = header_problem(path)
    if problem:
        return CheckReport(path, False, [problem])
    problems: list[str] = []
    counts: dict[str, int] = {}
    try:
        con = _connect_ro(path)
        try:
            rows = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")
            found = [r[0] for r in rows.fetchall()]
            if found != ["ok"]:
                problems += [_("SQLite found damage: {what}").format(what=m) for m in found[:10]]
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                tables = sorted({r[0] for r in fk})
                problems.append(
                    _("{entries} point at something missing (in {tables}).").format(
                        entries=plural(len(fk), "entry"), tables=", ".join(tables)
                    )
                )
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in names:
                problems.append(_("This database is not a twitchlog diary (no schema revision)."))
            for table in ("episode", "day", "treatment"):
                if table in names:
                    counts[f"{table}s"] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        why = cannot_read(exc)
        if why:
            return CheckReport(path, False, [why], unchecked=why)
        problems.append(_("SQLite cannot read it: {error}.").format(error=exc))
    return CheckReport(path, not problems, problems, counts)
