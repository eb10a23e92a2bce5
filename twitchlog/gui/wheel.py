"""The mouse wheel scrolls forms; it never changes a value the pointer happens to pass over.

Qt's spin boxes, date edits and combo boxes take the wheel (and the focus with it) even
when the person is only scrolling the page: a check-in once had Water turn from "not
recorded" into 2.00 L that way. `guard_wheel(root)` gives every such control under
`root` one shared event filter: unless the control has the keyboard focus, a wheel
event passes on to the scroll area around it, and the wheel no longer gives focus.
Forms that rebuild their rows call it again after the rebuild.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

GUARDED = (QAbstractSpinBox, QComboBox)


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            # Ignored and filtered: Qt then offers the event to the parents (the scroll area).
            event.ignore()
            return True
        return False


_GUARD: _WheelGuard | None = None


def _guard() -> _WheelGuard:
    global _GUARD
    if _GUARD is None:
        _GUARD = _WheelGuard()
    return _GUARD


def guard_wheel(root: QWidget) -> None:
    """Every spin box, date edit and combo box in `root` (and root itself) ignores the wheel
    unless focused; calling it again on the same widgets is harmless."""
    guard = _guard()
    widgets = [root] if isinstance(root, GUARDED) else []
    for kind in GUARDED:
        widgets += root.findChildren(kind)
    for w in widgets:
        if w.property("wheelGuarded"):
            continue
        w.setProperty("wheelGuarded", True)
        w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        w.installEventFilter(guard)


def is_guarded(widget: QWidget) -> bool:
    return bool(widget.property("wheelGuarded"))
