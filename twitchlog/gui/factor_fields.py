"""One input row per factor, with a 'not recorded' state that is never confused with 0."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

from twitchlog import catalog
from twitchlog.diary.records import Factor
from twitchlog.gui.number_box import NumberBox
from twitchlog.i18n import N_, _, format_number

NOT_RECORDED = N_("not recorded")


class FactorField(QWidget):
    """The control for one factor: a spin box (number, 0–10 scale) or yes/no list."""

    edited = Signal()

    def __init__(self, factor: Factor, units: str = "mg", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.factor = factor
        self.cups: QDoubleSpinBox | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = _(factor.label)
        tip = catalog.BUILTIN_BY_KEY[factor.key].help if factor.builtin else ""
        tip = _(tip) if tip else ""
        tip = tip or _("{factor}; leave as 'not recorded' if you did not note it.").format(
            factor=_(factor.heading)
        )
        if factor.kind == "yesno":
            self.control: QWidget = QComboBox(self)
            for text, data in ((_(NOT_RECORDED), None), (_("yes"), 1.0), (_("no"), 0.0)):
                self.control.addItem(text, data)
            self.control.currentIndexChanged.connect(self.edited)
        elif factor.kind == "scale":
            spin = QSpinBox(self)
            spin.setRange(int(factor.minimum) - 1, int(factor.maximum))
            spin.setSuffix(" / 10")
            spin.setValue(spin.minimum())
            self._special(spin)
            self.control = spin
        else:
            amount = NumberBox(self)
            amount.setDecimals(2 if factor.unit.lower() == "l" else 1)
            # The upper end is wider than the factor's range on purpose: the diary's own rule
            # (the same one the command line uses) speaks when a value is out of range.
            amount.setRange(factor.minimum - 1, max(factor.maximum * 10, factor.maximum + 10))
            amount.setSuffix(f" {factor.unit}" if factor.unit else "")
            amount.setValue(amount.minimum())
            self._special(amount)
            self.control = amount
        self.control.setAccessibleName(label)
        self.control.setToolTip(tip)
        self.control.setMinimumWidth(130)
        row.addWidget(self.control)
        if factor.key == "caffeine_mg":
            self._add_cups(row, units)
        clear = QToolButton(self)
        clear.setText("✕")
        clear.setAutoRaise(True)
        clear.setAccessibleName(_("Clear {factor}").format(factor=label))
        clear.setToolTip(_("Set {factor} back to 'not recorded'").format(factor=label))
        clear.clicked.connect(self._clear)
        row.addWidget(clear)
        row.addStretch(1)

    def _clear(self) -> None:
        self.set_value(None)
        self.edited.emit()

    def _special(self, spin: QSpinBox | QDoubleSpinBox) -> None:
        """The lowest value of the spin box stands for 'not recorded' and shows those words."""
        spin.setSpecialValueText(_(NOT_RECORDED))
        spin.valueChanged.connect(self.edited)

    def _add_cups(self, row: QHBoxLayout, units: str) -> None:
        cups = NumberBox(self)
        cups.setRange(-0.5, 20)
        cups.setSingleStep(0.5)
        cups.setDecimals(1)
        cups.setSpecialValueText(_("cups"))
        cups.setSuffix(" " + _("cups"))
        cups.setValue(-0.5)
        cups.setAccessibleName("Caffeine in cups of coffee")
        cups.setToolTip(
            _("A helper: one cup of brewed coffee is about {mg} mg").format(
                mg=format_number(catalog.MG_PER_CUP)
            )
        )
        cups.valueChanged.connect(self._cups_changed)
        self.cups = cups
        if units == "cups":
            row.insertWidget(0, cups)
            self.control.setEnabled(False)
        else:
            row.addWidget(cups)

    def _cups_changed(self, cups: float) -> None:
        spin = self.control
        assert isinstance(spin, QDoubleSpinBox)
        spin.setValue(spin.minimum() if cups < 0 else cups * catalog.MG_PER_CUP)

    def value(self) -> float | None:
        """None means 'not recorded' (never 0)."""
        c = self.control
        if isinstance(c, QComboBox):
            data = c.currentData()
            return None if data is None else float(data)
        assert isinstance(c, QSpinBox | QDoubleSpinBox)
        return None if c.value() == c.minimum() else float(c.value())

    def set_value(self, value: float | None) -> None:
        c = self.control
        if isinstance(c, QComboBox):
            c.setCurrentIndex(0 if value is None else (1 if value else 2))
            return
        assert isinstance(c, QSpinBox | QDoubleSpinBox)
        if isinstance(c, QSpinBox):
            c.setValue(c.minimum() if value is None else round(value))
        else:
            c.setValue(c.minimum() if value is None else value)
        if self.cups is not None:
            self.cups.blockSignals(True)
            self.cups.setValue(-0.5 if value is None else value / catalog.MG_PER_CUP)
            self.cups.blockSignals(False)


def error_label(parent: QWidget) -> QLabel:
    from twitchlog.gui.display import mark_error

    label = QLabel(parent)
    mark_error(label)  # bold, in the theme's error colour (WCAG AA on its background)
    label.setWordWrap(True)
    label.hide()
    return label
