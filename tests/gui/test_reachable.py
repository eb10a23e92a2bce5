"""Every control reachable: each interactive widget of every view (and the main dialogs) has
an accessible name, Tab visits a view's controls in reading order, and every menu action has
keys that Help → Keyboard shortcuts lists."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import wait_idle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

from twitchlog.gui.main_window import VIEWS

INTERACTIVE = (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QSlider,
    QTabBar,
)


def _interactive(root: QWidget) -> list[QWidget]:
    """What a keyboard or screen-reader user meets in `root` (not the parts Qt builds inside
    a spin box or combo box, nor popups, which are windows of their own)."""
    found = []
    for w in root.findChildren(QWidget):
        if w.window() is not root.window() or not w.isVisibleTo(root):
            continue
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(w, QAbstractButton):
            continue
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        if isinstance(w, INTERACTIVE) or w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(w)
    return found


def _name(w: QWidget) -> str:
    if w.accessibleName():
        return w.accessibleName()
    if isinstance(w, QAbstractButton):
        return w.text().replace("&", "").strip()  # Qt reads a button's text as its name
    return ""


def _every_view(qtbot: Any, window: Any) -> Iterator[tuple[str, QWidget]]:
    """Each view in turn, shown (what is not on screen is not on the Tab path either)."""
    window.views["today"].log_now()  # builds the adjust panel (face, severity, note)
    wait_idle(qtbot, window.runner)
    for name, _title, _target in VIEWS:
        window.show_view(name)
        wait_idle(qtbot, window.runner)
        yield name, window.views[name]


def _describe(w: QWidget) -> str:
    return f"{type(w).__name__} {w.objectName() or ''} {getattr(w, 'text', lambda: '')()!r}"


def test_every_interactive_widget_of_every_view_and_dialog_has_a_name(
    qtbot: Any, window: Any
) -> None:
    missing = []
    for name, view in _every_view(qtbot, window):
        missing += [f"{name}: {_describe(w)}" for w in _interactive(view) if not _name(w)]
    qtbot.keyClick(window, Qt.Key.Key_F1)  # Help → Keyboard shortcuts
    settings = window.views["settings"]
    settings.open_settings()
    window.open_export()
    qtbot.wait(400)  # its preview starts on a 250 ms timer: let it finish before closing
    wait_idle(qtbot, window.runner)
    dialogs = {
        "settings dialog": settings.dialog,
        "export dialog": window.export_dialog,
        "shortcuts": window.shortcuts_dialog,
    }
    for name, dialog in dialogs.items():
        missing += [f"{name}: {_describe(w)}" for w in _interactive(dialog) if not _name(w)]
        dialog.reject()
    wait_idle(qtbot, window.runner)
    assert not missing, "no accessible name:\n" + "\n".join(missing)


def _tab_chain(view: QWidget) -> list[QWidget]:
    chain, w = [], view.nextInFocusChain()
    while w is not view and len(chain) < 5000:
        if (
            view.isAncestorOf(w)
            and w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        ):
            chain.append(w)
        w = w.nextInFocusChain()
    return chain


def test_tab_visits_each_views_controls_once_in_reading_order(qtbot: Any, window: Any) -> None:
    """Reading order: each next stop is further down, or to the right on the same line, or
    at the top of a new column to the right; and every control is on the way."""
    wrong = []
    for name, view in _every_view(qtbot, window):
        chain = _tab_chain(view)
        assert len(chain) == len(set(chain)), name
        reachable = {w for w in _interactive(view) if w.isEnabled() and w.focusPolicy()}
        missed = [w for w in reachable if w not in chain and not isinstance(w, QTabBar)]
        assert not missed, f"{name}: not reachable with Tab: {[_describe(w) for w in missed]}"
        for a, b in itertools.pairwise(chain):
            pa, pb = a.mapTo(view, QPoint(0, 0)), b.mapTo(view, QPoint(0, 0))
            same_line = abs(pa.y() - pb.y()) <= 6
            down = pb.y() > pa.y() + 6
            right = pb.x() > pa.x()
            new_column = pb.x() >= pa.x() + a.width()
            if not (down or (same_line and right) or new_column):
                wrong.append(f"{name}: {_describe(a)} → {_describe(b)}")
    assert not wrong, "Tab goes against reading order:\n" + "\n".join(wrong)


def test_checkin_tab_order_is_the_questions_then_no_twitches_then_the_note(
    qtbot: Any, window: Any
) -> None:
    window.show_view("checkin")
    wait_idle(qtbot, window.runner)
    view = window.views["checkin"]
    chain = _tab_chain(view)
    assert chain[:3] == [view.date, view.same, view.save]
    first_field = next(iter(view.form.fields.values())).control
    assert chain[3] is first_field
    assert chain[-2:] == [view.form.no_twitches, view.form.note]


def _menu_actions(window: Any) -> list[tuple[str, Any]]:
    out = []
    for menu_action in window.menuBar().actions():
        for a in menu_action.menu().actions():
            if not a.isSeparator():
                out.append((menu_action.text().replace("&", ""), a))
    return out


def test_every_main_action_has_keys_listed_in_help(qtbot: Any, window: Any) -> None:
    from twitchlog.gui.shortcuts import rows

    actions = _menu_actions(window)
    without = [a.text() for _m, a in actions if not a.shortcuts() and "About" not in a.text()]
    assert not without, f"menu actions without keys: {without}"
    keys = [k for _m, a in actions for k in a.shortcuts()]
    assert len(keys) == len(set(keys)), "two actions share keys"
    listed = {(where, what) for where, what, _k in rows(window)}
    for menu, a in actions:
        if a.shortcuts():
            assert (menu, a.text().replace("&", "").rstrip("…")) in listed
    listed_keys = {k for *_w, k in rows(window)}
    assert {"Ctrl+S", "Ctrl+Shift+Y", "Del", "Return"} <= listed_keys  # the views' own keys


def test_f1_opens_the_shortcuts_list(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Log a twitch" in texts and "Keyboard shortcuts" in texts
    dialog.close()


@pytest.mark.parametrize("keys, view", [("Ctrl+3", "history"), ("Ctrl+1", "today")])
def test_view_keys_switch_views(qtbot: Any, window: Any, keys: str, view: str) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    seq = QKeySequence(keys)[0]
    QTest.keyClick(window, seq.key(), seq.keyboardModifiers())
    assert window.current_view() == view
