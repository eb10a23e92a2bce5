"""Start the window: QApplication, the crash guard (excepthook), the diary opened off-thread."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from twitchlog.gui import prefs

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard:
    """sys.excepthook for the window: an unexpected error in a slot shows a dialog and the
    program carries on; nothing already typed into a form is touched."""

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None) -> None:
        self.parent = parent
        self.previous: Hook = sys.excepthook
        self.seen: list[BaseException] = []
        self.dialog: QMessageBox | None = None

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
    app.setDesktopFileName("twitchlog")
    return app


def diary_location(given: str | None) -> str:
    """--db, then TWITCHLOG_DB, then the file chosen in Settings, then the default place."""
    from twitchlog.paths import ENV_VAR, resolve_location

    if given or os.environ.get(ENV_VAR, "").strip():
        return resolve_location(given)
    chosen = str(prefs.get("diary/location") or "").strip()
    return resolve_location(chosen or None)


def run(db: str | None = None, screenshot: str | None = None, view: str | None = None) -> int:
    """Show the window at once (empty), open the diary on the worker, run until closed."""
    if screenshot and not QApplication.instance():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    runner = TaskRunner()
    window = MainWindow(runner)
    guard = CrashGuard(lambda: window).install()
    # Quit when the main window closes (not on the last of any window, e.g. a dialog).
    quit_on_last = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    result = {"code": 0}
    if screenshot:
        _arrange_screenshot(app, window, runner, Path(screenshot), view or "today", result)
    else:
        window.show()
    runner.open(diary_location(db), on_error=window.open_failed)
    try:
        app.exec()
    finally:
        guard.uninstall()
        app.setQuitOnLastWindowClosed(quit_on_last)
        runner.shutdown()
        window.deleteLater()
    return result["code"]


def _arrange_screenshot(
    app: QApplication,
    window: QWidget,
    runner: object,
    path: Path,
    view: str,
    result: dict[str, int],
) -> None:
    """Render `view` to a PNG once the diary has loaded and the worker is idle, then quit."""
    window.resize(1000, 720)
    window.show_view(view)  # type: ignore[attr-defined]
    window.show()

    def on_idle() -> None:
        if not runner.is_open:  # type: ignore[attr-defined]
            result["code"] = 2
            app.quit()
            return
        QTimer.singleShot(0, shoot)

    def shoot() -> None:
        if not runner.is_idle():  # type: ignore[attr-defined]
            return  # more work arrived; the next idle signal comes back here
        runner.idle.disconnect(on_idle)  # type: ignore[attr-defined]
        ok = window.grab().save(str(path), "PNG")
        if not ok:
            print(f"twitchlog: could not write {path}", file=sys.stderr)
        result["code"] = 0 if ok else 2
        window.close()

    runner.idle.connect(on_idle)  # type: ignore[attr-defined]
