"""The main window: views registered by name in tabs, banners, menus, undo, tray, reminder.

Start-up: before the first paint only the visible view (Today, with the Log button), the
tabs and the menus are built. Other views are built on first use; banners, tray and
reminder right after the first paint (`painted`), or when the diary opens if that is first.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twitchlog.errors import DiaryError
from twitchlog.gui import prefs
from twitchlog.gui.operations import ReadOp, UndoEntry, View, WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.i18n import _

if TYPE_CHECKING:  # annotations only; QEvent's enum alone costs PySide6 ~1.5 ms to build
    from PySide6.QtGui import QCloseEvent, QIcon, QPaintEvent, QShowEvent
    from PySide6.QtWidgets import QSystemTrayIcon

    from twitchlog.diary.notices import Notice
    from twitchlog.gui.notice_bar import Banner
    from twitchlog.gui.reminder import Reminder
    from twitchlog.gui.settings_view import SettingsView
    from twitchlog.gui.today_view import TodayView

W = TypeVar("W", bound=QWidget)

# name, tab title, "module:Class". A view is a QWidget built as Class(runner, window) with an
# refresh() that (re)loads it (the `View` protocol, gui/operations.py). Adding a view is one
# line here.
VIEWS: list[tuple[str, str, str]] = [
    ("today", "Today", "twitchlog.gui.today_view:TodayView"),
    ("checkin", "Check-in", "twitchlog.gui.main_window:checkin_view"),
    ("history", "History", "twitchlog.gui.history_view:HistoryView"),
    ("charts", "Charts", "twitchlog.gui.main_window:charts_view"),
    ("experiments", "Experiments", "twitchlog.gui.experiments_view:ExperimentsView"),
    ("settings", "Settings", "twitchlog.gui.settings_view:SettingsView"),
]
RESUME_WITHIN = dt.timedelta(hours=1)  # reopen within this: back to the last view
PAINT_FALLBACK_MS = 1000  # `painted` comes at the latest this long after the window is shown
SAY_MS = 8000  # how long a sentence about what just happened stays in the status bar
ICON = Path(__file__).resolve().parents[2] / "resources" / "twitchlog.svg"


def checkin_view(runner: TaskRunner, window: MainWindow) -> QWidget:
    """The check-in form, in the caffeine unit chosen in the settings."""
    from twitchlog.gui.checkin_view import CheckinView

    return CheckinView(runner, window, str(prefs.get("units/caffeine")))


def charts_view(runner: TaskRunner, window: MainWindow) -> QWidget:
    """The Charts view reads through the window's one worker; it reloads after each write."""
    from twitchlog.gui.charts_view import ChartsView

    view = ChartsView(runner.read, window)
    runner.changed.connect(view.refresh)
    return view


def app_icon() -> QIcon:
    """The icon next to the source, else the one installed in the package."""
    from PySide6.QtGui import QIcon

    path = ICON
    if not path.exists():
        try:
            from importlib.resources import files

            path = Path(str(files("twitchlog.resources") / "twitchlog.svg"))
        except (ModuleNotFoundError, TypeError):
            pass
    return QIcon(str(path))


class Views(dict[str, QWidget]):
    """The views built so far, by name; asking for one not built yet builds it then."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, name: str) -> QWidget:
        return self._build(name)


class MainWindow(QMainWindow):
    closed = Signal()
    painted = Signal()  # once, just after the first paint: the window is on screen
    # Built by finish_start(), after the first paint:
    notice: Banner
    reminder_bar: Banner
    reminder: Reminder

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self.runner = runner
        self.setWindowTitle("twitchlog")
        self.setAccessibleName("twitchlog main window")
        self._undo: list[UndoEntry] = []
        self._painted = False
        self._started = False
        self.tray: QSystemTrayIcon | None = None  # once started, if the desktop has a tray
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Views")
        self._targets: dict[str, str] = {}
        self._slots: dict[str, QWidget] = {}
        self._slot_layouts: dict[str, QVBoxLayout] = {}
        self.views = Views(self._build_view)
        for name, title, target in VIEWS:
            self.add_view(name, title, target)
        central = QWidget(self)
        self._layout = QVBoxLayout(central)
        self._layout.setContentsMargins(8, 8, 8, 4)
        self._layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self.statusBar().showMessage(_("Opening your diary…"))
        self._close_ok = False  # unsaved edits were saved or let go: closing may go on
        self._timer_label: Any = None
        runner.opened.connect(self._diary_opened)
        runner.changed.connect(self.check_notice)
        runner.failed.connect(self.show_error)
        self._restore()
        self.tabs.currentChanged.connect(self._view_changed)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # The children paint in this same pass; `painted` follows once all of it is done.
            QTimer.singleShot(0, self._first_painted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Shown but never painted (minimised, say): carry on with the start all the same.
        QTimer.singleShot(PAINT_FALLBACK_MS, self._first_painted)

    def _first_painted(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.painted.emit()
        QTimer.singleShot(0, self.finish_start)

    def finish_start(self) -> None:
        """Build what the first paint does not show: icon, banners, tray icon, reminder."""
        if self._started:
            return
        self._started = True
        # After the paint: QIcon and the SVG renderer cost ~2 ms; the desktop picks up the
        # icon as it changes (on Wayland it comes from the launcher entry anyway).
        self.setWindowIcon(app_icon())
        from twitchlog.gui.notice_bar import Banner
        from twitchlog.gui.reminder import Reminder

        self.notice = Banner("Talk to a doctor notice", "", self)
        self.reminder_bar = Banner("Check-in reminder", "Check in now", self)
        self._layout.insertWidget(0, self.notice)
        self._layout.insertWidget(1, self.reminder_bar)
        self.reminder_bar.acted.connect(lambda: self.show_view("checkin"))
        self.notice.dismissed.connect(self._dismiss_notice)
        self.reminder = Reminder(self.runner, self)
        self.reminder.due.connect(self.remind)
        self.tray = self._build_tray()

    def open_export(self) -> None:
        """Doctor CSV, episodes CSV and the one-page PDF, written off the UI thread."""
        from twitchlog.gui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.runner.read, parent=self)
        self.export_dialog.open()

    # -- views ----------------------------------------------------------------------------
    def add_view(self, name: str, title: str, target: str) -> None:
        """A tab for the view; the view itself is built when it is first shown or used."""
        slot = QWidget(self.tabs)
        slot.setObjectName(f"slot-{name}")
        layout = self._slot_layouts[name] = QVBoxLayout(slot)
        layout.setContentsMargins(0, 0, 0, 0)
        self._targets[name] = target
        self._slots[name] = slot
        self.tabs.addTab(slot, title)

    def _build_view(self, name: str) -> QWidget:
        module, _sep, cls = self._targets[name].partition(":")
        view: QWidget = getattr(importlib.import_module(module), cls)(self.runner, self)
        view.setObjectName(f"view-{name}")
        self.views[name] = view
        # In a scroll area that only scrolls when the window is smaller than the view needs
        # (large text, a long German label, a small screen): controls are never squashed.
        scroller = QScrollArea(self._slots[name])
        scroller.setObjectName(f"scroll-{name}")
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidgetResizable(True)
        scroller.setAccessibleName(self.tabs.tabText(self.tabs.indexOf(self._slots[name])))
        scroller.setWidget(view)
        self._slot_layouts[name].addWidget(scroller)
        if self.runner.is_open and isinstance(view, View):
            view.refresh()  # built after the diary opened: load it now
        return view

    def view_as(self, name: str, kind: type[W]) -> W:
        """The view `name` (built now if need be), as the class the caller expects."""
        view = self.views[name]
        if not isinstance(view, kind):
            raise TypeError(f"the {name} view is a {type(view).__name__}, not a {kind.__name__}")
        return view

    def today_view(self) -> TodayView:
        from twitchlog.gui.today_view import TodayView

        return self.view_as("today", TodayView)

    def settings_view(self) -> SettingsView:
        from twitchlog.gui.settings_view import SettingsView

        return self.view_as("settings", SettingsView)

    def show_view(self, name: str) -> None:
        self._ensure_built(name)
        self.tabs.setCurrentWidget(self._slots[name])

    def _ensure_built(self, name: str) -> None:
        if name not in self.views:
            self._build_view(name)

    def current_view(self) -> str:
        current = self.tabs.currentWidget()
        return next((n for n, s in self._slots.items() if s is current), "today")

    def refresh_all(self) -> None:
        for view in list(self.views.values()):
            if isinstance(view, View):
                view.refresh()
        self.check_notice()

    def _view_changed(self) -> None:
        name = self.current_view()
        self._ensure_built(name)  # a tab clicked for the first time
        prefs.put("window/view", name)

    # -- actions --------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, keys: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(self)  # not QAction(text, self): its overloads build QIcon (~2 ms)
        action.setText(text)
        if keys:
            # setShortcuts, not setShortcut: its overloads make PySide6 build the whole Qt
            # namespace of enums (~10 ms) before the first paint.
            action.setShortcuts([QKeySequence(keys)])
        words = _(text).replace("&", "").rstrip("…")
        if keys:  # the keys as the desktop names them ("Strg+L" in German)
            shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            words = _("{action} ({keys})").format(action=words, keys=shown)
        action.setToolTip(words)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        diary = bar.addMenu("&Diary")
        self.log_action = self._action(diary, "&Log a twitch", "Ctrl+L", self.log_twitch)
        today = self.today_view()
        self._action(diary, "Start/stop &timer", "Ctrl+T", today.toggle_timer)
        self._action(diary, "&Check in today", "Ctrl+D", self.check_in)
        diary.addSeparator()
        self._action(
            diary, "Add a &factor…", "Ctrl+Shift+F", lambda: self.settings_view().open_factor()
        )
        self._action(
            diary,
            "Add a t&reatment…",
            "Ctrl+Shift+R",
            lambda: self.settings_view().open_treatment(),
        )
        diary.addSeparator()
        self._action(diary, "&Export for the doctor…", "Ctrl+E", self.open_export)
        diary.addSeparator()
        self._action(diary, "&Settings…", "Ctrl+,", lambda: self.settings_view().open_settings())
        self._action(diary, "&Quit", "Ctrl+Q", self.close)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", "Ctrl+Z", self.undo)
        self.undo_action.setEnabled(False)
        go = bar.addMenu("&View")
        for i, (name, title, _t) in enumerate(VIEWS, start=1):
            self._action(go, title, f"Ctrl+{i}", partial(self.show_view, name))
        self._build_help(bar.addMenu("&Help"))

    def _build_help(self, menu: QMenu) -> None:
        def about() -> None:
            from twitchlog.gui.help_menu import show_about

            self.about_box = show_about(self, self.runner.location)

        def open_folder() -> None:
            from twitchlog.gui.help_menu import data_folder, open_data_folder

            if not open_data_folder(self.runner.location):
                where = data_folder(self.runner.location)
                self.statusBar().showMessage(
                    _("Could not open {folder}.").format(folder=where), 10000
                )

        def keys() -> None:
            from twitchlog.gui.shortcuts import ShortcutsDialog

            self.shortcuts_dialog = ShortcutsDialog(self)
            self.shortcuts_dialog.open()

        self._action(menu, "&Keyboard shortcuts", "F1", keys)
        self._action(menu, "Open &data folder", "Ctrl+Shift+O", open_folder)
        menu.addSeparator()
        self._action(menu, "&About twitchlog", "", about)

    def _build_tray(self) -> QSystemTrayIcon | None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(self.windowIcon(), self)
        menu = QMenu(self)
        menu.addAction("Log a twitch", self.log_twitch)
        menu.addAction("Check in", self._show_checkin)
        menu.addAction("Show window", self.showNormal)
        tray.setContextMenu(menu)
        tray.setToolTip("twitchlog")
        tray.show()
        return tray

    def _show_checkin(self) -> None:
        self.showNormal()
        self.show_view("checkin")

    def check_in(self) -> None:
        """The check-in, with the keyboard in its first question."""
        self.show_view("checkin")
        from twitchlog.gui.checkin_view import CheckinView

        self.view_as("checkin", CheckinView).focus_first_field()

    def log_twitch(self) -> None:
        self.show_view("today")
        self.today_view().log_now()

    # -- undo -----------------------------------------------------------------------------
    def push_undo(self, entry: UndoEntry) -> UndoEntry:
        """Offer `entry` as the next Edit → Undo."""
        self._undo.append(entry)
        self._undo_changed()
        return entry

    def drop_undo(self, entry: UndoEntry) -> None:
        """Forget `entry` (its owner took the step back some other way)."""
        self._undo = [u for u in self._undo if u is not entry]
        self._undo_changed()

    def undo(self) -> None:
        if not self._undo:
            self.statusBar().showMessage(_("Nothing to undo."), 5000)
            return
        entry = self._undo.pop()
        self._undo_changed()
        if entry.on_undone is not None:
            entry.on_undone()
        WriteOp(self.runner, entry.reverse).success(lambda _r: self.say(entry.done)).run()

    def _undo_changed(self) -> None:
        self.undo_action.setEnabled(bool(self._undo))
        self.undo_action.setText(self._undo[-1].menu if self._undo else _("&Undo"))

    # -- diary life -----------------------------------------------------------------------
    def _diary_opened(self) -> None:
        self.finish_start()  # normally done at the first paint; a hidden window does it now
        from twitchlog.gui.help_menu import window_title

        self.setWindowTitle(window_title(self.runner.location))
        self.say(_("Diary: {location}").format(location=self.runner.location))
        self.refresh_all()
        self.preferences_changed()

    def open_failed(self, error: DiaryError) -> None:
        self.statusBar().showMessage(_("The diary could not be opened."))
        self.show_error(error)

    def say(self, text: str) -> None:
        """A sentence about what just happened (saved, deleted, undone), in the status bar
        for SAY_MS; every view reports through this one place."""
        self.statusBar().showMessage(text, SAY_MS)

    def show_error(self, error: DiaryError) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.error_box = QMessageBox(QMessageBox.Icon.Warning, "twitchlog", str(error), parent=self)
        self.error_box.open()
        self.statusBar().showMessage(str(error).splitlines()[0], 10000)

    def preferences_changed(self) -> None:
        from twitchlog.gui import display
        from twitchlog.gui.settings_dialog import reminder_time

        self.finish_start()
        if display.apply() and "charts" in self.views:  # theme or text size changed in Settings
            from twitchlog.gui.charts_view import ChartsView

            self.view_as("charts", ChartsView).set_theme(None)  # redrawn in the new colours
        self.reminder.schedule(reminder_time())
        units = str(prefs.get("units/caffeine"))
        if "checkin" in self.views:  # not built yet: it starts in the right unit
            from twitchlog.gui.checkin_view import CheckinView

            checkin = self.view_as("checkin", CheckinView)
            if checkin.form.units != units:
                checkin.set_units(units)

    def remind(self) -> None:
        text = _("You have not checked in today yet. It takes a minute.")
        if self.tray is not None:
            self.tray.showMessage("twitchlog", text, self.windowIcon())
        self.reminder_bar.show_message(text)

    def check_notice(self) -> None:
        from twitchlog.diary.today import current_notice

        ReadOp(self.runner, current_notice).success(self._show_notice).run()

    def _show_notice(self, notice: Notice | None) -> None:
        from twitchlog.diary.notices import NOT_ADVICE

        self.finish_start()
        if notice is None or notice.key == prefs.get("notice/dismissed"):
            self.notice.hide()
            return
        reasons = "; ".join(notice.reasons)
        self.notice.show_message(
            _("<b>Worth talking over with a doctor.</b>"),
            _(NOT_ADVICE),
            details=_("Your diary shows: {reasons}.").format(reasons=reasons),
        )
        self._notice_key = notice.key

    def _dismiss_notice(self) -> None:
        prefs.put("notice/dismissed", getattr(self, "_notice_key", ""))

    # -- geometry -------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = prefs.get("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 720)
        # The log button comes first; reopened soon after closing, carry on where you were.
        view = str(prefs.get("window/view"))
        try:
            closed = dt.datetime.fromisoformat(str(prefs.get("window/closed_at")))
        except ValueError:
            closed = None
        recent = closed is not None and dt.datetime.now() - closed < RESUME_WITHIN
        self.show_view(view if recent and view in self._targets else "today")

    def show_timer(self, text: str) -> None:
        """A running timer stays in sight from every view (the status bar's right end)."""
        if self._timer_label is None:
            from PySide6.QtWidgets import QLabel

            self._timer_label = QLabel(self)
            self._timer_label.setAccessibleName("Timer")
            self.statusBar().addPermanentWidget(self._timer_label)
        self._timer_label.setText(text)
        self._timer_label.setVisible(bool(text))

    def _pending(self) -> list[tuple[Any, str]]:
        from twitchlog.gui.unsaved import HasPendingEdits

        found = []
        for view in self.views.values():
            if isinstance(view, HasPendingEdits):
                what = view.pending_edits()
                if what:
                    found.append((view, what))
        return found

    def _ask_before_closing(self) -> bool:
        """True when closing may go on now; else the question is open and decides later."""
        pending = [] if self._close_ok else self._pending()
        if not pending:
            return True
        from twitchlog.gui.unsaved import ask_unsaved

        def answer(choice: str) -> None:
            if choice == "cancel":
                return
            for view, _what in pending:
                view.save_pending() if choice == "save" else view.discard_pending()
            # Behind the saves on the one worker: close once they are in, unless one failed.
            ReadOp(self.runner, lambda _c: None).success(lambda _r: self._close_if_saved()).run()

        ask_unsaved(self, " ".join(w for _v, w in pending), answer)
        return False

    def _close_if_saved(self) -> None:
        left = self._pending()
        if left:  # a save failed: its sentence is next to the field
            view = left[0][0]
            for name, v in self.views.items():
                if v is view:
                    self.show_view(name)
            return
        self._close_ok = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ask_before_closing():
            event.ignore()
            return
        prefs.put("window/geometry", self.saveGeometry())
        prefs.put("window/view", self.current_view())
        prefs.put("window/closed_at", dt.datetime.now().isoformat(timespec="seconds"))
        super().closeEvent(event)
        self.closed.emit()
