"""Edit a past check-in in a dialog, with the same form and rules as the check-in view."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from twitchlog.gui.checkin_view import CheckinForm
from twitchlog.gui.operations import ReadOp, WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import format_date
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _

if TYPE_CHECKING:
    from twitchlog.diary.today import CheckinPage


class DayDialog(QDialog):
    def __init__(self, runner: TaskRunner, date: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.date = date
        self.setWindowTitle(_("Check-in for {day}").format(day=format_date(date)))
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

        from twitchlog.diary.today import checkin_page

        ReadOp(runner, lambda c: checkin_page(c, date)).success(self._loaded).run()
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def _loaded(self, page: CheckinPage) -> None:
        self.form.set_factors(page.factors)
        self.form.load(page.record)

    def submit(self) -> None:
        from twitchlog.diary.days import check_in

        values, date = self.form.values(), self.date
        note, none = self.form.note.toPlainText(), self.form.no_twitches.isChecked()
        WriteOp(
            self.runner, lambda c: check_in(c, date, values, note=note, no_twitches=none)
        ).success(lambda _d: self.accept()).failure(self.form.show_error).run()
