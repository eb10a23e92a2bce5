"""Add a factor of your own ('chocolate', 'cold weather'…)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from twitchlog.errors import DiaryError
from twitchlog.gui.factor_fields import error_label
from twitchlog.gui.number_box import NumberBox
from twitchlog.gui.operations import WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import whole_placeholder
from twitchlog.gui.wheel import guard_wheel


class FactorDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("Add a factor")
        self.label = QLineEdit(self)
        self.label.setPlaceholderText("e.g. Chocolate")
        self.key = QLineEdit(self)
        self.key.setPlaceholderText("e.g. chocolate (lower case, no spaces)")
        self.kind = QComboBox(self)
        for text, data in (
            ("a number", "number"),
            ("a 0–10 scale", "scale"),
            ("yes / no", "yesno"),
        ):
            self.kind.addItem(text, data)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("e.g. g, pieces, min")
        whole_placeholder(self.label, self.key, self.unit)
        self.maximum = NumberBox(self)
        self.maximum.setRange(0, 1_000_000)
        self.maximum.setValue(1000)
        for w, name, tip in (
            (self.label, "Factor name", "The name you will see in the check-in"),
            (self.key, "Factor key", "A short key for the command line and CSV files"),
            (self.kind, "Kind of value", "Number, 0–10 scale, or yes/no"),
            (self.unit, "Unit", "Unit of a number (optional)"),
            (self.maximum, "Largest value", "The largest value that makes sense"),
        ):
            w.setAccessibleName(name)
            w.setToolTip(tip)
        self.label.textChanged.connect(self._suggest_key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.errors = {k: error_label(self) for k in ("key", "kind", "label", "unit", "maximum")}
        self.general = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for title, widget, key in (
            ("Name", self.label, "label"),
            ("Key", self.key, "key"),
            ("Kind", self.kind, "kind"),
            ("Unit", self.unit, "unit"),
            ("Largest value", self.maximum, "maximum"),
        ):
            form.addRow(title, widget)
            form.addRow("", self.errors[key])
        form.addRow(self.general)
        form.addRow(buttons)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def _suggest_key(self, text: str) -> None:
        if not self.key.isModified():
            self.key.setText("_".join(text.lower().split())[:40])

    def _kind_changed(self) -> None:
        number = self.kind.currentData() == "number"
        self.unit.setEnabled(number)
        self.maximum.setEnabled(number)

    def submit(self) -> None:
        key, label, kind = self.key.text(), self.label.text(), self.kind.currentData()
        unit, maximum = self.unit.text(), self.maximum.value()
        from twitchlog.diary.factors import add_factor

        WriteOp(
            self.runner,
            lambda c: add_factor(
                c,
                key,
                label=label,
                kind=kind,
                unit=unit,
                maximum=maximum if kind == "number" else None,
            ),
        ).success(lambda _f: self.accept()).failure(self.show_error).run()

    def show_error(self, error: DiaryError) -> None:
        for label in [*self.errors.values(), self.general]:
            label.hide()
        target = self.errors.get(getattr(error, "field", None) or "", self.general)
        target.setText(str(error))
        target.show()
