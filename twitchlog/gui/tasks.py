"""One worker that runs every piece of database work, in order, off the UI thread.

After Anki's taskman: a single-thread executor serialises all diary access (so the
window never blocks and two writes never race); the result, or the error, comes back
on the UI thread through a queued signal and goes to a success or failure callback.

While the window starts, the runner is held: jobs (the opening, a click on Log) wait in a
list and neither the worker thread nor its imports (concurrent.futures, sqlite3) exist
until the window has painted; then they run in the order they were asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from twitchlog.errors import DiaryError
from twitchlog.i18n import _

if TYPE_CHECKING:
    import sqlite3
    from concurrent.futures import Future, ThreadPoolExecutor

    from twitchlog.db.lite import Diary

WorkerConnection: TypeAlias = "sqlite3.Connection"
"""What every job is handed: the diary's one connection, on the worker thread."""

T = TypeVar("T")
OnDone = Callable[[Any], object] | None
OnError = Callable[[DiaryError], object] | None
Queued = tuple[Callable[[], Any], OnDone, OnError]
HOLD_LIMIT_MS = 2000  # a held runner starts anyway after this long (a window that never paints)


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
        self._pool: ThreadPoolExecutor | None = None  # the worker, started on first use
        self._held: list[Queued] | None = None  # jobs waiting for release(), in order
        self._pending = 0
        self.db: Diary | None = None  # the open diary, once opened
        self.location = ""
        self._lock: Any = None  # twitchlog.db.lock.WindowLock while the diary is open
        self._closing = False
        self.finished.connect(self._deliver)

    # -- public API -------------------------------------------------------------------
    def hold(self) -> None:
        """Keep jobs (the opening first) waiting until release(): the worker's thread and
        imports would compete with the first paint for the interpreter. A window that never
        paints releases them after HOLD_LIMIT_MS all the same."""
        if self._held is None and self._pool is None:
            self._held = []
            QTimer.singleShot(HOLD_LIMIT_MS, self, self.release)

    def release(self) -> None:
        """Start the jobs held so far, in the order they were asked for (the window has
        painted)."""
        held, self._held = self._held, None
        for job in held or ():
            self._start(*job)

    def open(
        self, location: str | Callable[[], str], on_done: OnDone = None, on_error: OnError = None
    ) -> None:
        """Open (and migrate if needed) the diary on the worker; the window shows meanwhile.

        `location` may be a function that finds the file (the default place needs
        platformdirs, ~5 ms of imports): it then runs on the worker, after the first paint,
        and what it refuses reaches `on_error` like any other opening failure. Jobs
        submitted later (a click on Log) queue behind the opening, held or not."""
        if isinstance(location, str):
            self.location = location

        def job() -> Any:
            if self._closing:
                return None  # closed before it opened: nothing to open, lock or back up
            from pathlib import Path

            if not isinstance(location, str):
                self.location = location()

            from twitchlog.db.backup import daily_backup_warning
            from twitchlog.db.lite import open_diary
            from twitchlog.db.lock import acquire_window_lock

            if self._lock is None:
                # One window per diary: a second one is refused with a clear sentence.
                self._lock = acquire_window_lock(Path(self.location).expanduser().resolve())
            self.db = open_diary(self.location)  # the command line's opener
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
        if self._held is not None:  # never started: nothing was opened, locked or backed up
            self._pending -= len(self._held)
            self._held = None
        if self._pool is None:
            return
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
        if self._held is not None:
            self._held.append((job, on_done, on_error))
        else:
            self._start(job, on_done, on_error)

    def _start(self, job: Callable[[], Any], on_done: OnDone, on_error: OnError) -> None:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="twitchlog-db")
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
