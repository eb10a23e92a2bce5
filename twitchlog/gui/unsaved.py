"""Unsaved edits are never dropped silently: one question, asked the same way everywhere.

A view with a form (the check-in, the log panel) answers `pending_edits()` with a short
whole sentence saying what is not saved yet (None when nothing is), and offers
`save_pending()` / `discard_pending()`. The window asks before closing or quitting; the
check-in asks before showing another day over what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol, runtime_checkable

from PySide6.QtWidgets import QMessageBox, QWidget

from twitchlog.i18n import _

Answer = Literal["save", "discard", "cancel"]


@runtime_checkable
class HasPendingEdits(Protocol):
    def pending_edits(self) -> str | None: ...
    def save_pending(self) -> None: ...
    def discard_pending(self) -> None: ...


def ask_unsaved(parent: QWidget, what: str, on_answer: Callable[[Answer], None]) -> QMessageBox:
    """Ask "Save, discard or cancel?" without blocking; `on_answer` gets the choice.
    `what` is one or more whole sentences ("The check-in for … is not saved yet.")."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Unsaved changes"),
        what + " " + _("Save before going on?"),
        buttons,
        parent,
    )
    box.setAccessibleName("Unsaved changes")
    box.setDefaultButton(QMessageBox.StandardButton.Save)

    def finished(_result: int) -> None:
        button = box.standardButton(box.clickedButton())
        if button == QMessageBox.StandardButton.Save:
            on_answer("save")
        elif button == QMessageBox.StandardButton.Discard:
            on_answer("discard")
        else:
            on_answer("cancel")

    box.finished.connect(finished)
    box.open()
    return box
