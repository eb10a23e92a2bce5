"""One window per diary: a second one is refused with a sentence; the first keeps working."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui_helpers import wait_idle


def test_second_window_on_the_same_diary_is_refused(qtbot: Any, runner: Any, db_path: Path) -> None:
    from twitchlog.gui.tasks import TaskRunner

    second = TaskRunner()
    errors: list[Any] = []
    second.open(str(db_path), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "already open in another twitchlog window" in str(errors[0])
    assert not second.is_open
    second.shutdown()
    # the first window still writes
    from twitchlog.diary.episodes import list_episodes, log_episode

    runner.write(lambda s: log_episode(s, severity=3))
    wait_idle(qtbot, runner)
    got: list[Any] = []
    runner.read(list_episodes, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert [e.severity for e in got[0]] == [3]


def test_lock_is_released_when_the_window_closes(qtbot: Any, db_path: Path) -> None:
    from twitchlog.gui.tasks import TaskRunner

    first = TaskRunner()
    with qtbot.waitSignal(first.opened, timeout=10_000):
        first.open(str(db_path))
    wait_idle(qtbot, first)
    first.shutdown()
    again = TaskRunner()
    with qtbot.waitSignal(again.opened, timeout=10_000):
        again.open(str(db_path))
    wait_idle(qtbot, again)
    again.shutdown()
