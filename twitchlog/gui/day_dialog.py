"""Edit a past check-in in a dialog, with the same form and rules as the check-in view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from twitchlog.diary.records import Day, Factor
from twitchlog.gui.checkin_view import CheckinForm
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.wheel import guard_wheel


class DayDialog(QDialog):
    def __init__(self, runner: TaskRunner, date: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.date = date
        self.setWindowTitle(f"Check-in for {date.isoformat()}")
        self.resize(640, 640)
        self.form = CheckinForm(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.buttons)

        def job(s: Any) -> tuple[list[Factor], Day | None]:
            from twitchlog.diary import days, factors

            return factors.list_factors(s), days.get_day(s, date)

        runner.read(job, self._loaded)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def _loaded(self, result: tuple[list[Factor], Day | None]) -> None:
        factors, day = result
        self.form.set_factors(factors)
        self.form.load(day)

    def submit(self) -> None:
        values, date = self.form.values(), self.date
        note, none = self.form.note.toPlainText(), self.form.no_twitches.isChecked()

        def job(s: Any) -> Day:
            from twitchlog.diary import days

            return days.check_in(s, date, values, note=note, no_twitches=none)

        self.runner.write(job, lambda _d: self.accept(), self.form.show_error)
