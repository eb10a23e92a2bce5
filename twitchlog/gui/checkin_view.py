"""The daily check-in: every factor, 'no twitches today', a note, 'same as last time'."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from twitchlog.diary.records import Day, Factor
from twitchlog.errors import DiaryError, ValidationError
from twitchlog.gui.factor_fields import FactorField, error_label
from twitchlog.gui.operations import ReadOp, WriteOp
from twitchlog.gui.qdates import to_date, to_qdate
from twitchlog.gui.tasks import TaskRunner, WorkerConnection
from twitchlog.gui.translate import format_date
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Callable

    from twitchlog.diary.experiments import Plan
    from twitchlog.diary.today import CheckinPage
    from twitchlog.gui.main_window import MainWindow

# This view's own keys, also listed in Help → Keyboard shortcuts.
SHORTCUTS = (
    ("Ctrl+S", N_("Save the check-in")),
    ("Ctrl+Shift+Y", N_("Fill in the values of the last check-in")),
)
GROUPS = (
    ("trigger", N_("Possible triggers")),
    ("relief", N_("Relief")),
    ("custom", N_("Your own factors")),
)


class CheckinForm(QWidget):
    """The fields of one day's check-in; keeps what was typed until told otherwise."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, units: str = "mg") -> None:
        super().__init__(parent)
        self.units = units
        self.fields: dict[str, FactorField] = {}
        self.errors: dict[str, QLabel] = {}
        self.factor_keys: tuple[str, ...] = ()
        self._layout = QVBoxLayout(self)
        self.no_twitches = QCheckBox("No twitches today", self)
        self.no_twitches.setAccessibleName("No twitches today")
        self.no_twitches.setToolTip("Tick when the day had no twitching at all (it still counts)")
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("Anything else about the day (optional)")
        self.note.setAccessibleName("Note for the day")
        self.note.setToolTip("A free note for the day")
        self.note.setFixedHeight(60)
        self._groups = QWidget(self)
        self._layout.addWidget(self._groups)
        for key, widget in (("no_twitches", self.no_twitches), ("note", self.note)):
            self._layout.addWidget(widget)
            self.errors[key] = error_label(self)
            self._layout.addWidget(self.errors[key])
        self.general_error = error_label(self)
        self._layout.addWidget(self.general_error)
        self.no_twitches.toggled.connect(self.edited)
        self.note.textChanged.connect(self.edited)
        self.no_twitches.toggled.connect(lambda _on: self.clear_error("no_twitches"))
        self.note.textChanged.connect(lambda: self.clear_error("note"))

    def set_factors(self, factors: list[Factor]) -> None:
        """(Re)build the rows; values already typed are kept across a rebuild."""
        keys = tuple(f.key for f in factors)
        if keys == self.factor_keys:
            return
        kept = self.values()
        self.factor_keys = keys
        old = self._groups
        self._groups = QWidget(self)
        box = QVBoxLayout(self._groups)
        box.setContentsMargins(0, 0, 0, 0)
        self.fields = {}
        grids: list[QGridLayout] = []
        headings: list[QLabel] = []
        for category, title in GROUPS:
            members = [f for f in factors if f.category == category]
            if not members:
                continue
            group = QGroupBox(_(title), self._groups)
            grid = QGridLayout(group)
            grid.setColumnStretch(2, 1)
            grids.append(grid)
            for row, factor in enumerate(members):
                field = FactorField(factor, self.units, group)
                field.set_value(kept.get(factor.key))
                field.edited.connect(self.edited)
                field.edited.connect(lambda key=factor.key: self.clear_error(key))
                label = QLabel(_(factor.heading), group)
                label.setBuddy(field.control)
                label.setToolTip(field.control.toolTip())
                headings.append(label)
                err = error_label(group)
                grid.addWidget(label, row, 0)
                grid.addWidget(field, row, 1)
                grid.addWidget(err, row, 2)
                self.fields[factor.key] = field
                self.errors[factor.key] = err
            box.addWidget(group)
        # The groups' fields line up, after the longest heading in this language and size.
        widest = max((h.sizeHint().width() for h in headings), default=0)
        for grid in grids:
            grid.setColumnMinimumWidth(0, max(230, widest))
        self._layout.replaceWidget(old, self._groups)
        old.deleteLater()
        guard_wheel(self._groups)
        # Tab order as read: the questions, then 'no twitches' and the note below them
        # (those two were made first, so Qt would visit them first).
        stops = [
            w
            for w in self._groups.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.focusProxy()
        ]
        if stops:
            QWidget.setTabOrder(stops[-1], self.no_twitches)
        QWidget.setTabOrder(self.no_twitches, self.note)

    def values(self) -> dict[str, float | None]:
        return {key: field.value() for key, field in self.fields.items()}

    def load(self, day: Day | None, *, note: bool = True) -> None:
        """Show a recorded day (None: an empty form); `note=False` keeps today's own note."""
        values = day.values if day else {}
        for key, field in self.fields.items():
            field.set_value(values.get(key))
        if note:
            self.note.setPlainText(day.note if day else "")
            self.no_twitches.setChecked(bool(day and day.no_twitches))
        self.clear_errors()

    def clear_error(self, key: str) -> None:
        """The field was changed: its sentence goes (and a general one, which may be about it)."""
        for label in (self.errors.get(key), self.general_error):
            if label is not None and label.isVisible():
                label.hide()
                label.clear()

    def clear_errors(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.hide()
            label.clear()

    def show_error(self, error: DiaryError) -> None:
        """Put the sentence next to the field it names; nothing typed is touched."""
        self.clear_errors()
        field = error.field if isinstance(error, ValidationError) else None
        label = self.errors.get(field or "", self.general_error)
        label.setText(str(error))
        label.show()
        if field in self.fields:
            self.fields[field].control.setFocus()


class CheckinView(QWidget):
    """The check-in tab: pick a day, fill the form, save (Ctrl+S)."""

    saved = Signal(object)  # the Day record

    def __init__(
        self, runner: TaskRunner, window: MainWindow | None = None, units: str = "mg"
    ) -> None:
        super().__init__()
        self.runner = runner
        self.window_ = window
        self.dirty = False
        self._focus_pending = False  # Ctrl+D before the form loaded: focus it once loaded
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(_("ddd d MMM yyyy"))
        self.date.setAccessibleName("Day to check in")
        self.date.setToolTip("The diary day this check-in is for")
        self.date_error = error_label(self)
        self.same = QPushButton("Same as last check-in", self)
        self.same.setAccessibleName("Same as last check-in")
        self.same.setToolTip("Copy the values of the most recent earlier check-in (Ctrl+Shift+Y)")
        self.save = QPushButton("Save check-in", self)
        self.save.setDefault(True)
        self.save.setAccessibleName("Save check-in")
        self.save.setToolTip("Save this day's check-in (Ctrl+S)")
        self.status = QLabel(self)
        self.status.setAccessibleName("Check-in status")
        self.form = CheckinForm(self, units)
        from twitchlog.gui.kept_question import KeptQuestion

        self.kept = KeptQuestion(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Day:", self))
        top.addWidget(self.date)
        top.addStretch(1)
        top.addWidget(self.same)
        top.addWidget(self.save)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field; it follows
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.date_error)
        lay.addWidget(self.status)
        lay.addWidget(self.kept)
        lay.addWidget(scroll, 1)
        self.form.errors["date"] = self.date_error
        self.form.edited.connect(self._mark_dirty)
        self.kept.edited.connect(self._mark_dirty)
        self._shown_day: dt.date | None = None  # the day the form holds
        self._asking = False
        self._filling = False
        self.date.dateChanged.connect(lambda _d: self._day_changed())
        self.same.clicked.connect(self.same_as_last)
        self.save.clicked.connect(lambda: self.submit())
        for (keys, _what), slot in zip(SHORTCUTS, (self.submit, self.same_as_last), strict=True):
            QShortcut(QKeySequence(keys), self, slot)
        runner.changed.connect(self.refresh)
        guard_wheel(self)

    def _load_form(self, day: Day | None, *, note: bool = True) -> None:
        """Fill the form from the diary: that is no edit of the person's."""
        self._filling = True
        try:
            self.form.load(day, note=note)
        finally:
            self._filling = False

    def _mark_dirty(self) -> None:
        if self._filling:
            return
        if not self.dirty:
            self.status.setText(
                _(
                    "Not saved yet: your changes for {day} (Save check-in or Ctrl+S keeps them)."
                ).format(day=format_date(self.day()))
            )
        self.dirty = True

    # -- unsaved edits (see gui.unsaved) -----------------------------------------------------
    def pending_edits(self) -> str | None:
        if not self.dirty:
            return None
        return _("The check-in for {day} is not saved yet.").format(
            day=format_date(self._shown_day or self.day())
        )

    def save_pending(self) -> None:
        self.submit(self._shown_day)

    def discard_pending(self) -> None:
        self.dirty = False
        self.load_day()

    def _day_changed(self) -> None:
        """Another day picked: first ask what to do with edits to the day shown."""
        if self._asking:
            return
        if not self.dirty or self._shown_day is None or self._shown_day == self.day():
            self.load_day()
            return
        from twitchlog.gui.unsaved import ask_unsaved

        wanted, shown = self.day(), self._shown_day
        self._asking = True

        def answer(choice: str) -> None:
            self._asking = False
            if choice == "cancel":
                self.date.blockSignals(True)
                self.set_day(shown)
                self.date.blockSignals(False)
                return
            if choice == "save":
                # Back on the edited day until the write succeeds: a refused save (a
                # validation error) keeps what was typed there, with the error shown.
                self.date.blockSignals(True)
                self.set_day(shown)
                self.date.blockSignals(False)
                self.submit(shown, then=lambda: go_to(wanted))
                return
            go_to(wanted)

        def go_to(day: dt.date) -> None:
            self.dirty = False
            self.set_day(day)
            self.load_day()

        question = _("The check-in for {day} is not saved yet.").format(day=format_date(shown))
        ask_unsaved(self, question, answer)

    def focus_first_field(self) -> None:
        """Put the keyboard in the first question (Ctrl+D: check in without the mouse); if
        the form is still loading, as soon as it has loaded."""
        self._focus_pending = self._first_load() or not self.form.fields
        if not self._focus_pending:
            control = next(iter(self.form.fields.values())).control
            control.setFocus()
            if hasattr(control, "selectAll"):
                control.selectAll()

    def day(self) -> dt.date:
        return to_date(self.date.date())

    def set_day(self, day: dt.date) -> None:
        self.date.setDate(to_qdate(day))

    def _first_load(self) -> bool:
        return self.date.date() < QDate(2000, 1, 2)  # no day picked yet

    def refresh(self) -> None:
        """Pick up new factors; reload the day only if nothing was typed since."""
        from twitchlog.diary.today import checkin_page

        # Read here: widgets are UI-thread only. No day picked yet: today's diary day.
        shown = None if self._first_load() else self.day()
        ReadOp(self.runner, lambda c: checkin_page(c, shown)).success(self._refreshed).run()

    def _refreshed(self, page: CheckinPage) -> None:
        when, day = page.day, page.record
        self.date.setMaximumDate(to_qdate(page.today))
        self.form.set_factors(page.factors)
        if self._first_load():
            # Today and what is recorded for it in one go: a second load arriving after the
            # form showed would wipe what was typed meanwhile.
            self.date.blockSignals(True)
            self.set_day(when)
            self.date.blockSignals(False)
            self._show_day(day)
        elif not self.dirty and when == self.day():
            self._show_day(day, say=False)
        if self._focus_pending:
            self.focus_first_field()

    def load_day(self) -> None:
        """The day changed: show what was recorded for it."""
        from twitchlog.diary.days import get_day

        from_day = self.day()
        ReadOp(self.runner, lambda c: get_day(c, from_day)).success(self._show_day).run()

    def _show_day(self, day: Day | None, *, say: bool = True) -> None:
        self._load_form(day)
        self.dirty = False
        self._shown_day = self.day()
        self._load_kept()
        if not say:
            return
        text = (
            _("Checked in for {day}; saving again updates it.")
            if day
            else _("No check-in yet for {day}. Leave anything you did not note as 'not recorded'.")
        )
        self.status.setText(text.format(day=format_date(self.day())))

    def _load_kept(self) -> None:
        """The experiment question, when the day shown is a day of a running experiment."""
        from twitchlog.diary.experiments import kept_on

        shown = self.day()

        def done(found: tuple[Plan, str | None] | None) -> None:
            if shown == self.day():
                self.kept.show_for(found)

        ReadOp(self.runner, lambda c: kept_on(c, shown)).success(done).run()

    def same_as_last(self) -> None:
        from twitchlog.diary.days import latest_day_before

        day = self.day()

        def done(last: Day | None) -> None:
            if last is None:
                self.status.setText(_("There is no earlier check-in to copy."))
                return
            self._load_form(last, note=False)
            self.dirty = True
            self.status.setText(
                _("Copied from {day}; check and save.").format(day=format_date(last.date))
            )

        ReadOp(self.runner, lambda c: latest_day_before(c, day)).success(done).run()

    def submit(self, day: dt.date | None = None, then: Callable[[], None] | None = None) -> None:
        """Save the form for `day` (default: the day picked); nothing before the form has
        loaded (Ctrl+S at once after Ctrl+D: no day is picked yet). `then` runs once saved,
        only if nothing was typed meanwhile; never when the save is refused."""
        if day is None and self._first_load():
            return
        day, values = day or self.day(), self.form.values()
        note, none = self.form.note.toPlainText(), self.form.no_twitches.isChecked()
        self.form.clear_errors()
        plan = self.kept.plan if self.kept.isVisible() else None
        kept = self.kept.answer()

        from twitchlog.diary.experiments import check_in_and_answer

        plan_id = plan.id if plan is not None else None

        def save(conn: WorkerConnection) -> Day:
            return check_in_and_answer(
                conn, day, values, note=note, no_twitches=none, experiment_id=plan_id, kept=kept
            )

        def done(record: Day) -> None:
            if self.form.values() == values and record.date == self.day():
                self.dirty = False  # nothing typed while it was being saved
                self.status.setText(
                    _("Saved the check-in for {day}.").format(day=format_date(record.date))
                )
            self.saved.emit(record)
            if then is not None and not self.dirty:
                then()

        WriteOp(self.runner, save).success(done).failure(self.form.show_error).run()

    def set_units(self, units: str) -> None:
        """Rebuild the rows with the caffeine unit chosen in the settings."""
        self.form.units = units
        factors_keys = self.form.factor_keys
        self.form.factor_keys = ()
        if factors_keys:
            self.refresh()
