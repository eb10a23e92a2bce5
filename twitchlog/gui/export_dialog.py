"""Export for a doctor visit: pick a range and what to write, preview the doctor CSV, export.

Self-contained QDialog over `report.export_plan` (which files, the preview rows). All
diary work runs off the UI thread through an injected `RunRead` (the main window passes
its TaskRunner.read). Files are written atomically by the report writers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from twitchlog.diary.summaries import date_span
from twitchlog.errors import DiaryError
from twitchlog.gui.history_model import Index
from twitchlog.gui.operations import RunRead
from twitchlog.gui.qdates import to_date, to_qdate
from twitchlog.gui.translate import date_pattern
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _
from twitchlog.report.export_plan import ExportFile, plan_exports, preview_rows
from twitchlog.words import plural

# --- the preview model -----------------------------------------------------------------------


class PreviewModel(QAbstractTableModel):
    """The first rows of the doctor CSV as text (the header row becomes column titles)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[list[str]] = []

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._header = rows[0] if rows else []
        self._rows = rows[1:] if rows else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            try:
                float(value)
            except ValueError:
                return None
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self._header):
            return self._header[section]
        return None


# --- the dialog ------------------------------------------------------------------------------


class ExportDialog(QDialog):
    """Range, what to include, a live preview of the doctor CSV, progress, Open folder."""

    exported = Signal(list)  # the paths written

    def __init__(
        self,
        run_task: RunRead,
        folder: str | Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run_task
        self._busy = False
        self._written: list[Path] = []
        self._preview_serial = 0
        self.setWindowTitle("Export for a doctor visit")
        self.setObjectName("exportDialog")
        self.resize(820, 560)

        today = dt.date.today()
        self.start_edit = self._date_edit(
            _("From date"), _("From this day (included)"), to_qdate(today - dt.timedelta(days=89))
        )
        self.end_edit = self._date_edit(_("To date"), _("To this day (included)"), to_qdate(today))
        range_box = QGroupBox("Period")
        rl = QHBoxLayout(range_box)
        for text, edit in (("&From", self.start_edit), ("&To", self.end_edit)):
            label = QLabel(text, buddy=edit)
            # Never squeezed below its text ("To" was clipped to "Tc" beside the stretch).
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text.strip("&")) + 6)
            rl.addWidget(label)
            rl.addWidget(edit)
        self.days_label = QLabel()
        rl.addWidget(self.days_label, 1)

        self.doctor_box = self._check("Doctor CSV (one row per day, opens in a spreadsheet)")
        self.episodes_box = self._check("Episodes CSV (every episode; imports back losslessly)")
        self.pdf_box = self._check("PDF report (one A4 page, plus the trigger table)")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("optional, printed at the top of the PDF")
        self.name_edit.setAccessibleName("Name on the report")
        self.name_edit.setToolTip("Your name as it should appear on the PDF (optional)")
        self.folder_edit = QLineEdit(str(folder or Path.home()))
        self.folder_edit.setAccessibleName("Folder to save into")
        self.folder_edit.setToolTip("The files are saved into this folder")
        browse = QPushButton("&Browse…")
        browse.setToolTip("Choose the folder to save into")
        browse.setAccessibleName("Browse for folder")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        what = QGroupBox("Include")
        form = QFormLayout(what)
        form.addRow(self.doctor_box)
        form.addRow(self.episodes_box)
        form.addRow(self.pdf_box)
        form.addRow("&Name on the PDF", self.name_edit)
        form.addRow(QLabel("Save &into", buddy=self.folder_edit), folder_row)

        self.model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("exportPreview")
        self.preview.setModel(self.model)
        self.preview.setAccessibleName("Preview of the doctor CSV")
        self.preview.setToolTip("The first rows of the doctor CSV, as the file will have them")
        self.preview.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.verticalHeader().setVisible(False)
        self.preview_label = QLabel("Preview of the doctor CSV")

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setToolTip(_("Write the chosen files into the folder"))
        self.export_button.setAccessibleName("Export")
        self.open_button = buttons.addButton("&Open folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setToolTip("Show the folder with the exported files")
        self.open_button.setAccessibleName("Open folder")
        self.open_button.setVisible(False)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(range_box)
        layout.addWidget(what)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self.refresh_preview)
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self._range_changed)
        for box in (self.doctor_box, self.episodes_box, self.pdf_box):
            box.toggled.connect(self._update_buttons)
        self._range_changed()
        self._run(date_span, self._got_span, self._failed)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    # -- building blocks ------------------------------------------------------------------
    def _date_edit(self, name: str, tip: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_pattern())
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        return edit

    def _check(self, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(True)
        box.setAccessibleName(text.split(" (")[0])
        box.setToolTip(text)
        return box

    # -- state ----------------------------------------------------------------------------
    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.start_edit.date()), to_date(self.end_edit.date())

    def _range_changed(self) -> None:
        start, end = self.period()
        if end < start:
            self.days_label.setText(_("The end is before the start."))
        else:
            n = (end - start).days + 1
            self.days_label.setText(plural(n, "day"))
        self._update_buttons()
        self._preview_timer.start()

    def _update_buttons(self) -> None:
        start, end = self.period()
        chosen = any(b.isChecked() for b in (self.doctor_box, self.episodes_box, self.pdf_box))
        self.export_button.setEnabled(chosen and start <= end and not self._busy)

    def _got_span(self, span: tuple[dt.date, dt.date] | None) -> None:
        if span is None:
            self.status.setText(_("The diary is empty; log or check in first."))
            return
        self.start_edit.setDate(to_qdate(span[0]))
        self.end_edit.setDate(to_qdate(span[1]))
        self.refresh_preview()

    def refresh_preview(self) -> None:
        start, end = self.period()
        if end < start:
            self.model.set_rows([])
            return
        self._preview_serial += 1
        serial = self._preview_serial

        def shown(rows: list[list[str]]) -> None:
            if serial == self._preview_serial:  # an older preview arriving late is dropped
                self.model.set_rows(rows)
                self.preview.resizeColumnsToContents()
                n = len(rows) - 1
                self.preview_label.setText(
                    _("Preview of the doctor CSV (first {days})").format(days=plural(n, "day"))
                )

        self._run(lambda c: preview_rows(c, start, end), shown, self._failed)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Save the export into", self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    # -- exporting ------------------------------------------------------------------------
    def start_export(self) -> None:
        start, end = self.period()
        folder = Path(self.folder_edit.text()).expanduser()
        if not folder.is_dir():
            self._failed(
                DiaryError(
                    _("There is no folder {folder}; choose one with Browse…").format(folder=folder)
                )
            )
            return
        jobs = plan_exports(
            folder,
            start,
            end,
            doctor=self.doctor_box.isChecked(),
            episodes=self.episodes_box.isChecked(),
            pdf=self.pdf_box.isChecked(),
            name=self.name_edit.text(),
        )
        if not jobs:
            return
        self._busy = True
        self._written = []
        self.open_button.setVisible(False)
        self.progress.setRange(0, len(jobs))
        self.progress.setValue(0)
        self._update_buttons()
        self._next(jobs, 0)

    def _next(self, jobs: list[ExportFile], i: int) -> None:
        if i == len(jobs):
            self._finish()
            return
        job = jobs[i]
        self.progress.setFormat(
            _("Writing the {what}… ({number} of {count})").format(
                what=_(job.label), number=i + 1, count=len(jobs)
            )
        )
        self.status.setText(_("Writing {file}…").format(file=job.path.name))

        def done(_result: object) -> None:
            self._written.append(job.path)
            self.progress.setValue(i + 1)
            self._next(jobs, i + 1)

        self._run(job.write, done, self._failed)

    def _finish(self) -> None:
        self._busy = False
        self.progress.setFormat(_("Done"))
        names = ", ".join(p.name for p in self._written)
        self.status.setText(
            _("Saved {files} in {folder}.").format(files=names, folder=self._written[0].parent)
        )
        self.open_button.setVisible(True)
        self.open_button.setFocus()
        self._update_buttons()
        self.exported.emit(list(self._written))

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.progress.setFormat(_("Stopped"))
        text = (
            str(error)
            if isinstance(error, DiaryError)
            else _("The export failed: {error}").format(error=error)
        )
        self.status.setText(
            _("{error} Files already written are complete; nothing half-written.").format(
                error=text
            )
        )
        self._update_buttons()

    def open_folder(self) -> None:
        folder = self._written[0].parent if self._written else Path(self.folder_edit.text())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def done(self, result: int) -> None:
        """Closing stops the pending preview so no work is queued for a closed dialog."""
        self._preview_timer.stop()
        self._preview_serial += 1
        super().done(result)

    @property
    def written(self) -> list[Path]:
        return list(self._written)

    @property
    def busy(self) -> bool:
        return self._busy
