"""The application shell: crash guard, screenshots, preferences, reminder, notice, start-up."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import wait_idle
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from twitchlog.gui import prefs
from twitchlog.gui.app import CrashGuard

ROOT = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.qt_no_exception_capture
def test_bug_in_a_slot_shows_a_dialog_and_keeps_the_form(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twitchlog.diary import days

    guard = CrashGuard(lambda: window).install()
    try:
        window.show_view("checkin")
        view = window.views["checkin"]
        qtbot.waitUntil(lambda: "stress" in view.form.fields)
        view.form.fields["stress"].set_value(8)
        view.form.note.setPlainText("typed before the crash")

        def broken(*_a: object, **_k: object) -> None:
            raise RuntimeError("a bug in check_in")

        monkeypatch.setattr(days, "check_in", broken)
        view.submit()  # the bug happens on the worker and comes back to the UI thread
        wait_idle(qtbot, window.runner)
        assert guard.dialog is not None and guard.dialog.isVisible()
        assert "RuntimeError: a bug in check_in" in guard.dialog.text()
        assert view.form.fields["stress"].value() == 8
        assert view.form.note.toPlainText() == "typed before the crash"

        button = QPushButton("boom", window)  # a bug raised directly in a Qt slot
        button.clicked.connect(lambda: 1 / 0)
        button.click()
        assert isinstance(guard.seen[-1], ZeroDivisionError)
        # Still running: logging works after both errors.
        monkeypatch.undo()
        window.log_twitch()
        wait_idle(qtbot, window.runner)
        assert window.views["today"].panel.isVisible()
    finally:
        guard.uninstall()


def test_screenshot_command_writes_a_png_of_the_window(run_cli: Any, tmp_path: Path) -> None:
    code, _out, _err = run_cli("demo", "--days", "30")
    assert code == 0
    for view in ("today", "history"):
        out = tmp_path / f"{view}.png"
        code, _out, err = run_cli("gui", "--screenshot", str(out), "--view", view, "--wait-loaded")
        assert code == 0, err
        assert out.stat().st_size > 5000
        assert png_size(out) == (1000, 720)


def test_screenshot_of_an_unknown_view_is_refused(run_cli: Any, tmp_path: Path) -> None:
    code, _out, err = run_cli("gui", "--screenshot", str(tmp_path / "x.png"), "--view", "nope")
    assert code == 2
    assert "There is no view 'nope'" in err


def test_no_command_opens_the_window_on_the_default_diary(qapp: QApplication) -> None:
    from twitchlog.cli import main
    from twitchlog.gui.main_window import MainWindow

    seen: list[str] = []

    def close_when_loaded() -> None:
        for w in qapp.topLevelWidgets():
            if isinstance(w, MainWindow) and w.runner.is_open and w.runner.is_idle():
                seen.append(w.runner.location)
                w.close()  # closing the main window ends main()
                return
        QTimer.singleShot(10, close_when_loaded)

    QTimer.singleShot(0, close_when_loaded)
    assert main([]) == 0
    from twitchlog.paths import resolve_location

    assert seen == [resolve_location(None)]
    assert Path(seen[0]).exists()


def test_preferences_live_under_the_tests_config_dir(tmp_path: Path) -> None:
    import os

    config = Path(os.environ["XDG_CONFIG_HOME"])
    prefs.put("reminder/time", "07:15")
    assert prefs.settings_file().is_relative_to(config)
    assert "07:15" in prefs.settings_file().read_text()
    assert prefs.get("reminder/time") == "07:15"


def test_preferences_follow_a_changed_config_folder_and_stay_apart_on_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings are kept open between reads (start-up speed), but never past a change
    of config folder, and a worker thread never shares the UI thread's QSettings."""
    import threading

    prefs.put("units/caffeine", "cups")
    first = prefs.settings_file()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert prefs.get("units/caffeine") == "mg"  # a new folder: its own (default) value
    prefs.put("units/caffeine", "mg")
    assert prefs.settings_file().is_relative_to(tmp_path / "elsewhere")
    assert "cups" in first.read_text()  # the first folder's file is untouched
    assert prefs.store() is prefs.store()  # kept on the UI thread
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(prefs.store()))
    worker.start()
    worker.join()
    assert seen[0] is not prefs.store()


def test_geometry_and_last_view_are_remembered(qtbot: Any, window: Any) -> None:
    from twitchlog.gui.main_window import MainWindow

    window.resize(700, 500)  # within the offscreen 800×600 screen
    window.show_view("history")
    window.close()
    again = MainWindow(window.runner)
    qtbot.addWidget(again)
    assert again.current_view() == "history"  # reopened at once: carry on
    assert (again.width(), again.height()) == (700, 500)
    prefs.put("window/closed_at", "2020-01-01T08:00:00")
    later = MainWindow(window.runner)
    qtbot.addWidget(later)
    assert later.current_view() == "today"  # a new start: the log button first
    # The two extra windows' views asked the shared worker for their data; let it answer
    # before the test closes them (an answer for a closed window has no widgets to fill).
    wait_idle(qtbot, window.runner)


def test_reminder_fires_when_today_is_not_checked_in(qtbot: Any, window: Any) -> None:
    assert not window.reminder_bar.isVisible()
    with qtbot.waitSignal(window.reminder.due, timeout=5000):
        window.reminder.fire_in(5)
    wait_idle(qtbot, window.runner)
    assert window.reminder_bar.isVisible()
    assert "not checked in today" in window.reminder_bar.text.text()
    window.reminder_bar.action.click()
    assert window.current_view() == "checkin"


def test_reminder_stays_quiet_after_the_check_in(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import days, rules

    with diary.write() as s:
        days.check_in(s, rules.today(4), {"stress": 2})
    fired: list[bool] = []
    window.reminder.due.connect(lambda: fired.append(True))
    with qtbot.waitSignal(window.reminder.checked, timeout=5000) as result:
        window.reminder.fire_in(1)
    assert result.args == [True]
    assert fired == []
    assert not window.reminder_bar.isVisible()


def test_reminder_time_is_next_occurrence() -> None:
    from twitchlog.gui.reminder import ms_until

    now = dt.datetime(2026, 11, 20, 21, 0)
    assert ms_until(dt.time(21, 30), now) == 30 * 60 * 1000
    assert ms_until(dt.time(20, 30), now) == 23.5 * 3600 * 1000


def test_settings_dialog_saves_day_start_units_and_reminder(
    qtbot: Any, window: Any, diary: Any
) -> None:
    from twitchlog.diary import settings as diary_settings

    view = window.views["settings"]
    view.open_settings()
    dialog = view.dialog
    dialog.day_start.setValue(6)
    dialog.units.setCurrentIndex(dialog.units.findData("cups"))
    dialog.remind.setChecked(False)
    dialog.day_start.setValue(6)
    dialog.submit()
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert diary_settings.day_start_hour(s) == 6
    assert prefs.get("units/caffeine") == "cups"
    assert prefs.get("reminder/enabled") is False
    assert window.reminder.at is None
    assert "Caffeine entered in cups" in view.summary.text()
    checkin = window.views["checkin"]  # built on first use, in the unit just chosen
    wait_idle(qtbot, window.runner)
    caffeine = checkin.form.fields["caffeine_mg"]
    assert caffeine.cups is not None and not caffeine.control.isEnabled()


def test_treatments_add_and_end(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import treatments

    view = window.views["settings"]
    view.open_treatment()
    dialog = view.dialog
    dialog.submit()  # no name: refused with a sentence, dialog stays
    wait_idle(qtbot, window.runner)
    assert "needs a name" in dialog.error.text()
    dialog.name.setText("gabapentin")
    dialog.dose.setText("300")
    dialog.unit.setText("mg")
    dialog.submit()
    wait_idle(qtbot, window.runner)
    assert "gabapentin 300 mg" in view.treatments.item(0).text()
    view.treatments.setCurrentRow(0)
    view.open_end_treatment()
    view.dialog.submit()
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        (t,) = treatments.list_treatments(s)
    assert t.end == dt.date.today()
    assert "until" in view.treatments.item(0).text()


def test_doctor_notice_shows_and_can_be_dismissed(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import episodes

    assert not window.notice.isVisible()
    with diary.write() as s:
        episodes.log_episode(s, places=["left:upper_eyelid"], signs=["drooping"])
    window.check_notice()
    wait_idle(qtbot, window.runner)
    assert window.notice.isVisible()
    assert "drooping" in window.notice.text.text()
    assert "not medical advice" in window.notice.small.text()
    window.notice.close_button.click()
    window.check_notice()
    wait_idle(qtbot, window.runner)
    assert not window.notice.isVisible()


def test_the_first_paint_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    """What `twitchlog` has loaded the moment its window is first painted (the real start,
    through the command line): no diary layer, no other view, none of the worker's or the
    default diary folder's imports, and none of the Qt classes that cost 2–20 ms to build
    the first time they are touched (the Qt namespace, QStyle, QIcon)."""
    import os

    code = (
        "import sys\n"
        "from twitchlog.gui import main_window\n"
        "seen = []\n"
        "first = main_window.MainWindow._first_painted\n"
        "def spy(self):\n"
        "    if not seen:\n"
        "        import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W\n"
        "        built = {n for m in (C, G, W) for n in vars(m)}\n"
        "        seen.append((set(sys.modules), built))\n"
        "    first(self)\n"
        "main_window.MainWindow._first_painted = spy\n"
        "from twitchlog.cli import main\n"
        f"main(['gui', '--screenshot', {str(tmp_path / 'w.png')!r}])\n"
        "modules, built = seen[0]\n"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'matplotlib', 'numpy', 'scipy',"
        " 'platformdirs', 'concurrent.futures', 'sqlite3', 'dataclasses', 'difflib',"
        " 'twitchlog.gui.checkin_view', 'twitchlog.gui.history_view',"
        " 'twitchlog.gui.charts_view', 'twitchlog.gui.settings_view') if m in modules]\n"
        # The diary layer is the worker's, after the paint (~40 ms of imports before it).
        "heavy += [m for m in modules if m.startswith(('twitchlog.diary', 'twitchlog.db',"
        " 'twitchlog.analysis', 'twitchlog.charts', 'twitchlog.report'))]\n"
        # PySide6 builds a class on first use; when it does not (no lazy loading), skip.
        "if 'QPdfWriter' not in built:\n"
        "    heavy += [n for n in ('Qt', 'QStyle', 'QIcon') if n in built]\n"
        "print(sorted(heavy))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    env.update({k: v for k, v in os.environ.items() if k.startswith("XDG_")})
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]", out.stderr


def test_loaded_today_view_does_not_import_numpy(tmp_path: Path) -> None:
    """The Today view's reads (summary, notice, next injection, experiment line) run on
    every start: numpy (~0.15 s) would slow the loaded window for nothing."""
    import os

    db = tmp_path / "d.sqlite3"
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    env.update({k: v for k, v in os.environ.items() if k.startswith("XDG_")})
    run = [sys.executable, "-m", "twitchlog"]
    subprocess.run([*run, "demo", "--days", "30", "--db", str(db)], env=env, check=True)
    code = (
        "import sys\n"
        "from twitchlog.cli import main\n"
        f"main(['gui', '--db', {str(db)!r}, '--screenshot', {str(tmp_path / 'w.png')!r},"
        " '--wait-loaded'])\n"
        "print([m for m in ('numpy', 'scipy', 'matplotlib', 'sqlalchemy') if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr
