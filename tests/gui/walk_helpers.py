"""Walk every view and dialog of a real window and collect what a person can read there:
labels, buttons, group titles, tab texts, list/table items and headers, combo box items,
tooltips, accessible names, placeholder texts, window titles and the status bar. Used by
the language test (no English left in German) and the screenshot walk."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)

_TAG = re.compile(r"<[^>]+>")


def fill_diary(path: Path) -> None:
    """A diary with something in every view: twitches over four days, check-ins, a
    treatment, an injection and a running experiment."""
    from twitchlog import catalog
    from twitchlog.db.migrate import open_database
    from twitchlog.diary import days, episodes, experiments, injections, rules, treatments

    today = rules.today(catalog.DEFAULT_DAY_START_HOUR)
    d = open_database(str(path))
    try:
        with d.write() as s:
            for back in range(1, 5):  # days that are over: a morning twitch today could
                day = today - dt.timedelta(days=back)  # still be ahead when CI runs
                values = {"caffeine_mg": 190, "sleep_h": 6.5, "warm_compress": 10}
                days.check_in(s, day, values, note="busy day")
                for i in range(back):
                    at = dt.datetime.combine(day, dt.time(9 + i, 15)).astimezone()
                    episodes.log_episode(
                        s, started_at=at, severity=2, duration_s=40, places=["left:lower_eyelid"]
                    )
            treatments.add_treatment(
                s, "magnesium", kind="medication", start=today - dt.timedelta(days=3)
            )
            injections.add_injection(
                s,
                today - dt.timedelta(days=2),
                product="botox",
                units=25,
                sites=["left:lower_eyelid"],
            )
            experiments.plan_experiment(
                s,
                "caffeine_mg",
                changed="at most 1 cup",
                usual="as usual",
                start=today - dt.timedelta(days=1),
                today=today,
                seed=1,
            )
    finally:
        d.close()


def _plain(text: str) -> str:
    return " ".join(_TAG.sub(" ", text.replace("&amp;", "&")).replace("&", "").split())


def texts_of(root: QWidget) -> list[str]:
    """Every text a person reads (or hears) in `root` and its visible children."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisibleTo(root):
            continue
        found += [w.toolTip(), w.accessibleName()]
        if w.isWindow():
            found.append(w.windowTitle())
        if isinstance(w, QAbstractButton | QLabel):
            found.append(w.text())
        if isinstance(w, QGroupBox):
            found.append(w.title())
        if isinstance(w, QLineEdit | QPlainTextEdit):
            found.append(w.placeholderText())
        if isinstance(w, QLineEdit):
            found.append(w.text())
        if isinstance(w, QAbstractSpinBox):
            found += [w.specialValueText(), w.text()]
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget | QTabBar):
            found += [w.tabText(i) for i in range(w.count())]
            found += [w.tabToolTip(i) for i in range(w.count())]
        if isinstance(w, QMainWindow):
            found.append(w.statusBar().currentMessage())
            for menu in w.menuBar().actions():
                found.append(menu.text())
                if menu.menu() is not None:
                    for a in menu.menu().actions():
                        found += [a.text(), a.toolTip()]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            columns = next(c for c in range(60) if not m.index(0, c).isValid()) or 1
            for r in range(min(m.rowCount(), 40)):
                for c in range(columns):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = m.data(m.index(r, c), role)
                        if isinstance(value, str):
                            found.append(value)
            for c in range(columns):
                value = m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str):
                    found.append(value)
    return [t for t in (_plain(x) for x in found) if t]


def _dialogs_now() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog | QMessageBox) and w.isVisible()
    ]


def walk(qtbot: Any, window: Any, seen: Callable[[str, QWidget], None]) -> None:
    """Show each view and open each dialog of `window` in turn; `seen(name, widget)` is
    called on each while it is on screen."""
    from twitchlog.gui.main_window import VIEWS

    runner = window.runner
    window.views["today"].log_now()  # the adjust panel: face, severity, note
    wait_idle(qtbot, runner)
    for name, _title, _target in VIEWS:
        window.show_view(name)
        wait_idle(qtbot, runner)
        if name == "charts":
            qtbot.waitUntil(lambda: "…" not in window.views["charts"].status.text(), timeout=20_000)
        seen(name, window)

    def dialog(name: str, open_: Callable[[], Any]) -> None:
        before = set(_dialogs_now())
        open_()
        qtbot.waitUntil(lambda: bool(set(_dialogs_now()) - before), timeout=5000)
        wait_idle(qtbot, runner)
        for d in set(_dialogs_now()) - before:
            qtbot.wait(50)
            seen(name, d)
            d.close() if isinstance(d, QMessageBox) else d.reject()
        wait_idle(qtbot, runner)

    settings = window.settings_view()
    history = window.views["history"]
    dialog("settings dialog", settings.open_settings)
    dialog("factor dialog", settings.open_factor)
    dialog("treatment dialog", settings.open_treatment)
    settings.treatments.setCurrentRow(0)
    dialog("end treatment dialog", settings.open_end_treatment)
    panel = settings.injections
    dialog("injection dialog", panel.open_add)
    window.show_view("history")
    history.table.selectRow(0)
    dialog("twitch dialog", history.edit_selected)
    dialog("day details", history.show_details)
    history.kind.setCurrentIndex(history.kind.findData("days"))
    wait_idle(qtbot, runner)
    seen("history check-ins", window)
    history.table.selectRow(0)
    dialog("check-in dialog", history.edit_selected)
    dialog("export dialog", window.open_export)
    checkin = window.views["checkin"]
    window.show_view("checkin")
    wait_idle(qtbot, runner)
    checkin.form.note.setPlainText("not saved")  # then another day: save, discard or cancel?
    dialog("unsaved question", lambda: checkin.set_day(checkin.day() - dt.timedelta(days=1)))
    wait_idle(qtbot, runner)
    checkin.discard_pending()
    dialog("shortcuts", lambda: _action(window, "F1").trigger())
    dialog("about", lambda: window.menuBar().actions()[-1].menu().actions()[-1].trigger())


def _action(window: Any, keys: str) -> Any:
    return next(a for a in window.actions() if keys in [k.toString() for k in a.shortcuts()])


def collect(qtbot: Any, window: Any) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}

    def seen(name: str, w: QWidget) -> None:
        shown.setdefault(name, []).extend(texts_of(w))

    walk(qtbot, window, seen)
    return shown


def words(text: str) -> Iterator[str]:
    yield from re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", text)
