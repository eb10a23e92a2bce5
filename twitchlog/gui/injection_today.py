"""Today's injection line: "I feel it wearing off" in one click, and the due reminder
(a banner here and, once a day, a tray message) from the person's own interval."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from twitchlog.gui import prefs
from twitchlog.gui.buttons import text_button
from twitchlog.gui.operations import ReadOp, UndoEntry, WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.i18n import _, format_date, ngettext

if TYPE_CHECKING:  # the diary layer (~40 ms of imports) stays off the first paint
    from twitchlog.diary.injections import DueState, WearingOff
    from twitchlog.gui.main_window import MainWindow


class InjectionStrip(QWidget):
    def __init__(
        self, runner: TaskRunner, window: MainWindow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.window_ = window
        self.state: DueState | None = None
        self.due = QLabel(self)
        self.due.setWordWrap(True)
        self.due.setAccessibleName("Next injection reminder")
        self.wearing_off = text_button("I feel it wearing off", self)
        self.wearing_off.setAccessibleName("I feel the injection wearing off")
        self.wearing_off.setToolTip(
            "Mark today as the day you feel the injection wearing off (shown on the cycles chart)"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.due, 1)
        row.addWidget(self.wearing_off)
        self.wearing_off.clicked.connect(self.mark)
        self.hide()

    def refresh(self) -> None:
        from twitchlog.diary import injections as inj

        ReadOp(self.runner, inj.due_state).success(self._show).run()

    def _show(self, state: DueState) -> None:
        self.state = state
        self.setVisible(state.has_injections)
        self.wearing_off.setEnabled(not state.marked_today)
        self.wearing_off.setText(
            _("Marked: wearing off today") if state.marked_today else _("I feel it wearing off")
        )
        if state.remind and state.next_due is not None:
            days = (state.next_due - state.today).days
            # Whole sentences per count: German says "in 4 Tagen", "vor 4 Tagen" (dative).
            if days > 0:
                text = ngettext(
                    "Your next injection is due around {day} (in {n} day).",
                    "Your next injection is due around {day} (in {n} days).",
                    days,
                )
            elif days == 0:
                text = _("Your next injection is due around {day} (today).")
            else:
                text = ngettext(
                    "Your next injection was due around {day} ({n} day ago).",
                    "Your next injection was due around {day} ({n} days ago).",
                    -days,
                )
            text = text.format(day=format_date(state.next_due), n=abs(days))
            self.due.setText(f"<b>{text}</b>")
            self._tray_once(state.today, text)
        else:
            self.due.setText("")

    def _tray_once(self, today: dt.date, text: str) -> None:
        window = self.window_
        if window is None or window.tray is None:
            return
        if prefs.get("injection/tray_shown") == today.isoformat():
            return
        prefs.put("injection/tray_shown", today.isoformat())
        window.tray.showMessage("twitchlog", text, window.windowIcon())

    def mark(self) -> None:
        from twitchlog.diary import injections as inj

        def done(marker: WearingOff) -> None:
            if self.window_ is not None:
                day = marker.date
                self.window_.say(
                    _("Marked {day}: you feel the injection wearing off.").format(
                        day=format_date(day)
                    )
                )
                self.window_.push_undo(
                    UndoEntry(
                        _("&Undo marking {day} as wearing off").format(day=format_date(day)),
                        _("{day} is no longer marked as wearing off.").format(day=format_date(day)),
                        lambda conn: inj.unmark_wearing_off(conn, day),
                    )
                )

        WriteOp(self.runner, inj.mark_wearing_off).success(done).run()
