"""Settings: reminder time, day-start hour, caffeine unit, where the diary file is."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from twitchlog import launcher
from twitchlog.errors import DiaryError
from twitchlog.gui import display, prefs
from twitchlog.gui.factor_fields import error_label
from twitchlog.gui.operations import WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _


def reminder_time() -> dt.time | None:
    """The reminder time from the preferences, or None when switched off."""
    if not prefs.get("reminder/enabled"):
        return None
    try:
        return dt.time.fromisoformat(str(prefs.get("reminder/time")))
    except ValueError:
        return dt.time.fromisoformat(prefs.DEFAULTS["reminder/time"])


class SettingsDialog(QDialog):
    def __init__(self, runner: TaskRunner, day_start: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("Settings")
        at = reminder_time() or dt.time.fromisoformat(prefs.DEFAULTS["reminder/time"])
        self.remind = QCheckBox("Remind me to check in", self)
        self.remind.setChecked(bool(prefs.get("reminder/enabled")))
        self.time = QTimeEdit(QTime(at.hour, at.minute), self)
        self.time.setDisplayFormat("HH:mm")
        self.remind.toggled.connect(self.time.setEnabled)
        self.time.setEnabled(self.remind.isChecked())
        self.day_start = QSpinBox(self)
        self.day_start.setRange(0, 12)
        self.day_start.setSuffix(":00")
        self.day_start.setValue(day_start)
        self.units = QComboBox(self)
        self.units.addItem("milligrams (mg)", "mg")
        self.units.addItem("cups of coffee", "cups")
        self.units.setCurrentIndex(max(0, self.units.findData(prefs.get("units/caffeine"))))
        self.location = QLineEdit(str(prefs.get("diary/location") or ""), self)
        self.location.setPlaceholderText(runner.location or "the default place")
        browse = QPushButton("Choose…", self)
        self.theme = QComboBox(self)
        for key, words in display.THEMES.items():
            self.theme.addItem(words, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(display.theme())))
        self.text_size = QSpinBox(self)
        self.text_size.setRange(*display.TEXT_SIZES)
        self.text_size.setSingleStep(10)
        self.text_size.setSuffix(" %")
        self.text_size.setValue(display.text_scale())
        self.autostart = QCheckBox("Start twitchlog when I log in (minimised)", self)
        self.autostart.setChecked(launcher.autostart_enabled())
        for w, name, tip in (
            (self.remind, "Daily reminder", "Show a reminder when today is not checked in"),
            (self.time, "Reminder time", "When to remind you, every day"),
            (
                self.day_start,
                "Day starts at",
                "A twitch before this hour counts for the day before",
            ),
            (self.units, "Caffeine unit", "Enter caffeine in mg or in cups (1 cup ≈ 95 mg)"),
            (self.location, "Diary file", "Where the diary is kept; used from the next start"),
            (browse, "Choose diary file", "Pick a diary file"),
            (
                self.theme,
                "Colours",
                "Dark and high contrast are easier on sore, light-sensitive eyes",
            ),
            (self.text_size, "Text size", "Larger text everywhere, charts included (100–200 %)"),
            (
                self.autostart,
                "Start at login",
                "So the daily reminder comes even when you forget to open twitchlog",
            ),
        ):
            w.setAccessibleName(name)
            w.setToolTip(tip)
        browse.clicked.connect(self._browse)
        self.error = error_label(self)
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.remind)
        form.addRow("Reminder at", self.time)
        form.addRow("Diary day starts at", self.day_start)
        form.addRow("Caffeine in", self.units)
        form.addRow("Diary file", where)
        form.addRow("", QLabel("A new diary file is used from the next start.", self))
        form.addRow(self.autostart)
        form.addRow("Colours", self.theme)
        form.addRow("Text size", self.text_size)
        form.addRow(self.error)
        form.addRow(buttons)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Diary file"),
            self.location.text(),
            _("Diary (*.sqlite3)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.location.setText(name)

    def submit(self) -> None:
        from twitchlog.diary.settings import set_day_start_hour

        hour = self.day_start.value()
        WriteOp(self.runner, lambda c: set_day_start_hour(c, hour)).success(
            lambda _h: self._save_prefs()
        ).failure(self.show_error).run()

    def _save_prefs(self) -> None:
        prefs.put("reminder/enabled", self.remind.isChecked())
        prefs.put("reminder/time", self.time.time().toString("HH:mm"))
        prefs.put("units/caffeine", self.units.currentData())
        prefs.put("diary/location", self.location.text().strip())
        prefs.put("display/theme", self.theme.currentData())
        prefs.put("display/text_scale", self.text_size.value())
        if self.autostart.isChecked() != launcher.autostart_enabled():
            try:
                launcher.set_autostart(self.autostart.isChecked())
            except OSError as exc:
                self.show_error(
                    DiaryError(_("Start at login could not be changed: {error}.").format(error=exc))
                )
                return
        self.accept()

    def show_error(self, error: DiaryError) -> None:
        self.error.setText(str(error))
        self.error.show()
