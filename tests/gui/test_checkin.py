"""The daily check-in form: the diary's own rules, errors beside the field, nothing lost."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui_helpers import day_on_disk, wait_idle
from PySide6.QtCore import Qt

from twitchlog import catalog
from twitchlog.diary import rules


def _today() -> dt.date:
    return rules.today(catalog.DEFAULT_DAY_START_HOUR)


def _view(qtbot: Any, window: Any) -> Any:
    window.show_view("checkin")
    view = window.views["checkin"]
    qtbot.waitUntil(lambda: "sleep_h" in view.form.fields)
    wait_idle(qtbot, window.runner)
    return view


def test_every_factor_has_a_not_recorded_state_distinct_from_zero(qtbot: Any, window: Any):
    view = _view(qtbot, window)
    assert set(view.form.fields) == {f.key for f in catalog.BUILTIN_FACTORS}
    sleep = view.form.fields["sleep_h"]
    assert sleep.value() is None
    assert sleep.control.text() == "not recorded"
    sleep.set_value(0)
    assert sleep.value() == 0.0
    assert view.form.fields["b12"].control.currentText() == "not recorded"
    assert view.form.fields["stress"].control.suffix() == " / 10"
    assert view.form.fields["caffeine_mg"].control.suffix() == " mg"


def test_error_is_shown_next_to_the_field_and_values_are_kept(
    qtbot: Any, window: Any, diary: Any
) -> None:
    view = _view(qtbot, window)
    form = view.form
    form.fields["sleep_h"].set_value(30)
    form.fields["stress"].set_value(7)
    form.note.setPlainText("long day")
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    error = form.errors["sleep_h"]
    assert error.isVisible()
    assert "Sleep must be at most 24 h" in error.text()
    assert not form.errors["stress"].isVisible()
    # Nothing typed was lost and nothing was written.
    assert form.fields["sleep_h"].value() == 30
    assert form.fields["stress"].value() == 7
    assert form.note.toPlainText() == "long day"
    assert day_on_disk(diary, _today()) is None


def test_no_twitches_refused_when_twitches_were_logged(qtbot: Any, window: Any, diary: Any):
    window.views["today"].log_now()
    view = _view(qtbot, window)
    view.form.no_twitches.setChecked(True)
    view.submit()
    wait_idle(qtbot, window.runner)
    assert view.form.errors["no_twitches"].isVisible()
    assert "delete them first" in view.form.errors["no_twitches"].text()
    assert view.form.no_twitches.isChecked()


def test_successful_check_in_lands_in_the_diary(qtbot: Any, window: Any, diary: Any) -> None:
    view = _view(qtbot, window)
    form = view.form
    form.fields["caffeine_mg"].cups.setValue(2)  # the cups helper: 2 × 95 mg
    form.fields["sleep_h"].set_value(6.5)
    form.fields["b12"].control.setCurrentIndex(1)  # yes
    form.note.setPlainText("windy")
    with qtbot.waitSignal(view.saved):
        qtbot.keyClick(view.save, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    day = day_on_disk(diary, _today())
    assert day is not None
    assert day.values == {"caffeine_mg": 190.0, "sleep_h": 6.5, "b12": 1.0}
    assert day.note == "windy"
    assert "Saved the check-in" in view.status.text()
    assert "checked in." in window.views["today"].summary.text()


def test_same_as_yesterday_copies_values_but_not_the_note(
    qtbot: Any, window: Any, diary: Any
) -> None:
    from twitchlog.diary import days

    yesterday = _today() - dt.timedelta(days=1)
    with diary.write() as s:
        days.check_in(s, yesterday, {"stress": 4, "screen_h": 9}, note="yesterday's note")
    view = _view(qtbot, window)
    view.form.note.setPlainText("today")
    qtbot.mouseClick(view.same, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert view.form.fields["stress"].value() == 4
    assert view.form.fields["screen_h"].value() == 9
    assert view.form.fields["sleep_h"].value() is None
    assert view.form.note.toPlainText() == "today"
    view.submit()
    wait_idle(qtbot, window.runner)
    assert day_on_disk(diary, _today()).values == {"stress": 4.0, "screen_h": 9.0}


def test_a_new_factor_appears_and_typed_values_survive(qtbot: Any, window: Any) -> None:
    view = _view(qtbot, window)
    view.form.fields["stress"].set_value(5)
    view.dirty = True
    settings = window.views["settings"]
    settings.open_factor()
    dialog = settings.dialog
    qtbot.keyClicks(dialog.label, "Chocolate")
    dialog.unit.setText("g")
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert "chocolate" in view.form.fields
    assert view.form.fields["stress"].value() == 5
    assert view.form.fields["chocolate"].control.suffix() == " g"


def test_save_before_the_form_has_loaded_writes_nothing(
    qtbot: Any, runner: Any, diary: Any
) -> None:
    """Ctrl+D then Ctrl+S at once: no day is picked yet (the date field still holds Qt's
    1 Jan 2000), so nothing is saved, least of all a check-in for that day."""
    from twitchlog.diary import days
    from twitchlog.gui.checkin_view import CheckinView

    view = CheckinView(runner)  # built, not refreshed: the form has not loaded
    qtbot.addWidget(view)
    view.submit()
    wait_idle(qtbot, runner)
    with diary.read() as s:
        assert days.list_days(s) == []
    view.refresh()  # once loaded, the same key saves today's check-in
    wait_idle(qtbot, runner)
    view.submit()
    wait_idle(qtbot, runner)
    with diary.read() as s:
        assert [d.date for d in days.list_days(s)] == [view.day()]
