"""History: table of plain records, date filter, edit in a dialog, delete with Undo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui_helpers import day_on_disk, episodes_on_disk, wait_idle
from PySide6.QtCore import Qt

from twitchlog import catalog
from twitchlog.diary import rules


@pytest.fixture
def filled(diary: Any) -> dt.date:
    from twitchlog.diary import days, episodes

    today = rules.today(catalog.DEFAULT_DAY_START_HOUR)
    noon = dt.datetime.combine(today - dt.timedelta(days=2), dt.time(12)).astimezone()
    with diary.write() as s:
        episodes.log_episode(s, started_at=noon, severity=2, places=["left:upper_eyelid"])
        episodes.log_episode(s, started_at=noon - dt.timedelta(days=40), severity=1)
        days.check_in(s, today - dt.timedelta(days=2), {"stress": 6}, note="busy")
    return today


def _history(qtbot: Any, window: Any, kind: str = "episodes") -> Any:
    view = window.views["history"]
    window.show_view("history")
    view.kind.setCurrentIndex(view.kind.findData(kind))
    view.refresh()
    wait_idle(qtbot, window.runner)
    return view


def test_table_lists_records_in_the_date_range(qtbot: Any, window: Any, filled: dt.date):
    view = _history(qtbot, window)
    model = view.table.model()
    assert model.rowCount() == 1  # the one 40 days ago is outside the last 30 days
    assert model.index(0, 4).data() == "left upper eyelid"
    view.set_range(filled - dt.timedelta(days=60), filled)
    wait_idle(qtbot, window.runner)
    assert view.table.model().rowCount() == 2
    assert view.count.text() == "2 twitches"


def test_edit_episode_in_dialog(qtbot: Any, window: Any, diary: Any, filled: dt.date) -> None:
    view = _history(qtbot, window)
    view.table.selectRow(0)
    view.edit_selected()
    from twitchlog.gui.episode_dialog import EpisodeDialog

    (dialog,) = view.findChildren(EpisodeDialog)
    dialog.severity.setCurrentIndex(2)
    dialog.signs["numbness"].setChecked(True)
    dialog.place.set_code("right:cheek")
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert dialog.result() == dialog.DialogCode.Accepted
    ep = next(e for e in episodes_on_disk(diary) if e.diary_date > filled - dt.timedelta(days=5))
    assert (ep.severity, ep.signs, [p.code for p in ep.places]) == (
        3,
        ("numbness",),
        ["right:cheek"],
    )
    assert view.table.model().index(0, 5).data() == "numbness"


def test_edit_dialog_keeps_input_on_error(qtbot: Any, window: Any, filled: dt.date) -> None:
    from twitchlog.gui.episode_dialog import EpisodeDialog

    view = _history(qtbot, window)
    view.table.selectRow(0)
    view.edit_selected()
    (dialog,) = view.findChildren(EpisodeDialog)
    dialog.when.setDateTime(dialog.when.dateTime().addDays(30))  # in the future: refused
    dialog.notes.setText("kept")
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert dialog.error.isVisible() and "in the future" in dialog.error.text()
    assert dialog.notes.text() == "kept"
    assert dialog.result() != dialog.DialogCode.Accepted


def test_delete_episode_and_ctrl_z_undo(qtbot: Any, window: Any, diary: Any, filled: dt.date):
    view = _history(qtbot, window)
    before = episodes_on_disk(diary)
    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    assert len(episodes_on_disk(diary)) == len(before) - 1
    assert view.table.model().rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert episodes_on_disk(diary) == before  # same id, same everything
    assert view.table.model().rowCount() == 1


def test_days_edit_delete_undo_and_details(
    qtbot: Any, window: Any, diary: Any, filled: dt.date
) -> None:
    from twitchlog.gui.day_dialog import DayDialog

    day = filled - dt.timedelta(days=2)
    view = _history(qtbot, window, "days")
    model = view.table.model()
    assert model.rowCount() == 1
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, headings.index("Stress / anxiety (0–10)")).data() == "6/10"
    assert model.index(0, headings.index("Sleep (h)")).data() == ""  # not recorded: empty
    view.table.selectRow(0)
    view.show_details()
    wait_idle(qtbot, window.runner)
    assert "Stress / anxiety: 6/10" in view.details_box.text()
    assert "1 twitch:" in view.details_box.text()
    view.details_box.close()
    view.edit_selected()
    (dialog,) = view.findChildren(DayDialog)
    wait_idle(qtbot, window.runner)
    dialog.form.fields["sleep_h"].set_value(7)
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert day_on_disk(diary, day).values == {"stress": 6.0, "sleep_h": 7.0}
    view.table.selectRow(0)
    view.delete_selected()
    wait_idle(qtbot, window.runner)
    assert day_on_disk(diary, day) is None
    window.undo()
    wait_idle(qtbot, window.runner)
    restored = day_on_disk(diary, day)
    assert restored is not None and restored.note == "busy" and restored.values["sleep_h"] == 7
