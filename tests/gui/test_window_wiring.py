"""The Charts view and the doctor export are reachable from the main window."""

from __future__ import annotations

from typing import Any

from gui_helpers import wait_idle
from PySide6.QtCore import Qt


def test_ctrl_e_opens_the_export_dialog(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            getattr(window, "export_dialog", None) is not None and window.export_dialog.isVisible()
        ),
        timeout=5_000,
    )
    assert window.export_dialog.windowTitle() == "Export for a doctor visit"
    # the preview of the doctor CSV arrives from the worker: one row per day of the range
    qtbot.waitUntil(lambda: window.export_dialog.model.rowCount() > 0, timeout=5_000)
    wait_idle(qtbot, window.runner)
    window.export_dialog.close()


def test_charts_view_draws_after_a_log(qtbot: Any, window: Any) -> None:
    window.show_view("charts")
    view = window.views["charts"]
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: view._figure is not None and bool(view._figure.axes), timeout=10_000)
    window.log_twitch()
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: view.status.text() != "Loading…", timeout=10_000)
    assert view._figure.axes
