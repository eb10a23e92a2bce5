"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from typing import Any


def wait_idle(qtbot: Any, runner: Any) -> None:
    """Wait until every queued database job has come back to the UI thread."""
    qtbot.waitUntil(runner.is_idle, timeout=10_000)


def episodes_on_disk(diary: Any) -> list[Any]:
    from twitchlog.diary import episodes

    with diary.read() as s:
        return episodes.list_episodes(s)


def day_on_disk(diary: Any, date: Any) -> Any:
    from twitchlog.diary import days

    with diary.read() as s:
        return days.get_day(s, date)
