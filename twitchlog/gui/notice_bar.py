"""Calm banners above the views: the 'talk to a doctor' notice and the check-in reminder."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from twitchlog.gui.display import relative_font
from twitchlog.i18n import _


class Banner(QFrame):
    """A framed message with an action and a Dismiss button; uses palette colours only."""

    dismissed = Signal()
    acted = Signal()

    def __init__(self, name: str, action: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName(name)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.small = QLabel(self)
        self.small.setWordWrap(True)
        relative_font(self.small, 0.9, italic=True)
        self.small.hide()
        texts = QVBoxLayout()
        texts.addWidget(self.text)
        texts.addWidget(self.small)
        row = QHBoxLayout(self)
        row.addLayout(texts, 1)
        if action:
            self.action = QPushButton(action, self)
            self.action.setAccessibleName(action)
            self.action.setToolTip(action)
            self.action.clicked.connect(self.acted)
            row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName(_("Dismiss {what}").format(what=_(name)))
        self.close_button.setToolTip("Hide this message")
        self.close_button.clicked.connect(self._dismiss)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, small: str = "") -> None:
        self.text.setText(text)
        self.small.setText(small)
        self.small.setVisible(bool(small))
        self.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
