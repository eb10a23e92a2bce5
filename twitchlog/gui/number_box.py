"""A spin box for amounts that writes a whole number without decimals.

QDoubleSpinBox always shows all its decimals ("190,0 mg"); a diary amount reads better
as "190 mg", and "6,5 h" keeps its decimal. Typing is unchanged: Qt's own parsing in the
widget's locale reads "6,5" in German and "6.5" in English.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox


class NumberBox(QDoubleSpinBox):
    """QDoubleSpinBox whose shown text drops trailing zeros after the decimal sign."""

    def textFromValue(self, value: float) -> str:
        locale = self.locale()
        text = locale.toString(value, "f", self.decimals())
        if not self.isGroupSeparatorShown():
            text = text.replace(locale.groupSeparator(), "")
        point = locale.decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return "0" if text in ("-0", "") else text
