"""The check-in's "Did you keep to it today?" (yes / partly / no) while an experiment runs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QHBoxLayout, QRadioButton, QWidget

from twitchlog.analysis.experiment_plan import KEPT_ANSWERS, Plan
from twitchlog.i18n import _


class KeptQuestion(QGroupBox):
    """Hidden unless the day shown is a day of a running experiment."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Experiment", parent)
        self.plan: Plan | None = None
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout(self)
        for i, answer in enumerate(KEPT_ANSWERS):
            button = QRadioButton(_(answer), self)
            button.setAccessibleName(_("Kept to it: {answer}").format(answer=_(answer)))
            self.group.addButton(button, i)
            self.buttons[answer] = button
            row.addWidget(button)
        row.addStretch(1)
        self.group.buttonClicked.connect(lambda _b: self.edited.emit())
        self.hide()

    def show_for(self, found: tuple[Plan, str | None] | None) -> None:
        """The experiment running on the day and its stored answer (None: hide)."""
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        if found is None:
            self.plan = None
            self.hide()
            return
        self.plan, answer = found
        self.setTitle(
            _("Experiment: '{changed}' or '{usual}'? Did you keep to it today?").format(
                changed=self.plan.changed, usual=self.plan.usual
            )
        )
        if answer in self.buttons:
            self.buttons[answer].setChecked(True)
        self.show()

    def answer(self) -> str | None:
        checked = self.group.checkedButton()
        return next((a for a, b in self.buttons.items() if b is checked), None)
