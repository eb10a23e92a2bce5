"""Consistent copies of a live SQLite diary through the backup API (never a raw file copy).

Backups sit in a private folder next to the diary, named
`<diary>-YYYYMMDD-HHMMSS-<reason>.sqlite3`. A daily backup is taken on the first open
of a day when the diary changed since the last one; old backups are thinned to
7 daily, 4 weekly and 12 monthly ones (the newest three are always kept).
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from twitchlog.db.connect import connect
from twitchlog.errors import DiaryError, DiaryUnavailable
from twitchlog.i18n import N_, _, format_date
from twitchlog.paths import backups_dir, make_private_dir
from twitchlog.safefile import part_file, remove_stale_parts

if TYPE_CHECKING:
    from twitchlog.db.lite import Diary

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9_.-]+?)(?:-\d+)?\.sqlite3$"
)
_STAMP_FILE = ".daily-stamp.json"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_NEWEST = 7, 4, 12, 3


class BackupInfo(NamedTuple):
    path: Path
    taken: dt.datetime  # local wall time from the file name
    reason: str  # daily, manual, before-import, before-restore, before-upgrade-from-…

    def describe(self) -> str:
        why = self.reason
        if why.startswith("before-upgrade-from-"):
            why = _("before the upgrade from {revision}").format(revision=why[20:])
        elif why in _REASONS:
            why = _(_REASONS[why])
        return _("{file} (taken {date} {time}, {reason})").format(
            file=self.path.name,
            date=format_date(self.taken.date()),
            time=f"{self.taken:%H:%M}",
            reason=why,
        )


_REASONS = {
    "daily": N_("daily"),
    "manual": N_("manual"),
    "before-import": N_("before an import"),
    "before-restore": N_("before a restore"),
    "before-restore-damaged": N_("before a restore, damaged"),
}
"""Why a backup was taken (the end of its file name), in words."""


def backup_file(source: Path, dest: Path) -> Path:
    """Copy the committed state of `source` into a new private file `dest`.

    The copy must pass SQLite's integrity check before it takes its name: a damaged
    diary is refused rather than backed up (its copies would push good backups out of
    the rotation), and the message names the newest good backup instead.
    """
    make_private_dir(dest.parent)
    import secrets  # hashlib behind it costs ~20 ms: only when a backup is taken

    with part_file(dest.with_name(f"{dest.name}.{secrets.token_hex(4)}.part")) as tmp:
        src = connect(source, read_only=True)
        try:
            out = connect(tmp)
            try:
                src.backup(out)
                # A self-contained file: reading it later leaves no -wal/-shm beside it.
                out.execute("PRAGMA journal_mode=DELETE")
                found = [r[0] for r in out.execute("PRAGMA integrity_check(5)")]
            finally:
                out.close()
        finally:
            src.close()
        if found != ["ok"]:
            from twitchlog.db.lite import restore_advice

            raise DiaryUnavailable(
                _(
                    "{file} is damaged (SQLite found: {damage}), so no backup was made and the "
                    "existing backups were kept."
                ).format(file=source.name, damage=found[0])
                + " "
                + restore_advice(source)
            )
        _fsync(tmp)
        tmp.replace(dest)
    return dest


def backup_now(db_path: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """Write a timestamped backup next to the diary, e.g. before a migration or import."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = backups_dir(db_path)
    if folder.is_dir():
        remove_stale_parts(folder)
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{db_path.stem}-{stamp}-{reason}-{n}.sqlite3"
    return backup_file(db_path, dest)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This diary's backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or m["stem"] != db_path.stem or not p.is_file():
            continue
        found.append(BackupInfo(p, _taken(m["stamp"]), m["reason"]))
    found.sort(key=lambda b: (b.taken, b.path.stat().st_mtime_ns, b.path.name), reverse=True)
    return found


def _taken(stamp: str) -> dt.datetime:
    """'20261130-054400' as a datetime (not strptime: its first call costs ~3 ms, on every
    command that opens the diary)."""
    day, clock = stamp.split("-")
    return dt.datetime(
        int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]), int(clock[4:])
    )


def is_good_backup(path: Path) -> bool:
    """True when `path` is a readable SQLite diary that passes integrity_check."""
    from twitchlog.db.check import check_file

    return check_file(path).ok


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    for info in list_backups(db_path):
        if is_good_backup(info.path):
            return info
    return None


def choose_kept(
    taken: Iterable[dt.datetime],
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    newest: int = KEEP_NEWEST,
) -> set[dt.datetime]:
    """Which backup times to keep: the newest of each of the last `daily` days that have
    backups, of the last `weekly` ISO weeks, of the last `monthly` months, plus the
    `newest` most recent. Pure, so it is tested with made-up dates."""
    ordered = sorted(set(taken), reverse=True)
    kept = set(ordered[:newest])
    for limit, bucket in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: set[object] = set()
        for t in ordered:
            key = bucket(t)
            if key in seen:
                continue
            if len(seen) == limit:
                break
            seen.add(key)
            kept.add(t)
    return kept


def prune_backups(db_path: Path) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted."""
    infos = list_backups(db_path)
    by_time: dict[dt.datetime, list[BackupInfo]] = {}
    for info in infos:
        by_time.setdefault(info.taken, []).append(info)
    kept = choose_kept(by_time)
    gone = []
    for t, group in by_time.items():
        if t in kept:
            continue
        for info in group:
            info.path.unlink(missing_ok=True)
            gone.append(info.path)
    return gone


def file_stamp(db_path: Path) -> list[int]:
    """Size and mtime of the diary and its -wal: changes whenever anything was written."""
    out: list[int] = []
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            st = p.stat()
            out += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            out += [-1, -1]
    return out


def maybe_daily_backup(db: Diary, *, now: dt.datetime | None = None) -> Path | None:
    """Take today's backup if there is none yet and the diary changed since the last one.

    Cheap when nothing is due (a few stat calls and a folder listing); call it after
    opening, off the start path. Returns the new backup, or None.
    """
    path = db.path
    now = now or dt.datetime.now()
    folder = backups_dir(path)
    remove_leftovers(path)
    dailies = [b for b in list_backups(path) if b.reason == "daily"]
    if dailies and dailies[0].taken.date() >= now.date():
        return None  # the usual case: already done today
    stamp = file_stamp(path)
    if dailies and _read_stamp(folder) == stamp:
        return None
    if _is_empty(path):
        return None
    new = backup_now(path, "daily", now=now)
    if dailies and _same_bytes(new, dailies[0].path):
        new.unlink()  # only the file's timestamps moved (e.g. a checkpoint on close)
        _write_stamp(folder, stamp)
        return None
    _write_stamp(folder, stamp)
    prune_backups(path)
    return new


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove the .part files a killed backup or restore of this diary left behind."""
    folder = backups_dir(db_path)
    gone = remove_stale_parts(folder) if folder.is_dir() else []
    restore_part = glob.escape(f".{db_path.name}.restore") + "*.part"
    return gone + remove_stale_parts(db_path.parent, restore_part)


def daily_backup_warning(db: Diary) -> str | None:
    """Run today's backup; a failure (e.g. a full disk) must not stop the diary opening,
    so it comes back as a warning sentence for the front end to show."""
    try:
        maybe_daily_backup(db)
    except DiaryError as exc:
        return _("today's automatic backup was not made: {why}").format(why=exc)
    except (OSError, sqlite3.Error) as exc:
        return _(
            "today's automatic backup failed ({error}); the diary itself is unchanged."
        ).format(error=exc)
    return None


def _is_empty(path: Path) -> bool:
    from twitchlog.db.lite import holds_entries

    con = connect(path, read_only=True)
    try:
        return not holds_entries(con)
    finally:
        con.close()


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def _read_stamp(folder: Path) -> list[int] | None:
    import json  # only when a backup may be due: not on every open

    try:
        data = json.loads((folder / _STAMP_FILE).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, list) else None


def _write_stamp(folder: Path, stamp: Sequence[int]) -> None:
    import json

    from twitchlog.safefile import atomic_write

    make_private_dir(folder)
    with atomic_write(folder / _STAMP_FILE) as fh:
        json.dump(list(stamp), fh)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Replace the diary with `backup`, keeping the current file as a "before-restore" backup.

    The backup is verified first; the live diary's -wal is checkpointed (or, if the diary
    is damaged, moved aside with it) so the restored file is never mixed with a stale WAL.
    The new file is written beside the diary and renamed over it (atomic). Returns the
    before-restore copy, or None when there was no current diary.
    """
    from twitchlog.db.check import check_file, foreign_problem
    from twitchlog.db.lite import known_revisions
    from twitchlog.db.lock import acquire_window_lock, exclusive_use

    report = check_file(backup)
    problems = report.problems or [foreign_problem(backup, known_revisions) or ""]
    if not report.ok or problems[0]:
        raise DiaryError(
            _(
                "{file} is not a good backup of a twitchlog diary, so the diary was left as it "
                "is: {why}"
            ).format(file=backup.name, why="; ".join(problems[:3]))
        )
    # No window and no command may have the diary open while its file is swapped.
    with acquire_window_lock(db_path), exclusive_use(db_path):
        tmp = db_path.with_name(f".{db_path.name}.restore.part")
        try:
            backup_file(backup, tmp)
            saved = _set_current_aside(db_path) if db_path.exists() else None
            for suffix in ("-wal", "-shm"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, db_path)
            os.chmod(db_path, 0o600)
            _fsync_dir(db_path.parent)
        finally:
            tmp.unlink(missing_ok=True)
    return saved


def _set_current_aside(db_path: Path) -> Path:
    """Back up the current diary as before-restore and empty its -wal (checkpoint)."""
    from twitchlog.db.check import check_file, wal_problem

    if check_file(db_path, quick=True).ok and not wal_problem(db_path):
        saved = backup_now(db_path, "before-restore")
        con = connect(db_path)
        con.isolation_level = None
        try:
            busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            con.close()
        if busy:
            raise DiaryError(
                _(
                    "Another twitchlog program is using the diary; close it and run the restore "
                    "again. Nothing was changed."
                )
            )
        return saved
    # A damaged diary cannot go through the backup API: keep its exact bytes (and its -wal).
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backups_dir(db_path)
    make_private_dir(folder)
    dest = folder / f"{db_path.stem}-{stamp}-before-restore-damaged.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{db_path.stem}-{stamp}-before-restore-damaged-{n}.sqlite3"
    os.replace(db_path, dest)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, dest.with_name(dest.name + suffix))
    return dest


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
