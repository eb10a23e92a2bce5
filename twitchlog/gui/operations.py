"""Typed operations on the diary: how a view asks the worker for something.

After Anki's QueryOp/CollectionOp. A view never touches the diary itself: it builds a
`ReadOp` (reads; nothing is committed) or a `WriteOp` (one transaction: all of it commits,
or none) around a call to a `twitchlog.diary` function, says what happens on success and,
if it wants, on failure, and runs it. The call runs on the window's one worker thread
(`TaskRunner`), with the worker's connection; both callbacks run on the UI thread.

    ReadOp(runner, lambda c: days.get_day(c, day)).success(self.form.load).run()
    WriteOp(runner, lambda c: days.delete_day(c, day)).success(self._deleted).run()

A failure the diary explains (a `DiaryError`: bad input, a locked diary) goes to the
failure callback, or, without one, to the window, which shows its sentence. A write that
fails changes nothing. After a write succeeds every view reloads (`TaskRunner.changed`).

An `UndoEntry` is one step Edit → Undo can take back: its label, the write that reverses
it, and the tidying its owner wants when it is undone; the window keeps the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, Self, TypeVar, runtime_checkable

from twitchlog.errors import DiaryError
from twitchlog.gui.tasks import TaskRunner, WorkerConnection

T = TypeVar("T")
Job = Callable[[WorkerConnection], T]
"""A call to a diary function, given the worker's connection."""


class _Operation(Generic[T]):
    def __init__(self, runner: TaskRunner, job: Job[T]) -> None:
        self._runner = runner
        self._job = job
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[DiaryError], object] | None = None

    def success(self, on_success: Callable[[T], object]) -> Self:
        """Called on the UI thread with what the job returned."""
        self._success = on_success
        return self

    def failure(self, on_failure: Callable[[DiaryError], object]) -> Self:
        """Called on the UI thread with the diary's sentence; without it the window shows it."""
        self._failure = on_failure
        return self

    def run(self) -> None:
        raise NotImplementedError


class ReadOp(_Operation[T]):
    """Read from the diary on the worker; nothing the job does is committed."""

    def run(self) -> None:
        self._runner.read(self._job, self._success, self._failure)


class WriteOp(_Operation[T]):
    """Change the diary in one transaction on the worker: all of it, or nothing.

    On success the views reload what they show."""

    def run(self) -> None:
        self._runner.write(self._job, self._success, self._failure)


class RunRead(Protocol):
    """`TaskRunner.read` as a value: what a self-contained view or dialog is given (the
    Charts view, the Export dialog) to read on the window's worker."""

    def __call__(
        self,
        fn: Job[T],
        on_done: Callable[[T], object] | None = ...,
        on_error: Callable[[DiaryError], object] | None = ...,
    ) -> None: ...


class UndoEntry:
    """One step Edit → Undo can take back.

    `menu` is the whole Edit-menu text ("&Undo deleting the check-in of …") and `done` the
    whole sentence shown once it is undone: one sentence per case, never glued from
    fragments (German word order differs). `reverse` is the write that takes the step back;
    `on_undone`, if given, is the owner's own tidying (Today hides the panel of the twitch
    being undone), run on the UI thread when the user undoes the step. Entries are told
    apart by identity (a plain class: dataclasses cost ~2 ms of imports before the paint).
    """

    __slots__ = ("done", "menu", "on_undone", "reverse")

    def __init__(
        self,
        menu: str,
        done: str,
        reverse: Job[object],
        on_undone: Callable[[], None] | None = None,
    ) -> None:
        self.menu = menu
        self.done = done
        self.reverse = reverse
        self.on_undone = on_undone


@runtime_checkable
class View(Protocol):
    """What the main window asks of each view in its tabs."""

    def refresh(self) -> None:
        """Load again what the view shows (the diary opened or changed)."""
        ...
