"""Start the window: QApplication, the crash guard (excepthook), the diary opened off-thread."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from twitchlog.gui import prefs
from twitchlog.launcher import APP_ID

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard:
    """sys.excepthook for the window: an unexpected error in a slot shows a dialog and the
    program carries on; nothing already typed into a form is touched."""

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None) -> None:
        self.parent = parent
        self.previous: Hook = sys.excepthook
        self.seen: list[BaseException] = []
        self.dialog: Any = None  # the QMessageBox shown for the last error

    def install(self) -> CrashGuard:
        self.previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, tb)
            return
        import traceback  # ~3 ms, only when something went wrong

        from PySide6.QtWidgets import QMessageBox

        self.seen.append(error)
        details = "".join(traceback.format_exception(kind, error, tb))
        print(details, file=sys.stderr)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "twitchlog: something went wrong",
            "Something unexpected went wrong. What you typed is still there, and your diary "
            "is safe: the last change was either saved completely or not at all.\n\n"
            f"{kind.__name__}: {error}",
            parent=self.parent(),
        )
        box.setDetailedText(details)
        box.setAccessibleName("Unexpected error")
        box.open()  # not exec(): the window keeps running underneath
        self.dialog = box


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(prefs.ORGANISATION)
    app.setApplicationName(prefs.APPLICATION)
    app.setApplicationDisplayName("twitchlog")
    # The launcher's id (twitchlog desktop install): Wayland finds the icon by it.
    app.setDesktopFileName(APP_ID)
    from twitchlog.gui import display

    display.apply(app)  # theme and text size, before any widget is built
    from twitchlog import i18n

    if i18n.wanted_language() != "en" or i18n.language() != "en":
        from twitchlog.gui import translate

        translate.install(app)  # the environment's language; English needs nothing
    return app


def diary_location(given: str | None) -> str | Callable[[], str]:
    """--db, then TWITCHLOG_DB, then the file chosen in Settings, then the default place.

    A file named on the command line or in the environment is checked now, so a wrong one
    is the command's sentence (exit 2) before any window; the others are found on the
    worker after the first paint (the default place needs platformdirs, ~5 ms of imports),
    and what is wrong with them the window says."""
    from twitchlog.paths import ENV_VAR, resolve_location

    if given or os.environ.get(ENV_VAR, "").strip():
        return resolve_location(given)
    return _chosen_location


def _chosen_location() -> str:
    from twitchlog.paths import resolve_location

    chosen = str(prefs.get("diary/location") or "").strip()
    return resolve_location(chosen or None)


def run(
    db: str | None = None,
    screenshot: str | None = None,
    view: str | None = None,
    wait_loaded: bool = False,
    minimized: bool = False,
) -> int:
    """Show the window at once (empty), open the diary on the worker, run until closed.

    With `screenshot`, write the window to that PNG at its first paint and exit; with
    `wait_loaded` too, only once the diary is open and the view is filled."""
    if screenshot and not QApplication.instance():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    location = diary_location(db)
    runner = TaskRunner()
    runner.hold()  # the diary opens once the window is painted, not in competition with it
    window = MainWindow(runner)
    # Submitted before anything is shown, so every job a view or a click asks for queues
    # behind the opening instead of finding the diary closed.
    runner.open(location, on_error=window.open_failed)
    guard = CrashGuard(lambda: window).install()
    # Quit when the main window closes (not on the last of any window, e.g. a dialog).
    quit_on_last = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    result = {"code": 0}
    # What start-up made (modules, classes, the window) lives as long as the program: moved
    # out of the garbage collector's sight, later full collections on the UI thread skip it,
    # and so does the one at exit (~14 ms of a window's close or screenshot).
    window.painted.connect(gc.freeze)
    if screenshot:
        window.resize(1000, 720)
        window.show_view(view or "today")
        shot = Screenshot(app, window, Path(screenshot), result)
        if wait_loaded:
            window.painted.connect(runner.release)
            shot.when_loaded(runner)
        else:
            window.painted.connect(shot.take)  # never released: exits before opening
    else:
        window.painted.connect(runner.release)
    if minimized and not screenshot:
        window.showMinimized()
    else:
        window.show()
    try:
        app.exec()
    finally:
        guard.uninstall()
        app.setQuitOnLastWindowClosed(quit_on_last)
        runner.shutdown()
        window.deleteLater()
    return result["code"]


class Screenshot:
    """Writes the window to a PNG and quits (without saving geometry or last view: a
    screenshot is not a session of the user's)."""

    def __init__(
        self, app: QApplication, window: QWidget, path: Path, result: dict[str, int]
    ) -> None:
        self.app, self.window, self.path, self.result = app, window, path, result
        self.runner: Any = None

    def take(self) -> None:
        """A picture of the diary is health data too: written whole and private (0600)."""
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        from twitchlog.safefile import atomic_write

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        ok, why = self.window.grab().save(buffer, "PNG"), "the picture could not be made"
        if not ok:
            from twitchlog.i18n import _

            why = _(why)
        try:
            if ok:
                with atomic_write(self.path, binary=True) as fh:
                    fh.write(data.data())
        except OSError as exc:
            ok, why = False, exc.strerror or str(exc)
        if not ok:
            from twitchlog.i18n import _

            print(
                _("twitchlog: could not write {path} ({why}).").format(path=self.path, why=why),
                file=sys.stderr,
            )
        self.result["code"] = 0 if ok else 2
        self.app.exit(self.result["code"])  # not quit(): that closes (and saves) the window

    def when_loaded(self, runner: Any) -> None:
        """Take it once the diary has opened and the worker is idle (the view is filled)."""
        self.runner = runner
        runner.idle.connect(self._on_idle)

    def _on_idle(self) -> None:
        if not self.runner.is_open:
            self.result["code"] = 2
            self.app.exit(2)
            return
        QTimer.singleShot(0, self._shoot_if_idle)

    def _shoot_if_idle(self) -> None:
        for _pass in range(3):  # layouts redone after a banner folds its details settle first
            self.app.processEvents()
        if not self.runner.is_idle():
            return  # more work arrived; the next idle signal comes back here
        self.runner.idle.disconnect(self._on_idle)
        self.take()
