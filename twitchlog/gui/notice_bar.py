"""Calm banners above the views: the 'talk to a doctor' notice and the check-in reminder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from twitchlog.gui.display import relative_font
from twitchlog.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

ROOM = 3  # a banner may take a third of the window's height before its details fold away


class Banner(QFrame):
    """A framed message with an action and a Dismiss button; uses palette colours only.

    A message may come with details (the notice's reasons). They show after the headline
    while the whole banner fits in a third of the window; at large text or in a small
    window they wait behind "Show why", so the views below keep their room."""

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
        self._head, self._details, self._opened = "", "", False
        self.more = QPushButton("Show why", self)
        self.more.setCheckable(True)
        self.more.setAccessibleName("Show why")
        self.more.setToolTip("Show or hide what in your diary led to this message")
        self.more.toggled.connect(self._toggle)
        self.more.hide()
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
        row.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName(_("Dismiss {what}").format(what=_(name)))
        self.close_button.setToolTip("Hide this message")
        self.close_button.clicked.connect(self._dismiss)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, small: str = "", details: str = "") -> None:
        self._head, self._details = text, details
        self.small.setText(small)
        self.small.setVisible(bool(small))
        self.show()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # a narrower banner wraps into more lines

    def _whole(self) -> str:
        return f"{self._head} {self._details}" if self._details else self._head

    def _fit(self) -> None:
        """The details after the headline if the whole banner fits in its room, else folded
        behind "Show why" (or shown because the person asked to see them)."""
        whole = self._whole()
        folds = False
        if self._details and self.text.width() > 0:
            # The banner's height with the whole message, measured aside: setting the text
            # to try it would make the layout take that height for a moment.
            from PySide6.QtGui import QTextDocument

            doc = QTextDocument()
            doc.setDefaultFont(self.text.font())
            doc.setDocumentMargin(0)
            doc.setHtml(whole)
            doc.setTextWidth(self.text.width())
            shown = self.text.heightForWidth(self.text.width())
            needed = self.heightForWidth(self.width()) - shown + round(doc.size().height())
            folds = needed > self.window().height() // ROOM
        self.more.setVisible(folds)
        text = self._head if folds and not self._opened else whole
        if self.text.text() != text:
            self.text.setText(text)

    def _toggle(self, opened: bool) -> None:
        self._opened = opened
        self.more.setText(_("Show less") if opened else _("Show why"))
        self._fit()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
