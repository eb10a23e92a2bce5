"""Add a treatment (medication, injection, therapy, procedure) or end one."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from twitchlog import catalog
from twitchlog.diary.records import Treatment
from twitchlog.errors import DiaryError
from twitchlog.gui.factor_fields import error_label
from twitchlog.gui.operations import WriteOp
from twitchlog.gui.qdates import to_date
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import date_pattern, format_date, whole_placeholder
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _, format_number


def _date(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate(), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_pattern())
    edit.setAccessibleName(name)
    edit.setToolTip(name)
    return edit


class TreatmentDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("Add a treatment")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. botulinum toxin, magnesium, gabapentin")
        self.kind = QComboBox(self)
        for key, words in catalog.TREATMENT_KINDS.items():
            if key != "injection":  # injections have their own entry (Injections, below)
                self.kind.addItem(_(words), key)
        self.start = _date(self, "Start date")
        self.has_end = QCheckBox("It has ended", self)
        self.end = _date(self, "End date")
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.dose = QLineEdit(self)
        self.dose.setPlaceholderText("optional, e.g. 25")
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("optional, e.g. units, mg")
        self.sites = QLineEdit(self)
        self.sites.setPlaceholderText("injection sites (optional)")
        whole_placeholder(self.name, self.dose, self.unit, self.sites)
        self.note = QLineEdit(self)
        for w, name in (
            (self.name, "Treatment name"),
            (self.kind, "Kind of treatment"),
            (self.has_end, "Treatment has ended"),
            (self.dose, "Dose"),
            (self.unit, "Dose unit"),
            (self.sites, "Injection sites"),
            (self.note, "Note"),
        ):
            w.setAccessibleName(name)
            w.setToolTip(name)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        rows: tuple[tuple[str, QWidget], ...] = (
            ("Name", self.name),
            ("Kind", self.kind),
            ("Started", self.start),
            ("", self.has_end),
            ("Ended", self.end),
            ("Dose", self.dose),
            ("Unit", self.unit),
            ("Sites", self.sites),
            ("Note", self.note),
        )
        for title, field in rows:
            form.addRow(title, field)
        form.addRow(self.error)
        form.addRow(buttons)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def submit(self) -> None:
        fields = {
            "kind": self.kind.currentData(),
            "start": to_date(self.start.date()),
            "end": to_date(self.end.date()) if self.has_end.isChecked() else None,
            "dose": self.dose.text() or None,
            "unit": self.unit.text(),
            "sites": self.sites.text(),
            "note": self.note.text(),
        }
        name = self.name.text()
        from twitchlog.diary.treatments import add_treatment

        WriteOp(self.runner, lambda c: add_treatment(c, name, **fields)).success(
            lambda _t: self.accept()
        ).failure(self.show_error).run()

    def show_error(self, error: DiaryError) -> None:
        self.error.setText(str(error))
        self.error.show()


class EndTreatmentDialog(QDialog):
    """Pick the day a treatment ended."""

    def __init__(self, runner: TaskRunner, treatment: Treatment, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.treatment = treatment
        self.setWindowTitle(_("End {name}").format(name=treatment.name))
        self.end = _date(self, "End date")
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Ended on", self.end)
        form.addRow(self.error)
        form.addRow(buttons)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def submit(self) -> None:
        from twitchlog.diary.treatments import end_treatment

        ident, end = self.treatment.id, to_date(self.end.date())
        WriteOp(self.runner, lambda c: end_treatment(c, ident, end)).success(
            lambda _t: self.accept()
        ).failure(self.show_error).run()

    def show_error(self, error: DiaryError) -> None:
        self.error.setText(str(error))
        self.error.show()


def describe(t: Treatment) -> str:
    """'magnesium 300 mg — medication, from 2026-03-02 (ongoing)', in the language in use."""
    name = f"{t.name} {format_number(t.dose)} {t.unit}".rstrip() if t.dose is not None else t.name
    fields = {
        "name": name,
        "kind": _(catalog.TREATMENT_KINDS[t.kind]),
        "start": format_date(t.start),
    }
    if t.end:
        return _("{name} — {kind}, from {start} until {end}").format(
            end=format_date(t.end), **fields
        )
    if t.kind == "injection":
        return _("{name} — {kind}, from {start}").format(**fields)
    return _("{name} — {kind}, from {start} (ongoing)").format(**fields)
