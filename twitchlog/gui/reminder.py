"""The daily check-in reminder: fires at a set time if today is not checked in yet."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal

from twitchlog.gui.operations import ReadOp
from twitchlog.gui.tasks import TaskRunner


def ms_until(at: dt.time, now: dt.datetime) -> int:
    """Milliseconds from `now` to the next `at` (tomorrow if it has passed today)."""
    target = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if target <= now:
        target += dt.timedelta(days=1)
    return int((target - now).total_seconds() * 1000)


class Reminder(QObject):
    """A single-shot timer, re-armed daily; `due` is emitted when a reminder should show."""

    due = Signal()
    checked = Signal(bool)  # after each check: was today already checked in?

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.at: dt.time | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fire)

    def schedule(self, at: dt.time | None) -> None:
        """Arm for the next `at`; None switches the reminder off."""
        self.at = at
        self.timer.stop()
        if at is not None:
            self.timer.start(ms_until(at, dt.datetime.now()))

    def fire_in(self, ms: int) -> None:
        """Check after `ms` milliseconds (tests and 'remind me later')."""
        self.timer.start(ms)

    def _fire(self) -> None:
        from twitchlog.diary.today import checked_in_today

        def done(checked_in: bool) -> None:
            if not checked_in:
                self.due.emit()
            self.checked.emit(checked_in)
            if self.at is not None:
                self.schedule(self.at)

        if self.runner.is_open:
            ReadOp(self.runner, checked_in_today).success(done).run()
