"""GUI fixtures: a real main window on a real diary file, with the worker thread running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import wait_idle
from shiboken6 import isValid


@pytest.fixture
def runner(qtbot: Any, db_path: Path) -> Iterator[Any]:
    from twitchlog.gui.tasks import TaskRunner

    r = TaskRunner()
    with qtbot.waitSignal(r.opened, timeout=10_000):
        r.open(str(db_path))
    wait_idle(qtbot, r)
    yield r
    wait_idle(qtbot, r)
    r.shutdown()


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> Iterator[Any]:
    """The main window as `twitchlog` shows it: shown first, diary opened on the worker."""
    from twitchlog.gui.app import application
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    application()
    r = TaskRunner()
    w = MainWindow(r)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    with qtbot.waitSignal(r.opened, timeout=10_000):
        r.open(str(db_path), on_error=w.open_failed)
    wait_idle(qtbot, r)
    yield w
    wait_idle(qtbot, r)
    if isValid(w):  # a test that quit the window has had it deleted already
        w._close_ok = True  # a test's unsaved edits end with it (no "Save changes?" question)
        w.close()
    r.shutdown()


@pytest.fixture
def diary(db_path: Path) -> Iterator[Any]:
    """A second, independent connection to the same file: what is really on disk."""
    from twitchlog.db.migrate import open_database

    d = open_database(str(db_path))
    yield d
    d.close()
