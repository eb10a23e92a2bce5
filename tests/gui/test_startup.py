"""Start-up: the window paints before the diary opens, views are built on first use."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import episodes_on_disk, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from twitchlog.gui import prefs


def test_first_paint_screenshot_shows_today_before_the_diary_opens(
    qapp: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twitchlog.gui import app

    seen: dict[str, Any] = {}
    take = app.Screenshot.take

    def look_then_take(shot: Any) -> None:
        w = shot.window
        today = w.views["today"]
        seen.update(
            view=w.current_view(),
            built=sorted(w.views),
            log_button=today.log_button.isVisible() and today.log_button.isEnabled(),
            summary=today.summary.text(),
            open=w.runner.is_open,
        )
        take(shot)

    monkeypatch.setattr(app.Screenshot, "take", look_then_take)
    out = tmp_path / "first.png"
    assert app.run(str(db_path), str(out)) == 0
    assert QImage(str(out)).size().toTuple() == (1000, 720)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # a picture of the diary is private
    assert seen == {
        "view": "today",
        "built": ["today"],
        "log_button": True,
        "summary": "Opening your diary…",
        "open": False,
    }
    assert not db_path.exists()  # it exits before opening: no lock, no backup, no new file


def test_a_view_shown_before_the_diary_opens_waits_for_it(
    qapp: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Charts asks for its data at once; that waits behind the opening, no error shown."""
    from twitchlog.gui import app

    seen: list[str] = []
    take = app.Screenshot.take

    def look_then_take(shot: Any) -> None:
        seen.append(shot.window.views["charts"].status.text())
        take(shot)

    monkeypatch.setattr(app.Screenshot, "take", look_then_take)
    assert app.run(str(db_path), str(tmp_path / "charts.png"), "charts") == 0
    assert seen == ["Loading…"]


def test_first_paint_and_loaded_screenshots_differ(run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("demo", "--days", "30")[0] == 0
    first, loaded = tmp_path / "first.png", tmp_path / "loaded.png"
    code, _out, err = run_cli("gui", "--screenshot", str(first))
    assert code == 0, err
    code, _out, err = run_cli("gui", "--screenshot", str(loaded), "--wait-loaded")
    assert code == 0, err
    a, b = QImage(str(first)), QImage(str(loaded))
    assert a.size() == b.size()
    assert a != b  # the loaded one lists the twitches (and the doctor notice)


def test_wait_loaded_needs_a_screenshot(run_cli: Any) -> None:
    code, _out, err = run_cli("gui", "--wait-loaded")
    assert code == 2
    assert "--wait-loaded goes with --screenshot" in err


def test_a_wrong_diary_on_the_command_line_is_refused_before_any_window(
    run_cli: Any, tmp_path: Path
) -> None:
    """A folder given as --db: the command's own sentence and exit 2, no window, no
    picture (the default place alone is looked up after the first paint)."""
    shot = tmp_path / "w.png"
    code, _out, err = run_cli("gui", "--db", str(tmp_path), "--screenshot", str(shot))
    assert code == 2
    assert "is a folder, not a diary file" in err
    assert not shot.exists()


def test_a_log_click_before_the_diary_opens_is_saved(qtbot: Any, db_path: Path, diary: Any) -> None:
    from twitchlog.gui.app import application
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    application()
    runner = TaskRunner()
    runner.hold()  # as `twitchlog` starts: opening waits for the first paint
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    runner.open(str(db_path), on_error=window.open_failed)
    today = window.views["today"]
    try:
        qtbot.mouseClick(today.log_button, Qt.MouseButton.LeftButton)
        assert not runner.is_open
        with qtbot.waitSignal(runner.opened, timeout=10_000):
            runner.release()
        wait_idle(qtbot, runner)
        assert len(episodes_on_disk(diary)) == 1
        assert today.panel.isVisible()
        assert "1 twitch;" in today.summary.text()
    finally:
        wait_idle(qtbot, runner)
        window.close()
        runner.shutdown()


def test_a_held_runner_starts_by_itself_and_a_shut_one_starts_nothing(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window that never paints (minimised at login, a desktop that never exposes it) still
    opens its diary; a runner shut down while held opens, locks and backs up nothing."""
    from twitchlog.gui import tasks

    monkeypatch.setattr(tasks, "HOLD_LIMIT_MS", 50)
    runner = tasks.TaskRunner()
    runner.hold()
    try:
        with qtbot.waitSignal(runner.opened, timeout=10_000):
            runner.open(str(db_path))  # never released: the time limit lets it go
        assert runner.is_open
    finally:
        runner.shutdown()
    shut = tasks.TaskRunner()
    shut.hold()
    shut.open(str(db_path.with_name("never.sqlite3")))
    shut.shutdown()
    qtbot.wait(100)  # past the hold limit: the held opening must not start now
    assert shut.is_idle() and not shut.is_open
    assert not db_path.with_name("never.sqlite3").exists()


def test_a_tab_clicked_for_the_first_time_shows_its_data(
    qtbot: Any, window: Any, diary: Any
) -> None:
    from twitchlog.diary import episodes

    with diary.write() as s:
        episodes.log_episode(s, severity=4)
    assert "history" not in window.views  # not built until it is wanted
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    wait_idle(qtbot, window.runner)
    assert window.current_view() == "history"
    history = window.views["history"]
    assert history.isVisible()
    assert history.table.model().rowCount() == 1
    assert history.table.model().index(0, 2).data() == "4"


def test_settings_menu_works_before_the_settings_tab_was_opened(qtbot: Any, window: Any) -> None:
    action = next(a for a in window.actions() if a.text() == "Add a &factor…")
    action.trigger()
    wait_idle(qtbot, window.runner)
    dialog = window.views["settings"].dialog
    assert dialog.isVisible()
    dialog.close()


def test_an_open_check_in_follows_a_change_of_unit(qtbot: Any, window: Any) -> None:
    window.show_view("checkin")
    wait_idle(qtbot, window.runner)
    caffeine = window.views["checkin"].form.fields["caffeine_mg"]
    assert caffeine.control.isEnabled()  # mg typed directly
    prefs.put("units/caffeine", "cups")
    window.preferences_changed()
    wait_idle(qtbot, window.runner)
    caffeine = window.views["checkin"].form.fields["caffeine_mg"]
    assert not caffeine.control.isEnabled()  # entered in cups now


def test_typing_as_soon_as_the_check_in_form_appears_is_kept(qtbot: Any, window: Any) -> None:
    import threading

    busy = threading.Event()
    window.show_view("checkin")  # built now; its first load is queued
    view = window.views["checkin"]
    window.runner.read(lambda _s: busy.wait(10))  # the worker is busy right after that load
    qtbot.waitUntil(lambda: "stress" in view.form.fields, timeout=10_000)
    view.form.fields["stress"].set_value(8)
    busy.set()
    wait_idle(qtbot, window.runner)
    assert view.form.fields["stress"].value() == 8
    assert view.day() == view.date.maximumDate().toPython()  # today
