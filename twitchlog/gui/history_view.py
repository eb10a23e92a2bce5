"""History: episodes or check-in days between two dates; edit, delete (with Undo), details."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from twitchlog.diary.history import DayDetails, DaysListing
from twitchlog.diary.records import Day, Episode, Factor
from twitchlog.gui.history_model import DayModel, EpisodeModel, fmt_duration
from twitchlog.gui.operations import ReadOp, UndoEntry, WriteOp
from twitchlog.gui.qdates import to_date, to_qdate
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import clock, date_pattern, format_date, long_date
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import N_, _
from twitchlog.words import plural

if TYPE_CHECKING:
    from twitchlog.gui.main_window import MainWindow

# This view's own keys (in the table), also listed in Help → Keyboard shortcuts.
SHORTCUTS = (
    ("Del", N_("Delete the selected row (Ctrl+Z undoes)")),
    ("Return", N_("Edit the selected row")),
)


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.rstrip("…"))
    b.setToolTip(tip)
    return b


class HistoryView(QWidget):
    def __init__(self, runner: TaskRunner, window: MainWindow | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.window_ = window
        self.episodes = EpisodeModel()
        self.days = DayModel()
        self.kind = QComboBox(self)
        self.kind.addItem("Twitches", "episodes")
        self.kind.addItem("Check-ins", "days")
        self.kind.setAccessibleName("Show twitches or check-ins")
        self.kind.setToolTip("Choose what the table lists")
        self.start = self._date_edit(_("From date"), _("From this diary day (inclusive)"), -30)
        self.end = self._date_edit(_("To date"), _("To this diary day (inclusive)"), 0)
        self.table = QTableView(self)
        self.table.setAccessibleName("History table")
        self.table.setToolTip("Double-click a row to edit it; Delete removes it (Ctrl+Z undoes)")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setModel(self.episodes)
        self.edit_button = _button("Edit…", "Edit the selected row (Enter)", self)
        self.delete_button = _button("Delete", "Delete the selected row (Del; Ctrl+Z undoes)", self)
        self.details_button = _button("Day details…", "Everything recorded on that day", self)
        self.count = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(QLabel("From", self))
        bar.addWidget(self.start)
        bar.addWidget(QLabel("to", self))
        bar.addWidget(self.end)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.details_button)
        # Tab order as read: the top row left to right, then the table.
        for a, b in (
            (self.end, self.edit_button),
            (self.edit_button, self.delete_button),
            (self.delete_button, self.details_button),
            (self.details_button, self.table),
        ):
            QWidget.setTabOrder(a, b)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.start.dateChanged.connect(self.refresh)
        self.end.dateChanged.connect(self.refresh)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.details_button.clicked.connect(self.show_details)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        for (keys, _what), slot in zip(
            SHORTCUTS, (self.delete_selected, self.edit_selected), strict=True
        ):
            QShortcut(QKeySequence(keys), self.table, slot)
        runner.changed.connect(self.refresh)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def _date_edit(self, name: str, tip: str, days: int) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate().addDays(days), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_pattern())
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        return edit

    def set_range(self, start: dt.date, end: dt.date) -> None:
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.refresh()

    @property
    def showing_days(self) -> bool:
        return bool(self.kind.currentData() == "days")

    def refresh(self) -> None:
        from twitchlog.diary import history

        start, end = to_date(self.start.date()), to_date(self.end.date())
        if self.showing_days:
            ReadOp(self.runner, lambda c: history.days_listing(c, start, end)).success(
                self._show_days
            ).run()
        else:
            ReadOp(self.runner, lambda c: history.episodes_listing(c, start, end)).success(
                self._show_episodes
            ).run()

    def _show_episodes(self, rows: list[Episode]) -> None:
        self.episodes.set_rows(rows)
        self._show(self.episodes, plural(len(rows), "twitch"))

    def _show_days(self, listing: DaysListing) -> None:
        self.days.set_days(listing.days, listing.factors, listing.twitches)
        self._show(self.days, plural(len(listing.days), "check-in"))

    def _show(self, model: EpisodeModel | DayModel, count: str) -> None:
        self.table.setModel(model)
        self.table.resizeColumnsToContents()
        for col in range(model.columnCount()):
            if self.table.columnWidth(col) > 260:
                self.table.setColumnWidth(col, 260)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count.setText(count)
        self.details_button.setEnabled(True)

    def selected(self) -> Episode | Day | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        model = self.table.model()
        if not rows or not isinstance(model, EpisodeModel | DayModel):
            return None
        return model.record(rows[0].row())

    def edit_selected(self) -> None:
        record = self.selected()
        if isinstance(record, Episode):
            from twitchlog.gui.episode_dialog import EpisodeDialog

            EpisodeDialog(self.runner, record, self).open()
        elif isinstance(record, Day):
            from twitchlog.gui.day_dialog import DayDialog

            DayDialog(self.runner, record.date, self).open()

    def delete_selected(self) -> None:
        record = self.selected()
        if isinstance(record, Episode):
            self._delete_episode(record)
        elif isinstance(record, Day):
            self._delete_day(record)

    def _delete_episode(self, record: Episode) -> None:
        from twitchlog.diary.episodes import delete_episode, restore_episode

        day, time = format_date(record.started_at.date()), clock(record.started_at)

        def deleted(gone: Episode) -> None:
            undo = UndoEntry(
                _("&Undo deleting the twitch of {day} at {time}").format(day=day, time=time),
                _("The twitch of {day} at {time} is back.").format(day=day, time=time),
                lambda c: restore_episode(c, gone),
            )
            said = _("Deleted the twitch of {day} at {time}. Ctrl+Z brings it back.")
            self._deleted(undo, said.format(day=day, time=time))

        WriteOp(self.runner, lambda c: delete_episode(c, record.id)).success(deleted).run()

    def _delete_day(self, record: Day) -> None:
        from twitchlog.diary.days import delete_day, restore_day

        day = format_date(record.date)

        def deleted(gone: Day) -> None:
            undo = UndoEntry(
                _("&Undo deleting the check-in of {day}").format(day=day),
                _("The check-in of {day} is back.").format(day=day),
                lambda c: restore_day(c, gone),
            )
            said = _("Deleted the check-in of {day}. Ctrl+Z brings it back.")
            self._deleted(undo, said.format(day=day))

        WriteOp(self.runner, lambda c: delete_day(c, record.date)).success(deleted).run()

    def _deleted(self, undo: UndoEntry, said: str) -> None:
        if self.window_ is not None:
            self.window_.push_undo(undo)
            self.window_.say(said)

    def show_details(self) -> None:
        record = self.selected()
        if record is None:
            return
        day = record.diary_date if isinstance(record, Episode) else record.date

        from twitchlog.diary import history

        def done(found: DayDetails) -> None:
            box = QMessageBox(QMessageBox.Icon.NoIcon, format_date(day), "", parent=self)
            box.setText(day_details(day, found.checkin, found.episodes, found.factors))
            box.setAccessibleName(_("Day details"))
            box.open()
            self.details_box = box

        ReadOp(self.runner, lambda c: history.day_details(c, day)).success(done).run()


def day_details(
    day: dt.date, checkin: Day | None, eps: list[Episode], factors: list[Factor]
) -> str:
    """The whole day as plain lines of text."""
    lines = [long_date(day)]
    if checkin is None:
        lines.append(_("No check-in for this day."))
    else:
        lines.append(_("No twitches (checked).") if checkin.no_twitches else _("Checked in."))
        for f in factors:
            if f.key in checkin.values:
                lines.append(f"  {_(f.label)}: {f.format_value(checkin.values[f.key])}")
        if checkin.note:
            lines.append("  " + _("Note: {note}").format(note=checkin.note))
    lines.append(_("{twitches}:").format(twitches=plural(len(eps), "twitch")))
    for e in eps:
        fields = {
            "time": clock(e.started_at),
            "severity": e.severity,
            "where": ", ".join(p.words for p in e.places) or _("no place given"),
        }
        line = (
            _("{time} severity {severity}, {where}, {duration}").format(
                duration=fmt_duration(e.duration_s), **fields
            )
            if e.duration_s
            else _("{time} severity {severity}, {where}").format(**fields)
        )
        lines.append("  " + line)
    return "\n".join(lines)
