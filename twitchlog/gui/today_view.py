"""Today: the big 'Log a twitch' button, the panel to adjust what was logged, a timer."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from twitchlog.gui.buttons import text_button
from twitchlog.gui.display import relative_font
from twitchlog.gui.operations import Job, ReadOp, UndoEntry, WriteOp
from twitchlog.gui.tasks import TaskRunner, WorkerConnection
from twitchlog.gui.translate import clock, day_and_time, long_day
from twitchlog.i18n import _, format_number
from twitchlog.words import plural

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGroupBox

    from twitchlog.diary.records import Episode
    from twitchlog.diary.today import TodaySoFar
    from twitchlog.gui.main_window import MainWindow


class TodayView(QWidget):
    """One press logs a twitch now, like the last one; then adjust it or undo it.

    The adjust panel (and the face drawing) is built on first use: the window's first
    paint shows only the Log button, the timer and the summary."""

    logged = Signal(object)  # Episode

    def __init__(self, runner: TaskRunner, window: MainWindow | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.window_ = window
        self.current: Episode | None = None
        self._undo_entry: UndoEntry | None = None  # Edit → Undo for the twitch just logged
        self.log_button = text_button("Log a twitch", self)
        relative_font(self.log_button, 1.8, bold=True)  # follows the chosen text size
        self.log_button.setMinimumHeight(90)
        self.log_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.log_button.setAccessibleName("Log a twitch now")
        self.log_button.setToolTip("Record a twitch now, like the last one (Ctrl+L)")
        self.timer_button = text_button("Start timer", self)
        self.timer_button.setMinimumHeight(90)
        self.timer_button.setCheckable(True)
        self.timer_button.setAccessibleName("Time a long spasm")
        self.timer_button.setToolTip(
            "Press when a long spasm starts and again when it stops; the twitch is logged "
            "with how long it lasted (Ctrl+T)"
        )
        self.summary = QLabel("Opening your diary…", self)
        self.summary.setAccessibleName("Today so far")
        self.summary.setWordWrap(True)
        self._elapsed = QElapsedTimer()
        self._timer_start: dt.datetime | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_elapsed)
        self._panel: QGroupBox | None = None
        self.panel_dirty = False  # the panel holds changes not saved yet
        self._filling = False  # the panel is being filled from the diary, not typed into
        top = QHBoxLayout()
        top.addWidget(self.log_button, 3)
        top.addWidget(self.timer_button, 1)
        lay = self._layout = QVBoxLayout(self)
        lay.addLayout(top)
        from twitchlog.gui.injection_today import InjectionStrip

        self.injection = InjectionStrip(runner, window, self)  # hidden until there is one
        lay.addWidget(self.injection)
        lay.addWidget(self.summary)  # the adjust panel goes below this, when first needed
        self.experiment = QLabel(self)  # "Experiment: day 3 of 'at most 1 cup' (block 2 of 6)"
        self.experiment.setObjectName("experimentLine")
        self.experiment.setAccessibleName("Experiment today")
        self.experiment.hide()
        lay.addWidget(self.experiment)
        self.recent_title = QLabel("Latest twitches", self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Latest twitches")
        self.recent.setToolTip("The most recent twitches; edit them in History (Ctrl+3)")
        self.recent.setAlternatingRowColors(True)
        lay.addWidget(self.recent_title)
        lay.addWidget(self.recent, 1)
        hint = QLabel(
            "Ctrl+L logs a twitch from anywhere in the window · Ctrl+T times a long spasm · "
            "Ctrl+Z undoes",
            self,
        )
        # Plain text colour: the disabled colour Qt offers for "quiet" text is ~1.7:1 on the
        # window in the desktop's own light look, too faint to read (WCAG asks 4.5:1).
        hint.setWordWrap(True)  # at large text or in German it wraps, never widens the view
        lay.addWidget(hint)
        self.log_button.clicked.connect(self.log_now)
        self.timer_button.toggled.connect(self._timer_toggled)
        runner.changed.connect(self.refresh)

    @property
    def panel(self) -> QGroupBox:
        """The adjust panel, hidden until a twitch is logged; built on first use."""
        if self._panel is None:
            self._panel = self._build_panel()
            self._panel.hide()
            self._layout.insertWidget(2, self._panel, 3)
        return self._panel

    def _build_panel(self) -> QGroupBox:
        # Imported here, after the first paint: the Qt namespace alone costs ~10 ms the
        # first time it is touched, and each widget class some more.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import (
            QButtonGroup,
            QGridLayout,
            QGroupBox,
            QLineEdit,
            QRadioButton,
            QSpinBox,
            QTimeEdit,
        )

        from twitchlog import catalog
        from twitchlog.gui.face_picker import PlacePicker
        from twitchlog.gui.factor_fields import error_label

        box = QGroupBox("Adjust the twitch just logged", self)
        self.severity = QButtonGroup(box)
        sev_box = QVBoxLayout()
        sev_box.addWidget(QLabel("How strong was it?", box))
        for level, anchor in catalog.SEVERITY.items():
            words = _(anchor)
            button = QRadioButton(f"{level}  {words}", box)
            named = _("Severity {level}: {words}").format(level=level, words=words)
            button.setAccessibleName(named)
            button.setToolTip(named)
            self.severity.addButton(button, level)
            sev_box.addWidget(button)
        self.duration = QSpinBox(box)
        self.duration.setRange(0, catalog.MAX_DURATION_S)
        self.duration.setSpecialValueText("not measured")
        self.duration.setSuffix(" s")
        self.duration.setAccessibleName("Duration in seconds")
        self.duration.setToolTip("How long it lasted, in seconds (the timer fills this in)")
        self.duration.setMinimumWidth(140)
        self.time = QTimeEdit(box)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of the twitch")
        self.time.setToolTip("When it started (the diary day stays the one it was logged on)")
        self.note = QLineEdit(box)
        self.note.setPlaceholderText("Note (optional)")
        self.note.setAccessibleName("Note for this twitch")
        self.note.setToolTip("A short note about this twitch")
        self.place = PlacePicker(box)
        self.save_button = QPushButton("Save changes", box)
        self.save_button.setAccessibleName("Save changes to the twitch")
        self.save_button.setToolTip("Keep these changes (Enter in the note also saves)")
        self.undo_button = QPushButton("Undo this log", box)
        self.undo_button.setAccessibleName("Undo this log")
        self.undo_button.setToolTip("Remove the twitch just logged (Ctrl+Z)")
        self.panel_error = error_label(box)
        left = QVBoxLayout()
        left.addLayout(sev_box)
        form = QGridLayout()
        form.addWidget(QLabel("Time:", box), 0, 0)
        form.addWidget(self.time, 0, 1, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(QLabel("Duration:", box), 1, 0)
        form.addWidget(self.duration, 1, 1, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(QLabel("Note:", box), 2, 0)
        form.addWidget(self.note, 2, 1)
        left.addLayout(form)
        left.addWidget(self.panel_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addStretch(1)
        row = QHBoxLayout(box)
        row.addLayout(left, 3)
        where = QVBoxLayout()
        where_words = QLabel("Where? Click the face (front view) or pick below.", box)
        where_words.setWordWrap(True)  # longer in German; never widens the panel
        where.addWidget(where_words)
        where.addWidget(self.place, 1)
        row.addLayout(where, 2)
        self.save_button.clicked.connect(self.save_changes)
        self.undo_button.clicked.connect(self.undo_log)
        self.note.returnPressed.connect(self.save_changes)
        self.severity.idToggled.connect(self._severity_toggled)
        self.time.timeChanged.connect(lambda _t: self._panel_edited())
        self.duration.valueChanged.connect(lambda _v: self._panel_edited())
        self.note.textEdited.connect(lambda _t: self._panel_edited())
        self.place.changed.connect(self._panel_edited)
        from twitchlog.gui.wheel import guard_wheel

        guard_wheel(box)
        # Tab order as read: severity, duration, note, Save, Undo, then the face on the
        # right, and the list of latest twitches below the panel last.
        chain = [
            *self.severity.buttons(),
            self.time,
            self.duration,
            self.note,
            self.save_button,
            self.undo_button,
            self.place.face,
            self.place.side,
            self.place.region,
            self.recent,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        return box

    def _panel_edited(self) -> None:
        """A change typed into the panel: not saved yet, and any old error is about the past."""
        if self._filling or self.current is None:
            return
        self.panel_error.hide()
        if not self.panel_dirty:
            self.panel_dirty = True
            self.panel.setTitle(
                _(
                    "Twitch at {time} — changes not saved yet (Save changes or Enter keeps them)"
                ).format(time=clock(self.current.started_at))
            )

    # -- unsaved edits (see gui.unsaved) -----------------------------------------------------
    def _severity_toggled(self, _id: int, on: bool) -> None:
        if on:
            self._panel_edited()

    def pending_edits(self) -> str | None:
        if not self.panel_dirty or self.current is None:
            return None
        return _("Your changes to the twitch at {time} are not saved yet.").format(
            time=clock(self.current.started_at)
        )

    def save_pending(self) -> None:
        self.save_changes()

    def discard_pending(self) -> None:
        self.panel_dirty = False

    # -- logging --------------------------------------------------------------------------
    def log_now(self) -> None:
        """One press: a twitch now, with the last-used place and severity.

        Changes typed into the panel for the previous twitch are saved first (they were
        meant for it), never dropped."""
        from twitchlog.diary.episodes import log_like_last

        if self.panel_dirty:
            self.save_changes()
        WriteOp(self.runner, log_like_last).success(self._logged).run()

    def _logged(self, episode: Episode) -> None:
        self.current = episode
        self._fill(episode)
        self.panel_error.hide()
        self.panel.show()
        if self.window_ is not None:
            self._undo_entry = self.window_.push_undo(
                UndoEntry(
                    _("&Undo logging the twitch at {time}").format(time=clock(episode.started_at)),
                    _("The twitch logged at {time} is out of the diary again.").format(
                        time=clock(episode.started_at)
                    ),
                    _delete(episode.id),
                    on_undone=lambda: self._forget(episode.id),
                )
            )
        self.logged.emit(episode)

    def _fill(self, episode: Episode) -> None:
        """Show the twitch as stored; the panel then holds no unsaved change."""
        from PySide6.QtCore import QTime

        self._filling = True
        try:
            self.panel.setTitle(
                _("Logged at {time} — adjust it if you like").format(time=clock(episode.started_at))
            )
            button = self.severity.button(episode.severity)
            if button:
                button.setChecked(True)
            self.place.set_code(episode.places[0].code if episode.places else None)
            t = episode.started_at
            self.time.setTime(QTime(t.hour, t.minute))
            self.duration.setValue(episode.duration_s or 0)
            self.note.setText(episode.notes)
        finally:
            self._filling = False
        self.panel_dirty = False

    def _started_at(self) -> dt.datetime:
        """The logged instant with the time of day from the panel, on the same calendar day."""
        assert self.current is not None
        t = self.time.time()
        start = self.current.started_at
        if (t.hour(), t.minute()) == (start.hour, start.minute):
            return start  # unchanged: keep the seconds
        local = start.replace(hour=t.hour(), minute=t.minute(), second=0, tzinfo=None)
        return local.astimezone()

    def save_changes(self) -> None:
        if self.current is None:
            return
        code = self.place.code()
        changes = {
            "started_at": self._started_at(),
            "severity": self.severity.checkedId() if self.severity.checkedId() > 0 else 2,
            "places": (code,) if code else (),
            "duration_s": self.duration.value() or None,
            "notes": self.note.text(),
        }
        episode_id = self.current.id

        def done(episode: Episode) -> None:
            if self.current is not None and self.current.id == episode.id:
                self.current = episode
                self._fill(episode)
            self.panel_error.hide()
            self._say(
                _("Saved the twitch at {time}: severity {severity}, {where}.").format(
                    time=clock(episode.started_at), severity=episode.severity, where=_where(episode)
                )
            )

        from twitchlog.diary.episodes import update_episode

        WriteOp(self.runner, lambda c: update_episode(c, episode_id, **changes)).success(
            done
        ).failure(self._panel_failed).run()

    def undo_log(self) -> None:
        if self.current is None:
            return
        if self.window_ is not None and self._undo_entry is not None:
            self.window_.drop_undo(self._undo_entry)
        self._undo_entry = None
        WriteOp(self.runner, _delete(self.current.id)).success(lambda _r: self._undone()).run()

    def _undone(self) -> None:
        self.current = None
        self.panel_dirty = False
        self.panel.hide()
        self._say(_("The twitch was removed."))

    def _forget(self, episode_id: int) -> None:
        """Edit → Undo took back the twitch logged here: its panel goes too."""
        if self.current is not None and self.current.id == episode_id:
            self.current = None
            self.panel.hide()

    def _panel_failed(self, error: Exception) -> None:
        self.panel_error.setText(str(error))
        self.panel_error.show()

    # -- timer ----------------------------------------------------------------------------
    def toggle_timer(self) -> None:
        self.timer_button.toggle()

    def _timer_toggled(self, running: bool) -> None:
        from twitchlog.diary import rules

        if running:
            self._timer_start = rules.now_local().replace(microsecond=0)
            self._elapsed.start()
            self._tick.start()
            self._show_elapsed()
            return
        self._tick.stop()
        self._timer_status("")
        seconds = max(1, round(self._elapsed.elapsed() / 1000))
        self.timer_button.setText(_("Start timer"))
        if self.panel.isVisible() and self.current is not None:
            self.duration.setValue(seconds)
            self.save_changes()
        else:
            from twitchlog.diary.episodes import log_like_last

            started = self._timer_start
            WriteOp(
                self.runner, lambda c: log_like_last(c, started_at=started, duration_s=seconds)
            ).success(self._logged).run()

    def _show_elapsed(self) -> None:
        m, s = divmod(self._elapsed.elapsed() // 1000, 60)
        running = f"{m}:{s:02d}"
        self.timer_button.setText(_("Stop timer\n{running}").format(running=running))
        self._timer_status(
            _("Timer running {running} — Ctrl+T stops it and logs the twitch").format(
                running=running
            )
        )

    def _timer_status(self, text: str) -> None:
        """The timer shows in the window's status bar too, seen from every view."""
        show = getattr(self.window_, "show_timer", None)
        if show is not None:
            show(text)

    # -- summary --------------------------------------------------------------------------
    def refresh(self) -> None:
        from twitchlog.diary.today import today_so_far

        ReadOp(self.runner, today_so_far).success(self._show_summary).run()

        self.injection.refresh()
        from twitchlog.diary.experiments import status_today

        ReadOp(self.runner, status_today).success(self._show_experiment).run()

    def _show_experiment(self, line: str | None) -> None:
        self.experiment.setText(line or "")
        self.experiment.setVisible(bool(line))

    def _show_summary(self, so_far: TodaySoFar) -> None:
        count, today, recent = so_far.twitches, so_far.today, so_far.recent
        self.recent.clear()
        for e in recent:
            fields = {
                "when": day_and_time(e.started_at),
                "severity": e.severity,
                "where": _where(e),
            }
            if e.duration_s:
                line = _("{when} — severity {severity}, {where}, {seconds} s").format(
                    seconds=format_number(e.duration_s), **fields
                )
            else:
                line = _("{when} — severity {severity}, {where}").format(**fields)
            self.recent.addItem(line)
        if not recent:
            self.recent.addItem(_("Nothing logged in the last two weeks."))
        day = long_day(today)
        if so_far.checked_in:
            text = (
                _("Today, {day}: {twitches}; checked in.")
                if count
                else _("Today, {day}: no twitches logged; checked in.")
            )
        else:
            text = (
                _("Today, {day}: {twitches}; not checked in yet (Ctrl+D).")
                if count
                else _("Today, {day}: no twitches logged; not checked in yet (Ctrl+D).")
            )
        self.summary.setText(text.format(day=day, twitches=plural(count, "twitch")))

    def _say(self, text: str) -> None:
        if self.window_ is not None:
            self.window_.say(text)


def _delete(episode_id: int) -> Job[Episode]:
    """The write that removes the twitch just logged (the undo of a log)."""

    def delete(conn: WorkerConnection) -> Episode:
        from twitchlog.diary.episodes import delete_episode

        return delete_episode(conn, episode_id)

    return delete


def _where(episode: Episode) -> str:
    return ", ".join(p.words for p in episode.places) or _("no place given")
