"""Push buttons for what the first paint shows.

`QPushButton(text, parent)` makes PySide6 weigh the (icon, text, parent) overload too, which
builds the whole QIcon class (~2 ms) before the window is on screen; a button made bare and
then given its text skips that. Dialogs and views built later may use either form.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


def text_button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(parent)
    button.setText(text)
    return button
