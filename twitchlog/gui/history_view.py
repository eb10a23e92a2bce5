"""History: episodes or check-in days between two dates; edit, delete (with Undo), details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
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

from twitchlog.diary.records import Day, Episode
from twitchlog.gui.history_model import DayModel, EpisodeModel, fmt_duration
from twitchlog.gui.tasks import TaskRunner


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.rstrip("…"))
    b.setToolTip(tip)
    return b


class HistoryView(QWidget):
    def __init__(self, runner: TaskRunner, window: Any = None) -> None:
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
        today = QDate.currentDate()
        self.start = self._date_edit("From", today.addDays(-30))
        self.end = self._date_edit("To", today)
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
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected)
        runner.changed.connect(self.refresh)

    def _date_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(f"{name} date")
        edit.setToolTip(f"{name} this diary day (inclusive)")
        return edit

    def set_range(self, start: dt.date, end: dt.date) -> None:
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.refresh()

    @property
    def showing_days(self) -> bool:
        return self.kind.currentData() == "days"

    def refresh(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        days_mode = self.showing_days

        def job(s: Any) -> tuple:
            from twitchlog.diary import days, episodes, factors, summaries

            if not days_mode:
                return episodes.list_episodes(s, start, end)[::-1], None, None
            counts = summaries.episodes_per_day(s, start, end)
            return days.list_days(s, start, end)[::-1], factors.list_factors(s), counts

        def done(result: tuple) -> None:
            rows, factors, counts = result
            if factors is None:
                self.episodes.set_rows(rows)
                self.table.setModel(self.episodes)
            else:
                self.days.set_days(rows, factors, counts)
                self.table.setModel(self.days)
            self.table.resizeColumnsToContents()
            for col in range(self.table.model().columnCount()):
                if self.table.columnWidth(col) > 260:
                    self.table.setColumnWidth(col, 260)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            what = "check-ins" if factors is not None else "twitches"
            self.count.setText(f"{len(rows)} {what}")
            self.details_button.setEnabled(True)

        self.runner.read(job, done)

    def selected(self) -> Episode | Day | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.table.model().record(rows[0].row())  # type: ignore[attr-defined]

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
        if record is None:
            return
        if isinstance(record, Episode):
            ident = record.id

            def job(s: Any) -> Episode:
                from twitchlog.diary import episodes

                return episodes.delete_episode(s, ident)

            def undo(rec: Episode):
                def restore(s: Any) -> Episode:
                    from twitchlog.diary import episodes

                    return episodes.restore_episode(s, rec)

                return restore

            label = f"twitch of {record.started_at.strftime('%Y-%m-%d %H:%M')}"
        else:
            date = record.date

            def job(s: Any) -> Day:
                from twitchlog.diary import days

                return days.delete_day(s, date)

            def undo(rec: Day):  # type: ignore[misc]
                def restore(s: Any) -> Day:
                    from twitchlog.diary import days

                    return days.restore_day(s, rec)

                return restore

            label = f"check-in of {date.isoformat()}"

        def done(deleted: Any) -> None:
            if self.window_ is not None:
                self.window_.push_undo(label, undo(deleted))
                self.window_.statusBar().showMessage(f"Deleted the {label}. Ctrl+Z brings it back.")

        self.runner.write(job, done)

    def show_details(self) -> None:
        record = self.selected()
        if record is None:
            return
        day = record.diary_date if isinstance(record, Episode) else record.date

        def job(s: Any) -> tuple:
            from twitchlog.diary import days, episodes, factors

            return (
                days.get_day(s, day),
                episodes.list_episodes(s, day, day),
                factors.list_factors(s),
            )

        def done(result: tuple) -> None:
            box = QMessageBox(QMessageBox.Icon.NoIcon, f"{day.isoformat()}", "", parent=self)
            box.setText(day_details(day, *result))
            box.setAccessibleName("Day details")
            box.open()
            self.details_box = box

        self.runner.read(job, done)


def day_details(day: dt.date, checkin: Day | None, eps: list[Episode], factors: list) -> str:
    """The whole day as plain lines of text."""
    lines = [day.strftime("%A %d %B %Y")]
    if checkin is None:
        lines.append("No check-in for this day.")
    else:
        lines.append("No twitches (checked)." if checkin.no_twitches else "Checked in.")
        for f in factors:
            if f.key in checkin.values:
                lines.append(f"  {f.label}: {f.format_value(checkin.values[f.key])}")
        if checkin.note:
            lines.append(f"  Note: {checkin.note}")
    lines.append(f"{len(eps)} twitch" + ("es" if len(eps) != 1 else "") + ":")
    for e in eps:
        where = ", ".join(p.words for p in e.places) or "no place given"
        extra = f", {fmt_duration(e.duration_s)}" if e.duration_s else ""
        lines.append(f"  {e.started_at.strftime('%H:%M')} severity {e.severity}, {where}{extra}")
    return "\n".join(lines)
