"""Settings › Treatments › Injections: the list, add/change/delete (with undo), the reminder
switch, when the next one is due, and the cycles chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from twitchlog import catalog
from twitchlog.diary import injections as inj
from twitchlog.gui.operations import ReadOp, UndoEntry, WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import format_date, short_date
from twitchlog.i18n import _
from twitchlog.words import plural

if TYPE_CHECKING:
    from twitchlog.gui.main_window import MainWindow


def describe(i: inj.Injection) -> str:
    """'2026-03-02 — onabotulinumtoxinA 50 units; left upper eyelid · drooping eyelid mild'."""
    if i.side_effects:
        return _("{day} — {injection} · side effects: {effects}").format(
            day=format_date(i.date), injection=i.words, effects=i.side_effect_words
        )
    return _("{day} — {injection}").format(day=format_date(i.date), injection=i.words)


def due_words(c: inj.Cycles) -> str:
    r = c.report
    if r.next_due is None:
        return _("No injections yet.")
    due = short_date(r.next_due)
    if r.interval_is_default:
        return _("Next injection due around {day} (12 weeks after the last).").format(day=due)
    return _("Next injection due around {day} (your median interval, {days}).").format(
        day=due, days=plural(r.interval_days, "day")
    )


class InjectionsPanel(QGroupBox):
    def __init__(self, runner: TaskRunner, window: MainWindow | None = None) -> None:
        super().__init__("Botulinum toxin injections")
        self.runner = runner
        self.window_ = window
        self.cycles: inj.Cycles | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("injectionList")
        self.list.setAccessibleName("Injections")
        self.list.setToolTip("Your injections, oldest first")
        # Long lines (product, units, sites, side effects) wrap inside the list instead of
        # scrolling sideways; each item's tooltip holds its whole line as well.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add = QPushButton("Add an injection…", self)
        self.edit = QPushButton("Change selected…", self)
        self.delete = QPushButton("Delete selected", self)
        self.due = QLabel(self)
        self.due.setAccessibleName("Next injection due")
        self.remind = QCheckBox("Remind me", self)
        self.remind_days = QSpinBox(self)
        self.remind_days.setRange(0, 60)
        self.remind_days.setSuffix(" " + _("days before it is due"))
        for w, tip in (
            (self.add, "Date, product, units, sites and side effects"),
            (self.edit, "Change the selected injection or rate its side effects"),
            (self.delete, "Delete the selected injection (Edit › Undo brings it back)"),
            (self.remind, "A reminder on the Today view and in the tray before the next one"),
            (self.remind_days, "How many days before the due date to remind"),
        ):
            w.setAccessibleName(w.text() if hasattr(w, "text") else tip)
            w.setToolTip(tip)
        self.remind_days.setAccessibleName("Days before the due date")
        self.chart_box = QVBoxLayout()
        self.canvas: Any = None
        buttons = QHBoxLayout()
        for b in (self.add, self.edit, self.delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        remind = QHBoxLayout()
        remind.addWidget(self.remind)
        remind.addWidget(self.remind_days)
        remind.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        left.addWidget(self.due)
        left.addLayout(remind)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 2)
        lay.addLayout(self.chart_box, 3)
        self.add.clicked.connect(self.open_add)
        self.edit.clicked.connect(self.open_edit)
        self.delete.clicked.connect(self.delete_selected)
        self.remind.toggled.connect(self._reminder_changed)
        self.remind_days.editingFinished.connect(self._reminder_changed)
        # No runner.changed here: the settings view reloads this panel with itself.

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        ReadOp(self.runner, inj.load_cycles).success(self._show).run()

    def _show(self, c: inj.Cycles) -> None:
        self.cycles = c
        self.list.clear()
        for i in c.injections:
            item = QListWidgetItem(describe(i))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.list.addItem(item)
        if not c.injections:
            self.list.addItem(_("No injections recorded."))
        self.due.setText(due_words(c))
        for w in (self.remind, self.remind_days):
            w.blockSignals(True)
        self.remind.setChecked(c.reminder_days is not None)
        self.remind_days.setEnabled(c.reminder_days is not None)
        self.remind_days.setValue(
            c.reminder_days
            if c.reminder_days is not None
            else catalog.DEFAULT_INJECTION_REMINDER_DAYS
        )
        for w in (self.remind, self.remind_days):
            w.blockSignals(False)
        self.draw_chart()

    def draw_chart(self) -> None:
        """Drawn here on the UI thread from the report the worker made (no DB, no analysis)."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(figsize=(6, 3.4), layout="constrained"))
            self.canvas.setAccessibleName("Injection cycles chart")
            self.canvas.setToolTip(
                "Each injection's weeks, aligned on the injection day; the band is your "
                "untreated level"
            )
            self.chart_box.addWidget(self.canvas)
            # Drawn again at its new width: the empty chart's message and the titles wrap
            # to the room they have (at 150 % German they ran off both sides).
            self.canvas.mpl_connect("resize_event", lambda _event: self._build_chart())
        from twitchlog.gui.display import chart_height

        self.canvas.setMinimumHeight(chart_height(260))
        self._build_chart()

    def _build_chart(self) -> None:
        from twitchlog.charts.cycles import build_cycles
        from twitchlog.charts.theme import theme_from_colors
        from twitchlog.gui.display import chart_colours

        background, text, size = chart_colours(self)  # the chosen display theme and text size
        theme = theme_from_colors(background, text, font_size=size)
        report = self.cycles.report if self.cycles else None
        build_cycles(report, fig=self.canvas.figure, theme=theme)
        self.canvas.draw_idle()

    # -- writing ---------------------------------------------------------------------------
    def selected(self) -> inj.Injection | None:
        item = self.list.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item else None
        return found if isinstance(found, inj.Injection) else None

    def _say(self, text: str) -> None:
        if self.window_ is not None:
            self.window_.say(text)

    def open_add(self) -> None:
        from twitchlog.gui.injection_dialog import InjectionDialog

        self.dialog = InjectionDialog(self.runner, None, self)
        self.dialog.open()

    def open_edit(self) -> None:
        from twitchlog.gui.injection_dialog import InjectionDialog

        shot = self.selected()
        if shot is None:
            self._say(_("Select an injection first."))
            return
        self.dialog = InjectionDialog(self.runner, shot, self)
        self.dialog.open()

    def delete_selected(self) -> None:
        shot = self.selected()
        if shot is None:
            self._say(_("Select an injection first."))
            return

        ident = shot.id

        def done(gone: inj.Injection) -> None:
            self._say(
                _("Deleted the injection of {day}. Edit › Undo brings it back.").format(
                    day=format_date(gone.date)
                )
            )
            if self.window_ is not None:
                self.window_.push_undo(
                    UndoEntry(
                        _("&Undo deleting the injection of {day}").format(
                            day=format_date(gone.date)
                        ),
                        _("The injection of {day} is back.").format(day=format_date(gone.date)),
                        lambda conn: inj.restore_injection(conn, gone),
                    )
                )

        WriteOp(self.runner, lambda c: inj.delete_injection(c, ident)).success(done).run()

    def _reminder_changed(self) -> None:
        days = self.remind_days.value() if self.remind.isChecked() else None
        self.remind_days.setEnabled(days is not None)
        WriteOp(self.runner, lambda conn: inj.set_reminder_days(conn, days)).run()
