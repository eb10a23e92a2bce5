"""One worker that runs every piece of database work, in order, off the UI thread.

After Anki's taskman: a single-thread executor serialises all diary access (so the
window never blocks and two writes never race); the result, or the error, comes back
on the UI thread through a queued signal and goes to a success or failure callback.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from twitchlog.errors import DiaryError
from twitchlog.i18n import _

if TYPE_CHECKING:
    from twitchlog.db.lite import Diary

WorkerConnection: TypeAlias = sqlite3.Connection
"""What every job is handed: the diary's one connection, on the worker thread."""

T = TypeVar("T")
OnDone = Callable[[Any], object] | None
OnError = Callable[[DiaryError], object] | None
HOLD_LIMIT_S = 2.0  # a held open starts anyway after this long (a window that never paints)


class TaskRunner(QObject):
    """Runs `fn(conn)` inside db.read()/db.write() on one worker thread.

    `conn` is the diary's `sqlite3.Connection` (a `db.lite.Source`), the same one the
    command line uses; jobs call diary functions with it.
    """

    finished = Signal(object, object, object, object)  # on_done, on_error, result, error
    idle = Signal()
    opened = Signal()
    changed = Signal()  # a write succeeded: views reload what they show
    failed = Signal(object)  # a DiaryError nobody handled: the window shows the sentence

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="twitchlog-db")
        self._pending = 0
        self.db: Diary | None = None  # the open diary, once opened
        self.location = ""
        self._lock: Any = None  # twitchlog.db.lock.WindowLock while the diary is open
        self._go = threading.Event()  # set: the worker may open the diary
        self._go.set()
        self._closing = False
        self.finished.connect(self._deliver)

    # -- public API -------------------------------------------------------------------
    def hold(self) -> None:
        """Queue the opening but keep the worker from starting it until release(): its
        imports would compete with the first paint for the interpreter."""
        self._go.clear()

    def release(self) -> None:
        """Let a held opening start (the window has painted)."""
        self._go.set()

    def open(self, location: str, on_done: OnDone = None, on_error: OnError = None) -> None:
        """Open (and migrate if needed) the diary on the worker; the window shows meanwhile.

        Jobs submitted later (a click on Log) queue behind the opening, held or not."""
        self.location = location

        def job() -> Any:
            self._go.wait(HOLD_LIMIT_S)
            if self._closing:
                return None  # closed before it opened: nothing to open, lock or back up
            from pathlib import Path

            from twitchlog.db.backup import daily_backup_warning
            from twitchlog.db.lite import open_diary
            from twitchlog.db.lock import acquire_window_lock

            if self._lock is None:
                # One window per diary: a second one is refused with a clear sentence.
                self._lock = acquire_window_lock(Path(location).expanduser().resolve())
            self.db = open_diary(location)  # the command line's opener
            warning = daily_backup_warning(self.db)  # a full disk must not stop the opening
            if warning:
                print(f"twitchlog: warning: {warning}", file=sys.stderr)
            return self.db

        def done(db: Any) -> None:
            if db is None:
                return
            self.opened.emit()
            if on_done:
                on_done(db)

        self._submit(job, done, on_error)

    def read(
        self,
        fn: Callable[[WorkerConnection], T],
        on_done: Callable[[T], object] | None = None,
        on_error: OnError = None,
    ) -> None:
        """Run `fn(conn)` in a read transaction; nothing it does is committed."""

        def job() -> T:
            with self._database().read() as conn:
                return fn(conn)

        self._submit(job, on_done, on_error)

    def write(
        self,
        fn: Callable[[WorkerConnection], T],
        on_done: Callable[[T], object] | None = None,
        on_error: OnError = None,
    ) -> None:
        """Run `fn(conn)` in one write transaction; all of it commits, or none."""

        def job() -> T:
            with self._database().write() as conn:
                return fn(conn)

        def done(result: T) -> None:
            if on_done:
                on_done(result)
            self.changed.emit()

        self._submit(job, done, on_error)

    def is_idle(self) -> bool:
        return self._pending == 0

    @property
    def is_open(self) -> bool:
        return self.db is not None

    def shutdown(self) -> None:
        """Close the diary on the worker (its connections belong there), then stop."""

        def close() -> None:
            if self.db is not None:
                self.db.close()
                self.db = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

        self._closing = True
        self._go.set()
        self._pool.submit(close)
        self._pool.shutdown(wait=True)

    # -- internals --------------------------------------------------------------------
    def _database(self) -> Diary:
        if self.db is None:
            from twitchlog.errors import DiaryUnavailable

            raise DiaryUnavailable(_("The diary is not open yet; wait a moment and try again."))
        return self.db

    def _submit(self, job: Callable[[], Any], on_done: OnDone, on_error: OnError) -> None:
        if self._closing:
            return  # shut down: a view reloading on a late signal has nothing left to ask
        self._pending += 1
        future = self._pool.submit(job)
        future.add_done_callback(lambda f: self._report(f, on_done, on_error))

    def _report(self, future: Future[Any], on_done: OnDone, on_error: OnError) -> None:
        # Runs on the worker thread; the signal is queued to the UI thread.
        error = future.exception()
        self.finished.emit(on_done, on_error, None if error else future.result(), error)

    @Slot(object, object, object, object)
    def _deliver(self, on_done: OnDone, on_error: OnError, result: Any, error: Any) -> None:
        try:
            if error is None:
                if on_done:
                    on_done(result)
            elif isinstance(error, DiaryError):
                if on_error:
                    on_error(error)
                else:
                    self.failed.emit(error)
            else:
                # A bug, not a user error: the app's excepthook shows it and keeps running.
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.idle.emit()
