"""Settings tab: the preferences at a glance, your factors, your treatments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twitchlog import launcher
from twitchlog.diary.records import Treatment
from twitchlog.diary.settings import SettingsPage
from twitchlog.gui import display, prefs
from twitchlog.gui.operations import ReadOp, UndoEntry, WriteOp
from twitchlog.gui.settings_dialog import reminder_time
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import clock
from twitchlog.gui.treatment_dialog import describe
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _
from twitchlog.words import unit_for

if TYPE_CHECKING:
    from twitchlog.gui.main_window import MainWindow


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.rstrip("…"))
    b.setToolTip(tip)
    return b


def _list(name: str, parent: QWidget) -> QListWidget:
    w = QListWidget(parent)
    w.setAccessibleName(name)
    w.setToolTip(name)
    w.setAlternatingRowColors(True)
    return w


class SettingsView(QWidget):
    def __init__(self, runner: TaskRunner, window: MainWindow | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.window_ = window
        self.day_start = 4
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("Current settings")
        self.change = _button("Change settings…", "Reminder, day start, units, file (Ctrl+,)", self)
        self.factors = _list("Factors you can check in", self)
        self.add_factor = _button("Add a factor…", "Track something of your own", self)
        self.treatments = _list("Treatments", self)
        self.add_treatment = _button("Add a treatment…", "Medication, therapy, procedure…", self)
        self.end_treatment = _button("End selected…", "Set the day a treatment ended", self)
        self.delete_treatment = _button(
            "Delete selected", "Remove the selected treatment (Ctrl+Z brings it back)", self
        )
        prefs_box = QGroupBox("Preferences", self)
        pl = QHBoxLayout(prefs_box)
        pl.addWidget(self.summary, 1)
        pl.addWidget(self.change, 0, Qt.AlignmentFlag.AlignTop)
        fbox = QGroupBox("Factors", self)
        fl = QVBoxLayout(fbox)
        fl.addWidget(self.factors, 1)
        fl.addWidget(self.add_factor, 0, Qt.AlignmentFlag.AlignLeft)
        tbox = QGroupBox("Treatments", self)
        tl = QVBoxLayout(tbox)
        tl.addWidget(self.treatments, 1)
        # Adding on a row of its own: three buttons side by side at 150 % German left the
        # factor list beside them too narrow to read ("Magnesium-Ergänzung (m").
        tl.addWidget(self.add_treatment, 0, Qt.AlignmentFlag.AlignLeft)
        tb = QHBoxLayout()
        tb.addWidget(self.end_treatment)
        tb.addWidget(self.delete_treatment)
        tb.addStretch(1)
        tl.addLayout(tb)
        lists = QHBoxLayout()
        lists.addWidget(fbox, 1)
        lists.addWidget(tbox, 1)
        from twitchlog.gui.injections_panel import InjectionsPanel

        self.injections = InjectionsPanel(runner, window)
        lay = QVBoxLayout(self)
        lay.addWidget(prefs_box)
        lay.addLayout(lists, 1)
        lay.addWidget(self.injections, 1)
        self.change.clicked.connect(self.open_settings)
        self.add_factor.clicked.connect(self.open_factor)
        self.add_treatment.clicked.connect(self.open_treatment)
        self.end_treatment.clicked.connect(self.open_end_treatment)
        self.delete_treatment.clicked.connect(self.delete_selected_treatment)
        runner.changed.connect(self.refresh)
        guard_wheel(self)  # the wheel scrolls; it changes no field (the injection panel too)

    def refresh(self) -> None:
        from twitchlog.diary.settings import settings_page

        ReadOp(self.runner, settings_page).success(self._show).run()
        self.injections.refresh()

    def _show(self, page: SettingsPage) -> None:
        factors, treatments, self.day_start = page.factors, page.treatments, page.day_start
        at = reminder_time()
        units = _("cups of coffee") if prefs.get("units/caffeine") == "cups" else "mg"
        lines = [
            _("Daily check-in reminder: {time}").format(time=clock(at))
            if at
            else _("Daily check-in reminder: off"),
            _(
                "A diary day starts at {hour}:00 (a twitch before then counts for the "
                "evening before)"
            ).format(hour=self.day_start),
            _("Caffeine entered in {unit}").format(unit=units),
            _("Diary file: {location}").format(location=self.runner.location),
            _("Starts at login: yes") if launcher.autostart_enabled() else _("Starts at login: no"),
            _("Display: {display}").format(display=display.describe()),
        ]
        self.summary.setText("\n".join(lines))
        self.factors.clear()
        for f in factors:
            unit = unit_for(2, f.unit) if f.unit else _("number")
            kind = {"number": unit, "scale": "0–10", "yesno": _("yes/no")}[f.kind]
            label = _("{factor} ({kind})").format(factor=_(f.label), kind=kind)
            self.factors.addItem(
                label if f.builtin else _("{factor} — your own").format(factor=label)
            )
        self.treatments.clear()
        for t in treatments:
            item = QListWidgetItem(describe(t))
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.treatments.addItem(item)
        if not treatments:
            self.treatments.addItem(_("No treatments recorded."))

    def open_settings(self) -> None:
        from twitchlog.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.runner, self.day_start, self)
        dialog.accepted.connect(self._settings_saved)
        dialog.open()
        self.dialog: QDialog = dialog

    def _settings_saved(self) -> None:
        if self.window_ is not None:
            self.window_.preferences_changed()
        self.refresh()

    def open_factor(self) -> None:
        from twitchlog.gui.factor_dialog import FactorDialog

        self.dialog = FactorDialog(self.runner, self)
        self.dialog.open()

    def open_treatment(self) -> None:
        from twitchlog.gui.treatment_dialog import TreatmentDialog

        self.dialog = TreatmentDialog(self.runner, self)
        self.dialog.open()

    def selected_treatment(self) -> Treatment | None:
        """The treatment picked in the list; None (and a word in the status bar) if none."""
        item = self.treatments.currentItem()
        treatment = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(treatment, Treatment):
            return treatment
        if self.window_ is not None:
            self.window_.say(_("Select a treatment first."))
        return None

    def open_end_treatment(self) -> None:
        from twitchlog.gui.treatment_dialog import EndTreatmentDialog

        treatment = self.selected_treatment()
        if treatment is not None:
            self.dialog = EndTreatmentDialog(self.runner, treatment, self)
            self.dialog.open()

    def delete_selected_treatment(self) -> None:
        """Delete the selected treatment at once; Edit → Undo puts it back as it was."""
        from twitchlog.diary.treatments import delete_treatment

        treatment = self.selected_treatment()
        if treatment is not None:
            ident = treatment.id
            WriteOp(self.runner, lambda c: delete_treatment(c, ident)).success(
                self._treatment_deleted
            ).run()

    def _treatment_deleted(self, gone: Treatment) -> None:
        from twitchlog.diary.treatments import restore_treatment

        if self.window_ is not None:
            name = gone.name
            self.window_.push_undo(
                UndoEntry(
                    _("&Undo deleting the treatment {name}").format(name=name),
                    _("The treatment {name} is back.").format(name=name),
                    lambda c: restore_treatment(c, gone),
                )
            )
            self.window_.say(
                _("Deleted the treatment {name}. Ctrl+Z brings it back.").format(name=name)
            )
