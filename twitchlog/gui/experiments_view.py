"""Experiments: plan a randomised on/off test of a suspected trigger, follow it, read it.

Everything that reads the diary, simulates power or analyses runs on the window's worker
(TaskRunner); this view only shows what comes back. The schedule preview is pure
arithmetic on the draft plan and is drawn at once as the numbers change.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twitchlog.analysis.experiment_plan import (
    DEFAULT_BLOCK_DAYS,
    DEFAULT_PAIRS,
    DEFAULT_WASHOUT_DAYS,
    MAX_BLOCK_DAYS,
    MAX_PAIRS,
    MIN_BLOCK_DAYS,
    MIN_PAIRS,
    Plan,
    draw_orders,
)
from twitchlog.diary import experiments as ex
from twitchlog.errors import DiaryError
from twitchlog.gui.factor_fields import error_label
from twitchlog.gui.operations import ReadOp, UndoEntry, WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import N_, _, format_date

if TYPE_CHECKING:
    from twitchlog.analysis.experiment import ExperimentResult
    from twitchlog.gui.main_window import MainWindow

DAY_PATTERN = N_("ddd dd MMM yyyy")  # Qt's date pattern of the schedule's days
DONE = {
    "pause": N_("Experiment paused. Edit › Undo takes the pause back."),
    "resume": N_("Experiment resumed."),
    "stop": N_("Experiment stopped. Edit › Undo takes the stop back."),
}
UNDO = {  # the Edit menu's text, and the sentence once it is undone
    "pause": (N_("&Undo pausing the experiment"), N_("The experiment runs again.")),
    "resume": (N_("&Undo resuming the experiment"), N_("The experiment is paused again.")),
    "stop": (N_("&Undo stopping the experiment"), N_("The experiment is back as it was.")),
}


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _day(value: dt.date) -> str:
    """A block's first or last day in the window's language ('Mon 09 Mar 2026',
    'Mo. 09.03.2026'); the pattern is Qt's, translated with the rest."""
    return QLocale().toString(QDate(value.year, value.month, value.day), _(DAY_PATTERN))


class ExperimentsView(QWidget):
    """Plan (with the schedule and the power shown up front), progress, result chart."""

    planned = Signal(object)  # the stored Plan

    def __init__(self, runner: TaskRunner, window: MainWindow | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.window_ = window
        self.loaded: ex.ExperimentPage | None = None
        self.seed = secrets.randbelow(2**31)
        self._canvas: Any = None
        self._figure: Any = None

        # -- current experiment ------------------------------------------------------
        self.status = QLabel("Opening your diary…", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Experiment status")
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Experiment warnings")
        self.warnings.hide()
        self.pause_button = QPushButton("Pause…", self)
        self.pause_button.setToolTip("Stop the clock (holiday, illness); the schedule waits")
        self.resume_button = QPushButton("Resume", self)
        self.stop_button = QPushButton("Stop…", self)
        self.stop_button.setToolTip("End the experiment early; the reason is kept")
        self.new_button = QPushButton("Plan a new experiment…", self)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.schedule = QTableWidget(0, 4, self)
        self.schedule.setHorizontalHeaderLabels(("Pair", "Condition", "From", "To"))
        self.schedule.setAccessibleName("Experiment schedule")
        self.schedule.verticalHeader().setVisible(True)
        self.schedule.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.schedule.setToolTip("Blocks in time order; the settling-in days start each block")
        self.result_text = QLabel(self)
        self.result_text.setWordWrap(True)
        self.result_text.setAccessibleName("Experiment result")
        self.chart_box = QVBoxLayout()

        # -- plan form -----------------------------------------------------------------
        self.form = QGroupBox("Plan an experiment", self)
        self.factor = QComboBox(self.form)
        self.factor.setAccessibleName("Factor to test")
        self.changed = QLineEdit(self.form)
        self.changed.setPlaceholderText("e.g. at most 1 cup")
        self.changed.setAccessibleName("The change")
        self.usual = QLineEdit(_("as usual"), self.form)
        self.usual.setAccessibleName("The other condition")
        self.start = QDateEdit(self.form)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(_(DAY_PATTERN))
        self.start.setAccessibleName("First day")
        self.block_days = self._spin(MIN_BLOCK_DAYS, MAX_BLOCK_DAYS, DEFAULT_BLOCK_DAYS)
        self.block_days.setAccessibleName("Days per block")
        self.pairs = self._spin(MIN_PAIRS, MAX_PAIRS, DEFAULT_PAIRS)
        self.pairs.setAccessibleName("Pairs of blocks")
        self.washout = self._spin(0, DEFAULT_BLOCK_DAYS - 3, DEFAULT_WASHOUT_DAYS)
        self.washout.setAccessibleName("Settling-in days")
        self.washout.setToolTip(
            "The first days of each block are not analysed: the change needs time"
        )
        self.power = QLabel("", self.form)
        self.power.setWordWrap(True)
        self.power.setAccessibleName("Chance of finding an effect")
        self.form_error = error_label(self.form)
        self.save = QPushButton("Start this experiment", self.form)
        self.cancel = QPushButton("Cancel", self.form)
        grid = QFormLayout(self.form)
        grid.addRow("Factor:", self.factor)
        grid.addRow("With the change:", self.changed)
        grid.addRow("Compared with:", self.usual)
        grid.addRow("First day:", self.start)
        grid.addRow("Days per block:", self.block_days)
        grid.addRow("Pairs of blocks:", self.pairs)
        grid.addRow("Settling-in days (not analysed):", self.washout)
        grid.addRow(self.power)
        grid.addRow(self.form_error)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addWidget(self.cancel)
        row.addStretch(1)
        grid.addRow(row)
        self.form.hide()

        inner = QWidget(self)
        lay = QVBoxLayout(inner)
        lay.addWidget(self.status)
        lay.addWidget(self.warnings)
        lay.addLayout(buttons)
        columns = QHBoxLayout()  # the plan on the left, the result beside it
        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addWidget(self.schedule)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.result_text)
        right.addLayout(self.chart_box, 1)
        columns.addLayout(left, 0)
        columns.addLayout(right, 1)
        lay.addLayout(columns, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes control to control
        QVBoxLayout(self).addWidget(scroll)

        self._power_timer = QTimer(self)
        self._power_timer.setSingleShot(True)
        self._power_timer.setInterval(300)
        self._power_timer.timeout.connect(self._estimate_power)
        for spin in (self.block_days, self.pairs, self.washout):
            spin.valueChanged.connect(self._draft_changed)
        self.start.dateChanged.connect(lambda _d: self._draft_changed())
        self.changed.textChanged.connect(lambda _t: self._draft_changed())
        self.usual.textChanged.connect(lambda _t: self._draft_changed())
        self.new_button.clicked.connect(self.open_plan)
        self.cancel.clicked.connect(self._close_plan)
        self.save.clicked.connect(self.submit)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        runner.changed.connect(self.refresh)
        self._show_buttons(None)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def _spin(self, lo: int, hi: int, value: int) -> QSpinBox:
        spin = QSpinBox(self.form)
        spin.setRange(lo, hi)
        spin.setValue(value)
        return spin

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        ReadOp(self.runner, ex.experiment_page).success(self._loaded).run()

    def _loaded(self, loaded: ex.ExperimentPage) -> None:
        self.loaded = loaded
        current = self.factor.currentData()
        self.factor.clear()
        for f in loaded.factors:
            self.factor.addItem(_(f.heading), f.key)
        if current:
            self.factor.setCurrentIndex(max(0, self.factor.findData(current)))
        if self.start.date() < QDate(2000, 1, 2):
            t = loaded.today
            self.start.setDate(QDate(t.year, t.month, t.day))
        plan, result = loaded.plan, loaded.result
        self._show_buttons(plan)
        if plan is None:
            self.status.setText(
                _(
                    "No experiment yet. A diary can only show what goes together; an "
                    "experiment finds out whether a change really helps you: blocks with and "
                    "without it, in random order."
                )
            )
            self.warnings.hide()
            self.result_text.clear()
            if not self.form.isVisible():
                self._fill_schedule(None)
            self._draw(None)
            return
        details = _(
            "Testing {factor}: '{changed}' against '{usual}', {pairs} pairs of {days}-day blocks."
        ).format(
            factor=ex.factor_words(plan.factor_label),
            changed=plan.changed,
            usual=plan.usual,
            pairs=plan.pairs,
            days=plan.block_days,
        )
        line = plan.status_line(loaded.today)
        if loaded.done_days is not None:
            line = _("{status} — {done} of {total} days done").format(
                status=line, done=loaded.done_days, total=plan.total_days
            )
        self.status.setText(f"<b>{line}</b><br>{details}")
        self.warnings.setText("<br>".join(f"⚠ {w}" for w in loaded.warnings))
        self.warnings.setVisible(bool(loaded.warnings))
        if not self.form.isVisible():
            self._fill_schedule(plan)
        if result is not None:
            head = "<b>{}</b>".format(_("Result: {verdict}.").format(verdict=_(result.verdict)))
            if result.low_adherence:
                head += " <b>{}</b>".format(_("(Low adherence)"))
            self.result_text.setText(head + "<br>" + "<br>".join(result.sentences))
        self._draw(result)

    def _show_buttons(self, plan: Plan | None) -> None:
        state = plan.state(self.loaded.today) if plan and self.loaded else None
        self.pause_button.setVisible(state == "running")
        self.resume_button.setVisible(state == "paused")
        self.stop_button.setVisible(state in ("planned", "running", "paused"))
        self.new_button.setEnabled(state not in ("planned", "running", "paused"))

    def _fill_schedule(self, plan: Plan | None) -> None:
        blocks = plan.blocks() if plan else []
        current = None
        if plan is not None and self.loaded is not None:
            current = ex.block_on(plan, self.loaded.today)
        self.schedule.setHorizontalHeaderLabels((_("Pair"), _("Condition"), _("From"), _("To")))
        self.schedule.setRowCount(len(blocks))
        for r, b in enumerate(blocks):
            assert plan is not None
            words = plan.condition_words(b.condition)
            cells = (
                str(b.pair),
                _("{condition} ← today").format(condition=words) if b.number == current else words,
                _day(b.first) if b.first else _("after the pause"),
                _day(b.last) if b.last else "",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if b.number == current:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.schedule.setItem(r, c, item)
        self.schedule.resizeColumnsToContents()
        self.schedule.resizeRowsToContents()
        frame = 2 * self.schedule.frameWidth()
        self.schedule.setFixedHeight(
            self.schedule.horizontalHeader().height()
            + sum(self.schedule.rowHeight(r) for r in range(len(blocks)))
            + frame
        )
        self.schedule.setFixedWidth(
            self.schedule.verticalHeader().width()
            + sum(self.schedule.columnWidth(c) for c in range(4))
            + frame
        )
        self.schedule.setVisible(bool(blocks))

    def _draw(self, result: ExperimentResult | None) -> None:
        if result is None:
            if self._canvas is not None:
                self._canvas.hide()
            return
        from twitchlog.charts.experiment import draw_experiment
        from twitchlog.charts.theme import theme_from_colors

        if self._canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self._figure = Figure(figsize=(6.0, 3.0), layout="constrained")
            self._canvas = FigureCanvasQTAgg(self._figure)
            self._canvas.setMinimumWidth(300)  # room for the plan beside it in a narrow window
            self._canvas.setAccessibleName("Experiment result chart")
            self.chart_box.addWidget(self._canvas)
        from twitchlog.gui.display import chart_colours, chart_height

        self._canvas.setMinimumHeight(chart_height(240))
        background, text, size = chart_colours(self)  # the chosen theme and text size
        theme = theme_from_colors(background, text, font_size=size)
        draw_experiment(result, self._figure, theme)
        self._canvas.show()
        self._canvas.draw()

    # -- planning -----------------------------------------------------------------------
    def open_plan(self) -> None:
        self.seed = secrets.randbelow(2**31)
        self.form_error.hide()
        self.form.show()
        self._draft_changed()
        self.changed.setFocus()

    def _close_plan(self) -> None:
        self.form.hide()
        self.refresh()

    def draft(self) -> Plan:
        """The plan as the form stands, with the order its seed draws (shown, then stored)."""
        pairs = self.pairs.value()
        key = str(self.factor.currentData() or "")
        return Plan(
            key,
            self.factor.currentText(),
            self.changed.text().strip() or _("with the change"),
            self.usual.text().strip() or _("as usual"),
            _date(self.start.date()),
            self.block_days.value(),
            pairs,
            self.washout.value(),
            self.seed,
            draw_orders(self.seed, pairs),
        )

    def _draft_changed(self) -> None:
        self.washout.setMaximum(self.block_days.value() - 3)
        if not self.form.isVisible():
            return
        self._fill_schedule(self.draft())
        self._set_power(_("Working out how likely this plan is to find an effect…"))
        self._power_timer.start()

    def _estimate_power(self) -> None:
        draft = self.draft()
        ReadOp(self.runner, lambda c: ex.check_draft(c, draft)).success(self._power_shown).run()

    def _power_shown(self, check: ex.DraftCheck) -> None:
        if check.draft != self.draft():
            return  # the form changed meanwhile; a newer estimate is on its way
        self._set_power(check.power + "".join(f"<br>⚠ {w}" for w in check.warnings))

    def _set_power(self, text: str) -> None:
        self.power.setText(text)
        QTimer.singleShot(0, self._fit_power)

    def _fit_power(self) -> None:
        """Room for every line of the wrapped estimate: inside the scroll area the layout
        does not ask a wrapped label its height for the width it gets, so it was cut off."""
        width = self.power.width() or self.power.sizeHint().width()
        self.power.setMinimumHeight(self.power.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.form.isVisible():
            QTimer.singleShot(0, self._fit_power)

    def submit(self) -> None:
        draft = self.draft()
        changed, usual = self.changed.text(), self.usual.text()
        self.form_error.hide()

        def done(plan: Plan) -> None:
            self.form.hide()
            self.planned.emit(plan)
            self._say(
                _("Experiment planned: it starts on {day}.").format(day=format_date(plan.start))
            )

        WriteOp(
            self.runner,
            lambda c: ex.plan_experiment(
                c,
                draft.factor_key,
                changed=changed,
                usual=usual,
                start=draft.start,
                block_days=draft.block_days,
                pairs=draft.pairs,
                washout_days=draft.washout_days,
                seed=draft.seed,
            ),
        ).success(done).failure(self._failed).run()

    def _failed(self, error: DiaryError) -> None:
        self.form_error.setText(str(error))
        self.form_error.show()

    # -- pause, resume, stop ------------------------------------------------------------
    def _change(self, action: ex.Action, reason: str = "") -> None:
        plan = self.loaded.plan if self.loaded else None
        if plan is None:
            return
        plan_id = plan.id
        WriteOp(self.runner, lambda c: ex.change_experiment(c, plan_id, action, reason)).success(
            self._changed
        ).run()

    def _changed(self, change: ex.ExperimentChange) -> None:
        self._say(_(DONE[change.action]))
        if self.window_ is not None:
            before = change.before
            self.window_.push_undo(
                UndoEntry(
                    _(UNDO[change.action][0]),
                    _(UNDO[change.action][1]),
                    lambda c: ex.restore_experiment(c, before),
                )
            )

    def _ask_reason(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, title, _("Why, in a few words (kept with the result):")
        )
        return text if ok else None

    def pause(self) -> None:
        reason = self._ask_reason(_("Pause the experiment"))
        if reason is not None:
            self._change("pause", reason)

    def resume(self) -> None:
        self._change("resume")

    def stop(self) -> None:
        reason = self._ask_reason(_("Stop the experiment"))
        if reason is not None:
            self._change("stop", reason)

    def _say(self, text: str) -> None:
        if self.window_ is not None:
            self.window_.say(text)
