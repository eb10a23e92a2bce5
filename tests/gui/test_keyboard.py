"""The keyboard path: every main action has a shortcut and lands where one would type."""

from __future__ import annotations

from typing import Any

from gui_helpers import day_on_disk, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_ctrl_d_puts_the_keyboard_in_the_first_question(
    qtbot: Any, window: Any, diary: Any
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    view = window.views["checkin"]
    first = next(iter(view.form.fields.values())).control
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=5000)
    qtbot.keyClicks(first, "250")
    qtbot.keyClick(first, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert day_on_disk(diary, view.day()).values["caffeine_mg"] == 250.0
