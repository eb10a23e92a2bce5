"""Typed operations: the job runs on the worker, its outcome reaches the right callback on
the UI thread, and a write that fails leaves the diary as it was."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from gui_helpers import episodes_on_disk, wait_idle

from twitchlog.diary import episodes
from twitchlog.diary.records import Episode
from twitchlog.errors import DiaryError, NotFound
from twitchlog.gui.operations import ReadOp, WriteOp
from twitchlog.gui.tasks import WorkerConnection

NOON = dt.datetime(2025, 3, 14, 12, 0).astimezone()


class Outcome:
    """What came back, and on which thread each part ran."""

    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[DiaryError] = []
        self.threads: list[threading.Thread] = []

    def ok(self, result: object) -> None:
        self.threads.append(threading.current_thread())
        self.results.append(result)

    def failed(self, error: DiaryError) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(error)


def test_a_read_brings_the_diary_back_to_the_ui_thread(qtbot: Any, runner: Any, diary: Any):
    with diary.write() as c:
        logged = episodes.log_episode(c, started_at=NOON, severity=3)
    worker: list[str] = []

    def job(conn: WorkerConnection) -> list[Episode]:
        worker.append(threading.current_thread().name)
        return episodes.list_episodes(conn)

    got = Outcome()
    ReadOp(runner, job).success(got.ok).failure(got.failed).run()
    wait_idle(qtbot, runner)
    assert got.results == [[logged]] and not got.errors
    assert worker[0].startswith("twitchlog-db")  # the job ran on the worker...
    assert got.threads == [threading.main_thread()]  # ...its result came to the UI thread


def test_a_failed_read_reaches_the_failure_callback_with_its_sentence(qtbot: Any, runner: Any):
    got = Outcome()
    ReadOp(runner, lambda c: episodes.get_episode(c, 4711)).success(got.ok).failure(
        got.failed
    ).run()
    wait_idle(qtbot, runner)
    assert not got.results
    assert [type(e) for e in got.errors] == [NotFound]
    assert "4711" in str(got.errors[0])
    assert got.threads == [threading.main_thread()]


def test_a_failure_nobody_handles_goes_to_the_window(qtbot: Any, runner: Any):
    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        ReadOp(runner, lambda c: episodes.get_episode(c, 4711)).run()
    assert isinstance(blocker.args[0], NotFound)


def test_a_write_commits_and_the_views_hear_of_it(qtbot: Any, runner: Any, diary: Any):
    got = Outcome()
    with qtbot.waitSignal(runner.changed, timeout=10_000):
        WriteOp(runner, lambda c: episodes.log_episode(c, started_at=NOON, severity=2)).success(
            got.ok
        ).run()
    wait_idle(qtbot, runner)
    assert got.results == episodes_on_disk(diary)
    assert got.threads == [threading.main_thread()]


def test_a_failed_write_changes_nothing(qtbot: Any, runner: Any, diary: Any):
    with diary.write() as c:
        kept = episodes.log_episode(c, started_at=NOON, severity=1)

    def job(conn: WorkerConnection) -> Episode:
        episodes.delete_episode(conn, kept.id)  # done, then the next step fails
        episodes.log_episode(conn, started_at=NOON, severity=3)
        return episodes.get_episode(conn, 4711)

    got = Outcome()
    changed: list[bool] = []
    runner.changed.connect(lambda: changed.append(True))
    WriteOp(runner, job).success(got.ok).failure(got.failed).run()
    wait_idle(qtbot, runner)
    assert not got.results and [type(e) for e in got.errors] == [NotFound]
    assert got.threads == [threading.main_thread()]
    assert episodes_on_disk(diary) == [kept]  # neither the delete nor the new one stuck
    assert not changed  # nothing to reload


def test_delete_a_treatment_and_undo_it(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import treatments

    with diary.write() as c:
        kept = treatments.add_treatment(c, "Magnesium", kind="medication", start=NOON.date())
        gone = treatments.add_treatment(
            c, "Propranolol", kind="medication", start=NOON.date(), dose=40, unit="mg"
        )
    view = window.settings_view()
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    assert view.treatments.count() == 2
    view.treatments.setCurrentRow(1)
    view.delete_treatment.click()
    wait_idle(qtbot, window.runner)
    with diary.read() as c:
        assert treatments.list_treatments(c) == [kept]
    assert view.treatments.count() == 1 and "Propranolol" not in view.treatments.item(0).text()
    assert window.undo_action.text() == "&Undo deleting the treatment Propranolol"
    assert "Deleted the treatment Propranolol" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    wait_idle(qtbot, window.runner)
    with diary.read() as c:
        assert treatments.list_treatments(c) == [kept, gone]  # the same number, dose and all
    assert [view.treatments.item(i).text().split()[0] for i in range(2)] == [
        "Magnesium",
        "Propranolol",
    ]
    assert not window.undo_action.isEnabled()


def test_delete_without_a_selection_says_so(qtbot: Any, window: Any, diary: Any) -> None:
    from twitchlog.diary import treatments

    with diary.write() as c:
        treatments.add_treatment(c, "Magnesium", kind="medication", start=NOON.date())
    view = window.settings_view()
    window.show_view("settings")
    wait_idle(qtbot, window.runner)
    view.treatments.setCurrentRow(-1)
    view.delete_treatment.click()
    wait_idle(qtbot, window.runner)
    assert window.statusBar().currentMessage() == "Select a treatment first."
    with diary.read() as c:
        assert len(treatments.list_treatments(c)) == 1
    assert not window.undo_action.isEnabled()


def test_undoing_a_log_tidies_the_today_panel_it_belongs_to(qtbot: Any, window: Any, diary: Any):
    from PySide6.QtCore import Qt

    today = window.today_view()
    today.log_now()
    wait_idle(qtbot, window.runner)
    first = today.current
    today.log_now()
    wait_idle(qtbot, window.runner)
    assert today.panel.isVisible() and today.current != first
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    assert episodes_on_disk(diary) == [first]
    assert not today.panel.isVisible() and today.current is None  # its entry tidied it
    assert window.undo_action.text().startswith("&Undo logging the twitch at ")
    window.undo()
    wait_idle(qtbot, window.runner)
    assert episodes_on_disk(diary) == []
    assert not window.undo_action.isEnabled()


def test_every_view_in_the_tabs_is_a_view(qtbot: Any, window: Any) -> None:
    from twitchlog.gui.main_window import VIEWS
    from twitchlog.gui.operations import View

    for name, _title, _target in VIEWS:
        assert isinstance(window.views[name], View), name
    wait_idle(qtbot, window.runner)
