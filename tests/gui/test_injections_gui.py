"""Injections in the window: add one, feel it wearing off on Today, see the cycle charted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui_helpers import wait_idle
from PySide6.QtCore import QDate, Qt


def _diary_with_check_ins(diary: Any) -> dt.date:
    """Four months of check-ins and twitches (no injections yet); returns the last day."""
    from twitchlog.diary import rules
    from twitchlog.diary.days import DayDraft, apply_days

    today = rules.today(4)
    drafts = [
        DayDraft(today - dt.timedelta(days=k), {"stress": 4.0}, "", k % 9 == 0)
        for k in range(120, 0, -1)
    ]
    with diary.write() as s:
        apply_days(s, drafts)
    return today


def _by_gid(fig: Any, gid: str) -> list[Any]:
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


def test_add_an_injection_mark_wearing_off_and_see_the_cycle(
    qtbot: Any, window: Any, diary: Any
) -> None:
    from twitchlog.diary import injections as inj

    today = _diary_with_check_ins(diary)
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    panel = window.views["settings"].injections
    assert "No injections recorded." in panel.list.item(0).text()
    assert not window.views["today"].injection.isVisible()

    panel.open_add()
    dialog = panel.dialog
    shot = today - dt.timedelta(days=60)
    dialog.date.setDate(QDate(shot.year, shot.month, shot.day))
    dialog.product.setCurrentIndex(dialog.product.findData("incobotulinumtoxinA"))
    dialog.units.setText("lots")
    dialog.save()  # refused with a sentence; the dialog stays open
    wait_idle(qtbot, window.runner)
    assert "must be a number" in dialog.error.text() and dialog.isVisible()
    dialog.units.setText("40")
    dialog._add_site()  # nothing picked yet
    assert "Pick a place" in dialog.error.text()
    dialog.place.set_code("left:upper_eyelid")
    dialog._add_site()
    dialog.effects["ptosis"].setCurrentIndex(dialog.effects["ptosis"].findData(1))
    dialog.save()
    wait_idle(qtbot, window.runner)
    assert not dialog.isVisible()
    with diary.read() as s:
        (saved,) = inj.list_injections(s)
    assert (saved.date, saved.product, saved.units) == (shot, "incobotulinumtoxinA", 40)
    assert [p.code for p in saved.sites] == ["left:upper_eyelid"]
    assert saved.side_effects == {"ptosis": 1}
    assert "incobotulinumtoxinA 40 units" in panel.list.item(0).text()
    assert "Next injection due around" in panel.due.text()

    window.show_view("today")
    wait_idle(qtbot, window.runner)
    strip = window.views["today"].injection
    assert strip.isVisible()
    qtbot.mouseClick(strip.wearing_off, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert [m.date for m in inj.list_wearing_off(s)] == [today]
    assert not strip.wearing_off.isEnabled()

    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    fig = panel.canvas.figure
    (line,) = _by_gid(fig, "cycle")  # the one cycle, aligned on the injection day
    assert line.get_xdata()[0] == 0 and len(line.get_xdata()) == 9  # days 0–59
    (felt,) = _by_gid(fig, "felt")
    assert felt.get_xdata()[0] == 60 / 7
    assert _by_gid(fig, "baseline")  # the untreated weeks before it

    window.undo()  # the wearing-off marker goes again
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert inj.list_wearing_off(s) == []


def test_reminder_banner_and_switch(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import injections as inj

    today = _diary_with_check_ins(diary)
    with diary.write() as s:
        inj.add_injection(s, today - dt.timedelta(days=80), product="ona")  # due in 4 days
    window.refresh_all()
    wait_idle(qtbot, window.runner)
    strip = window.views["today"].injection
    assert "due around" in strip.due.text() and "in 4 days" in strip.due.text()
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    panel = window.views["settings"].injections
    assert panel.remind.isChecked() and panel.remind_days.value() == 7
    panel.remind.setChecked(False)
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert inj.reminder_days(s) is None
    window.refresh_all()
    wait_idle(qtbot, window.runner)
    assert strip.due.text() == ""


def test_change_and_delete_with_undo(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import injections as inj

    with diary.write() as s:
        inj.add_injection(s, dt.date(2026, 1, 5), product="ona", units=50, note="first")
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    panel = window.views["settings"].injections
    panel.list.setCurrentRow(0)
    panel.open_edit()
    assert panel.dialog.units.text() == "50" and panel.dialog.note.text() == "first"
    panel.dialog.units.setText("")  # units no longer known
    panel.dialog.effects["tearing"].setCurrentIndex(panel.dialog.effects["tearing"].findData(2))
    panel.dialog.save()
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        (shot,) = inj.list_injections(s)
    assert shot.units is None and shot.side_effects == {"tearing": 2} and shot.note == "first"
    panel.list.setCurrentRow(0)
    panel.delete_selected()
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert inj.list_injections(s) == []
    window.undo()
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert inj.list_injections(s) == [shot]


def test_long_injection_lines_wrap_inside_the_list(qtbot: Any, window: Any, diary: Any) -> None:
    """Product, units, four sites and three side effects: the line wraps inside the list
    (no sideways scrolling) and its tooltip holds the whole line."""
    from twitchlog.diary import injections as inj

    sites = ["left:upper_eyelid", "right:upper_eyelid", "left:cheek", "right:eyebrow"]
    effects = {"ptosis": 2, "tearing": 1, "dry_eye": 1}
    with diary.write() as s:
        inj.add_injection(s, dt.date(2026, 1, 5), product="ona", units=50, sites=sites,
                          side_effects=effects)  # fmt: skip
    window.resize(900, 700)
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    panel = window.views["settings"].injections
    qtbot.waitUntil(lambda: panel.list.item(0).data(Qt.ItemDataRole.UserRole) is not None)
    item = panel.list.item(0)
    shown = panel.list.viewport().width()
    assert panel.list.fontMetrics().horizontalAdvance(item.text()) > shown  # really too long
    assert panel.list.horizontalScrollBar().maximum() == 0
    assert panel.list.visualItemRect(item).width() <= shown
    assert panel.list.visualItemRect(item).height() > panel.list.fontMetrics().height() * 1.5
    assert item.toolTip() == item.text()


def test_a_write_reloads_the_injection_panel_once(qtbot: Any, window: Any) -> None:
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    panel = window.views["settings"].injections
    shown = []
    real = panel._show
    panel._show = lambda c: (shown.append(c), real(c))
    window.runner.changed.emit()  # what every successful write sends
    wait_idle(qtbot, window.runner)
    assert len(shown) == 1
