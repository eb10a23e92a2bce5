"""Nothing typed is lost or changed by accident: the wheel, tab switches, Ctrl+L, quitting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui_helpers import day_on_disk, episodes_on_disk, wait_idle
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QMessageBox

from twitchlog import catalog
from twitchlog.diary import rules


def _today() -> dt.date:
    return rules.today(catalog.DEFAULT_DAY_START_HOUR)


def _checkin(qtbot: Any, window: Any) -> Any:
    window.show_view("checkin")
    view = window.views["checkin"]
    qtbot.waitUntil(lambda: "water_l" in view.form.fields)
    wait_idle(qtbot, window.runner)
    return view


def _wheel(widget: Any, steps: int = -3) -> bool:
    """A wheel event over the middle of `widget`; True when the widget took it.

    Sent events are not "spontaneous", so Qt does not walk them up to the scroll area as
    it does a real wheel's: the test checks the field lets it pass (left unaccepted).
    """
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def _question(qtbot: Any, window: Any) -> QMessageBox:
    def box() -> QMessageBox | None:
        found = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        return found[-1] if found else None

    qtbot.waitUntil(lambda: box() is not None, timeout=5_000)
    found = box()
    assert found is not None
    return found


def test_the_wheel_scrolls_the_check_in_and_changes_no_value(qtbot: Any, window: Any) -> None:
    window.resize(900, 420)  # short: the form scrolls
    view = _checkin(qtbot, window)
    water = view.form.fields["water_l"].control
    stress = view.form.fields["stress"].control
    view.form.fields["stress"].set_value(7)
    view.dirty = False
    scroll = water.parentWidget()
    while scroll is not None and not hasattr(scroll, "verticalScrollBar"):
        scroll = scroll.parentWidget()
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    for control in (water, stress):
        assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus
        assert not _wheel(control)  # passed on to the scroll area
    assert view.form.fields["water_l"].value() is None  # still "not recorded"
    assert view.form.fields["stress"].value() == 7
    assert not view.dirty
    # What the wheel is passed on to scrolls the page.
    assert _wheel(scroll.viewport())
    assert scroll.verticalScrollBar().value() > 0
    # With the keyboard focus on it, the wheel is meant for the field.
    stress.setFocus()
    qtbot.waitUntil(stress.hasFocus)
    assert _wheel(stress, steps=1)
    assert view.form.fields["stress"].value() == 8


def test_every_spin_and_list_box_in_every_view_and_dialog_ignores_the_wheel(
    qtbot: Any, window: Any
) -> None:
    from twitchlog.gui.day_dialog import DayDialog
    from twitchlog.gui.episode_dialog import EpisodeDialog
    from twitchlog.gui.factor_dialog import FactorDialog
    from twitchlog.gui.injection_dialog import InjectionDialog
    from twitchlog.gui.main_window import VIEWS
    from twitchlog.gui.settings_dialog import SettingsDialog
    from twitchlog.gui.treatment_dialog import TreatmentDialog
    from twitchlog.gui.wheel import is_guarded

    for name, _t, _target in VIEWS:
        window.show_view(name)
    wait_idle(qtbot, window.runner)
    window.views["today"].log_now()
    wait_idle(qtbot, window.runner)
    window.open_export()
    dialogs = [
        window.export_dialog,
        SettingsDialog(window.runner, catalog.DEFAULT_DAY_START_HOUR, window),
        FactorDialog(window.runner, window),
        TreatmentDialog(window.runner, window),
        DayDialog(window.runner, _today(), window),
        EpisodeDialog(window.runner, window.views["today"].current, window),
        InjectionDialog(window.runner, None, window),
    ]
    wait_idle(qtbot, window.runner)
    roots = [window.views[n] for n, _t, _x in VIEWS] + dialogs
    unguarded = [
        f"{type(root).__name__}: {w.accessibleName() or type(w).__name__}"
        for root in roots
        for kind in (QAbstractSpinBox, QComboBox)
        for w in root.findChildren(kind)
        if not is_guarded(w)
    ]
    assert unguarded == []
    for d in dialogs:
        d.close()


def test_check_in_edits_survive_a_tab_switch_and_ctrl_l(
    qtbot: Any, window: Any, diary: Any
) -> None:
    view = _checkin(qtbot, window)
    view.form.fields["stress"].set_value(7)
    view.form.fields["sleep_h"].set_value(6.5)
    qtbot.keyClicks(view.form.note, "long day")
    assert "Not saved yet" in view.status.text()
    window.show_view("history")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # logs a twitch
    wait_idle(qtbot, window.runner)
    window.show_view("checkin")
    wait_idle(qtbot, window.runner)
    assert view.form.fields["stress"].value() == 7
    assert view.form.fields["sleep_h"].value() == 6.5
    assert view.form.note.toPlainText() == "long day"
    assert "Saved" not in view.status.text()
    assert day_on_disk(diary, _today()) is None


def test_an_error_goes_when_its_field_is_fixed(qtbot: Any, window: Any) -> None:
    view = _checkin(qtbot, window)
    view.form.fields["sleep_h"].set_value(30)
    view.submit()
    wait_idle(qtbot, window.runner)
    assert view.form.errors["sleep_h"].isVisible()
    view.form.fields["sleep_h"].control.setValue(7)
    assert not view.form.errors["sleep_h"].isVisible()


def test_quitting_with_a_check_in_pending_asks_and_saves(
    qtbot: Any, window: Any, diary: Any
) -> None:
    view = _checkin(qtbot, window)
    view.form.fields["sleep_h"].set_value(7)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = _question(qtbot, window)
    assert "check-in for" in box.text()
    assert window.isVisible()  # nothing closes until answered
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    wait_idle(qtbot, window.runner)
    day = day_on_disk(diary, _today())
    assert day is not None and day.values["sleep_h"] == 7


def test_quitting_can_be_cancelled_and_discarded(qtbot: Any, window: Any, diary: Any) -> None:
    view = _checkin(qtbot, window)
    view.form.fields["sleep_h"].set_value(7)
    window.close()
    _question(qtbot, window).button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and view.form.fields["sleep_h"].value() == 7
    window.close()
    _question(qtbot, window).button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    wait_idle(qtbot, window.runner)
    assert day_on_disk(diary, _today()) is None


def test_log_panel_changes_are_saved_before_ctrl_l_logs_the_next(
    qtbot: Any, window: Any, diary: Any
) -> None:
    today = window.views["today"]
    today.log_now()
    wait_idle(qtbot, window.runner)
    today.severity.button(4).click()
    assert "not saved" in today.panel.title()
    window.show_view("charts")  # a tab switch keeps it
    window.show_view("today")
    assert today.severity.checkedId() == 4
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    first, second = episodes_on_disk(diary)
    assert first.severity == 4
    assert second.severity == 4  # logged like the last one, which now is severity 4
    assert "not saved" not in today.panel.title()


def test_quitting_with_log_panel_changes_asks(qtbot: Any, window: Any, diary: Any) -> None:
    today = window.views["today"]
    today.log_now()
    wait_idle(qtbot, window.runner)
    today.severity.button(3).click()
    window.close()
    box = _question(qtbot, window)
    assert "twitch at" in box.text()
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    wait_idle(qtbot, window.runner)
    (ep,) = episodes_on_disk(diary)
    assert ep.severity == 3


def test_log_panel_has_a_time_field(qtbot: Any, window: Any, diary: Any) -> None:
    from PySide6.QtCore import QTime

    today = window.views["today"]
    today.log_now()
    wait_idle(qtbot, window.runner)
    logged = today.current.started_at
    assert today.time.time().hour() == logged.hour
    earlier = (logged - dt.timedelta(minutes=20)).replace(second=0)
    today.time.setTime(QTime(earlier.hour, earlier.minute))
    today.save_changes()
    wait_idle(qtbot, window.runner)
    (ep,) = episodes_on_disk(diary)
    assert (ep.started_at.hour, ep.started_at.minute) == (earlier.hour, earlier.minute)


def test_the_timer_shows_in_the_status_bar_from_every_view(qtbot: Any, window: Any) -> None:
    window.show_view("charts")
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    label = window._timer_label
    assert label is not None and label.isVisible() and "Timer running" in label.text()
    window.show_view("history")
    assert label.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert not label.isVisible()


def test_saving_before_another_day_keeps_the_edits_when_the_save_fails(
    qtbot: Any, window: Any, diary: Any
) -> None:
    view = _checkin(qtbot, window)
    today = view.day()
    view.form.fields["stress"].set_value(6)
    view.form.fields["sleep_h"].set_value(30)  # refused: more hours than a day has
    assert view.dirty
    view.set_day(today - dt.timedelta(days=1))
    _question(qtbot, window).button(QMessageBox.StandardButton.Save).click()
    wait_idle(qtbot, window.runner)
    qtbot.wait(50)
    assert view.day() == today  # still on the day that was edited
    assert view.dirty
    assert view.form.fields["sleep_h"].value() == 30
    assert view.form.fields["stress"].value() == 6
    assert view.form.errors["sleep_h"].isVisible()
    assert day_on_disk(diary, today) is None


def test_saving_before_another_day_saves_and_then_shows_that_day(
    qtbot: Any, window: Any, diary: Any
) -> None:
    view = _checkin(qtbot, window)
    today = view.day()
    yesterday = today - dt.timedelta(days=1)
    view.form.fields["sleep_h"].set_value(7)
    view.set_day(yesterday)
    _question(qtbot, window).button(QMessageBox.StandardButton.Save).click()
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: view.day() == yesterday and not view.dirty, timeout=5_000)
    wait_idle(qtbot, window.runner)
    day = day_on_disk(diary, today)
    assert day is not None and day.values["sleep_h"] == 7
    assert day_on_disk(diary, yesterday) is None
