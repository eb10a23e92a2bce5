"""One window per diary, and no command at work while a restore swaps the file.

Two OS locks on private files next to the diary. The window lock is exclusive: one
window per diary. The use lock is shared by every command that opens the diary (a
`log` while the window is open is fine) and taken exclusively by `restore`, so a
command either finishes before the file is swapped or waits and then writes into the
restored diary: never into the old file after it was replaced (those writes were lost).
`fcntl.flock` is released by the operating system when the holder exits or is killed,
so a lock left by a crashed program is reclaimed without any clean-up step. The window
lock file holds the holder's process id only to say which window has the diary open.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from twitchlog.errors import DiaryUnavailable
from twitchlog.i18n import _
from twitchlog.paths import make_private_dir


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.lock")


class WindowLock:
    """Held while a window has the diary open; release() or leave the `with` block."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> WindowLock:
        return self

    def __exit__(
        self,
        _t: type[BaseException] | None,
        _e: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()


def acquire_window_lock(db_path: str | os.PathLike[str]) -> WindowLock:
    """Take the diary's window lock, or raise DiaryUnavailable naming the process holding it."""
    path = lock_path(Path(db_path).expanduser().resolve())
    make_private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
        try:
            _lock_soon(fd)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            if holder.isdigit():
                sentence = _(
                    "This diary is already open in another twitchlog window (process {pid}). "
                    "Switch to that window, or close it and try again."
                ).format(pid=holder)
            else:
                sentence = _(
                    "This diary is already open in another twitchlog window. Switch to that "
                    "window, or close it and try again."
                )
            raise DiaryUnavailable(sentence) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    return WindowLock(path, fd)


def _lock_soon(fd: int, tries: int = 10) -> None:
    """Take the lock, retrying for up to half a second: `window_is_open` holds it for
    microseconds, but a loaded machine may not run that process again for a while. A real
    window holding it stays refused (the last try raises BlockingIOError)."""
    for _try in range(tries - 1):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            time.sleep(0.05)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def window_is_open(db_path: Path) -> bool:
    """Whether a window holds the diary now (its -wal is then a live session's, not stale)."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing also releases a shared lock just taken
    return False


USE_WAIT_S = 60.0
"""How long a command waits for a restore to finish (a restore takes seconds)."""
RESTORE_WAIT_S = 15.0
"""How long a restore waits for running commands to finish before giving up."""

_held: list[int] = []


def use_lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.use")


def _open_use_lock(db_path: Path) -> int:
    path = use_lock_path(Path(db_path).expanduser().resolve())
    make_private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def _wait_for(fd: int, kind: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)


def hold_for_command(db_path: Path) -> None:
    """Share the diary with other commands until `release_command_locks` (end of command).

    Waits while a restore is swapping the file, so the command opens the restored one.
    """
    fd = _open_use_lock(db_path)
    if not _wait_for(fd, fcntl.LOCK_SH, USE_WAIT_S):
        os.close(fd)
        raise DiaryUnavailable(
            _(
                "A restore of this diary is taking unusually long, so nothing was changed. "
                "Wait for it to finish and try again."
            )
        )
    _held.append(fd)


def release_command_locks() -> None:
    """The command is done: let a waiting restore go ahead."""
    while _held:
        os.close(_held.pop())  # closing the descriptor releases its lock


@contextmanager
def exclusive_use(db_path: Path) -> Iterator[None]:
    """No command has the diary open while this is held (for `restore`)."""
    fd = _open_use_lock(db_path)
    try:
        if not _wait_for(fd, fcntl.LOCK_EX, RESTORE_WAIT_S):
            raise DiaryUnavailable(
                _(
                    "Another twitchlog command kept the diary busy, so it was not restored; "
                    "nothing was changed. Wait for it to finish and run the restore again."
                )
            )
        yield
    finally:
        os.close(fd)
