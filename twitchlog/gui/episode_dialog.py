"""Edit one logged twitch: when, how strong, how long, where, signs, note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from twitchlog import catalog
from twitchlog.diary.records import Episode
from twitchlog.errors import DiaryError
from twitchlog.gui.face_picker import PlacePicker
from twitchlog.gui.factor_fields import error_label
from twitchlog.gui.operations import WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import date_pattern
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _


def _named(widget: QWidget, name: str, tip: str) -> Any:
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget


class EpisodeDialog(QDialog):
    """Saves through update_episode; an error stays in the dialog with what was typed."""

    def __init__(self, runner: TaskRunner, episode: Episode, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.episode = episode
        self.setWindowTitle("Edit twitch")
        self.when = _named(QDateTimeEdit(self), "When it started", "Local date and time")
        self.when.setDisplayFormat(f"{date_pattern()} HH:mm")
        self.when.setDateTime(QDateTime(episode.started_at.replace(tzinfo=None)))
        self.severity = _named(QComboBox(self), "Severity", "How strong it was")
        for level, words in catalog.SEVERITY.items():
            self.severity.addItem(f"{level} — {_(words)}", level)
        self.severity.setCurrentIndex(episode.severity - 1)
        self.duration = _named(QSpinBox(self), "Duration in seconds", "How long it lasted")
        self.duration.setRange(0, catalog.MAX_DURATION_S)
        self.duration.setSpecialValueText("not measured")
        self.duration.setSuffix(" s")
        self.duration.setValue(episode.duration_s or 0)
        self.place = PlacePicker(self)
        self.place.set_code(episode.places[0].code if episode.places else None)
        self.signs: dict[str, QCheckBox] = {}
        signs = QGridLayout()
        for i, (key, sign) in enumerate(catalog.SIGNS.items()):
            words = _(sign)
            box = _named(
                QCheckBox(words, self),
                _("Warning sign: {sign}").format(sign=words),
                _("Felt with this twitch"),
            )
            box.setChecked(key in episode.signs)
            self.signs[key] = box
            signs.addWidget(box, i // 2, i % 2)
        self.notes = _named(QLineEdit(episode.notes, self), "Note", "A short note")
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("When", self.when)
        form.addRow("Severity", self.severity)
        form.addRow("Duration", self.duration)
        form.addRow("Where", self.place)
        form.addRow("Warning signs", signs)
        form.addRow("Note", self.notes)
        form.addRow(self.error)
        form.addRow(buttons)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    def changes(self) -> dict[str, Any]:
        code = self.place.code()
        when = self.when.dateTime().toPython().astimezone()
        return {
            "started_at": when,
            "severity": self.severity.currentData(),
            "duration_s": self.duration.value() or None,
            "places": (code,) if code else (),
            "signs": tuple(k for k, box in self.signs.items() if box.isChecked()),
            "notes": self.notes.text(),
        }

    def submit(self) -> None:
        changes, ident = self.changes(), self.episode.id
        if changes["started_at"].replace(second=0) == self.episode.started_at.replace(second=0):
            changes["started_at"] = self.episode.started_at  # untouched: keep the offset
        from twitchlog.diary.episodes import update_episode

        WriteOp(self.runner, lambda c: update_episode(c, ident, **changes)).success(
            lambda _e: self.accept()
        ).failure(self.show_error).run()

    def show_error(self, error: DiaryError) -> None:
        self.error.setText(str(error))
        self.error.show()
