"""Help → Keyboard shortcuts: every menu action's keys, read from the menus themselves, and
each view's own keys (the views' SHORTCUTS), so the list can never drift from what works."""

from __future__ import annotations

import importlib

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twitchlog.i18n import N_, _

# Views with keys of their own: (where, module holding SHORTCUTS).
VIEW_KEYS = (
    (N_("Check-in"), "twitchlog.gui.checkin_view"),
    (N_("History table"), "twitchlog.gui.history_view"),
)


def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action with keys in the menu bar, then the views'."""
    out: list[tuple[str, str, str]] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        where = menu_action.text().replace("&", "")
        for action in menu.actions():
            if action.isSeparator() or not action.shortcuts():
                continue
            what = action.text().replace("&", "").rstrip("…")
            out.append((where, what, ", ".join(_keys(k) for k in action.shortcuts())))
    for where, module in VIEW_KEYS:
        for keys, what in importlib.import_module(module).SHORTCUTS:
            out.append((_(where), _(what), _keys(QKeySequence(keys))))
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        found = rows(window)
        self.table = QTableWidget(len(found), 3, self)
        self.table.setHorizontalHeaderLabels([_("Where"), _("What"), _("Keys")])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, row in enumerate(found):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        # Wide enough for every column at the chosen text size (no "Keys" cut off at 150 %).
        columns = sum(self.table.columnWidth(c) for c in range(3))
        self.resize(max(560, columns + 60), 520)
