"""Safe saves: write a private temporary file beside the target, fsync, then rename.

A crash, a full disk or an error half-way leaves the old file exactly as it was. The
temporary `.part` file is locked while it is written, so one left by a killed program
is known to be stale and removed the next time a file is written there.

A save replaces only a regular file that is not a database: never a device (/dev/null),
a pipe or a folder, and never a diary, a backup or their -wal/-shm/-journal companions.
"""

from __future__ import annotations

import fcntl
import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from twitchlog.errors import DiaryError
from twitchlog.i18n import _
from twitchlog.paths import backups_dir, make_private_dir

_DATABASE_MAGICS = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_COMPANIONS = ("-wal", "-shm", "-journal")


def check_target(target: Path, diary: Path | None = None) -> None:
    """Refuse, with a sentence, a path a save must not replace.

    With `diary`, also anything of that diary's: the file, its companions and locks
    (named after it) and its backups folder, even while they are still empty.
    """
    if diary is not None:
        where = Path(os.path.realpath(target.expanduser()))
        home = Path(os.path.realpath(diary))
        name = where.name
        ours = where.parent == home.parent and (
            name == home.name
            or name.startswith((f"{home.name}-", f".{home.name}."))  # -wal, .lock, .use
        )
        if ours or backups_dir(home) in where.parents:
            raise DiaryError(
                _(
                    "{path} belongs to the diary (the diary itself, its backups or its "
                    "companion files); an export never replaces it. Choose another file name."
                ).format(path=target)
            )
    try:
        st = target.stat()
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise DiaryError(
            _("Part of {path} is a file, not a folder; check the path.").format(path=target)
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise DiaryError(
            _("{path} is a folder; give a file name inside it instead.").format(path=target)
        )
    if not stat.S_ISREG(st.st_mode):
        raise DiaryError(
            _(
                "{path} is not a regular file (a device, pipe or socket); twitchlog writes only "
                "to files of yours. Give another file name."
            ).format(path=target)
        )
    with target.open("rb") as fh:
        head = fh.read(16)
    companion = any(
        target.name.endswith(s) and target.with_name(target.name[: -len(s)]).is_file()
        for s in _COMPANIONS
    )
    if head.startswith(_DATABASE_MAGICS) or companion:
        raise DiaryError(
            _(
                "{path} is a database (a diary, a backup or part of one); it was not replaced. "
                "Choose another file name."
            ).format(path=target)
        )


@contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    *,
    binary: bool = False,
    encoding: str = "utf-8",
    newline: str | None = "",
) -> Iterator[IO[Any]]:
    """Yield a file to write; on success it replaces `path` (mode 0600), on error nothing."""
    target = Path(path).expanduser()
    check_target(target)
    make_private_dir(target.parent)
    prefix = f".{target.name}."
    remove_stale_parts(target.parent, glob.escape(prefix) + "*.part")
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)  # "being written": see remove_stale_parts
        if binary:
            fh: IO[Any] = os.fdopen(fd, "wb")
        else:
            fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            check_target(target)  # it may have appeared while we wrote
            os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def part_file(path: Path) -> Iterator[Path]:
    """Create `path` (a new, private, empty .part file) and mark it as being written until
    the block ends; the caller renames it into place or it is removed."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def remove_stale_parts(folder: Path, pattern: str = "*.part") -> list[Path]:
    """Delete `.part` files that no program is writing (left by a kill or a power cut).

    A writer holds an exclusive lock on its .part file; one we can lock is abandoned.
    """
    removed = []
    for name in glob.glob(pattern, root_dir=folder, include_hidden=True):
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(path).st_ino != st.st_ino:
                continue  # replaced by a new one meanwhile
        except OSError:
            continue  # being written right now
        else:
            path.unlink(missing_ok=True)
            removed.append(path)
        finally:
            os.close(fd)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
