"""Logging a twitch from the window: button, Ctrl+L, adjust panel, undo, timer."""

from __future__ import annotations

from typing import Any

from gui_helpers import episodes_on_disk, wait_idle
from PySide6.QtCore import Qt


def test_log_button_records_an_episode_now(qtbot: Any, window: Any, diary: Any) -> None:
    today = window.views["today"]
    qtbot.mouseClick(today.log_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    eps = episodes_on_disk(diary)
    assert len(eps) == 1
    assert eps[0].severity == 2  # first ever: the default
    assert today.panel.isVisible()
    assert "1 twitch;" in today.summary.text()


def test_ctrl_l_logs_like_the_last_one(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import episodes

    with diary.write() as s:
        episodes.log_episode(s, severity=3, places=["right:lower_eyelid"])
    window.show_view("history")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    eps = episodes_on_disk(diary)
    assert len(eps) == 2
    assert eps[-1].severity == 3
    assert [p.code for p in eps[-1].places] == ["right:lower_eyelid"]
    assert window.current_view() == "today"


def test_adjust_panel_saves_severity_place_duration_note(
    qtbot: Any, window: Any, diary: Any
) -> None:
    today = window.views["today"]
    today.log_now()
    wait_idle(qtbot, window.runner)
    today.severity.button(4).click()
    today.place.set_code("left:mouth")
    today.duration.setValue(90)
    qtbot.keyClicks(today.note, "after coffee")
    qtbot.mouseClick(today.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    (ep,) = episodes_on_disk(diary)
    assert (ep.severity, ep.duration_s, ep.notes) == (4, 90, "after coffee")
    assert [p.code for p in ep.places] == ["left:mouth"]


def test_undo_button_and_ctrl_z_remove_the_log(qtbot: Any, window: Any, diary: Any) -> None:
    today = window.views["today"]
    today.log_now()
    wait_idle(qtbot, window.runner)
    qtbot.mouseClick(today.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert episodes_on_disk(diary) == []
    assert not today.panel.isVisible()
    today.log_now()
    today.log_now()
    wait_idle(qtbot, window.runner)
    assert len(episodes_on_disk(diary)) == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert len(episodes_on_disk(diary)) == 1
    assert "is out of the diary again" in window.statusBar().currentMessage()


def test_timer_logs_a_spasm_with_its_duration(qtbot: Any, window: Any, diary: Any) -> None:
    today = window.views["today"]
    qtbot.mouseClick(today.timer_button, Qt.MouseButton.LeftButton)
    assert today.timer_button.text().startswith("Stop timer")
    qtbot.mouseClick(today.timer_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    (ep,) = episodes_on_disk(diary)
    assert ep.duration_s is not None and ep.duration_s >= 1
    assert today.timer_button.text() == "Start timer"
