"""Two languages: in German every view renders with its fixed words translated, numbers take a
decimal comma and dates come in the German format; the shipped .mo matches its .po."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import day_on_disk, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from twitchlog import i18n


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    from twitchlog.gui import translate

    assert translate.install(qapp, "de") == "de"
    yield
    translate.install(qapp, "en")
    assert i18n.language() == "en"


@pytest.fixture
def german_window(german: None, qtbot: Any, db_path: Path) -> Iterator[Any]:
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    r = TaskRunner()
    w = MainWindow(r)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(r.opened, timeout=10_000):
        r.open(str(db_path), on_error=w.open_failed)
    wait_idle(qtbot, r)
    yield w
    wait_idle(qtbot, r)
    w.close()
    r.shutdown()


def test_every_view_renders_in_german(qtbot: Any, german_window: Any) -> None:
    from twitchlog.gui.main_window import VIEWS

    w = german_window
    tabs = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert tabs[:4] == ["Heute", "Tagesbogen", "Verlauf", "Diagramme"]
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&Tagebuch", "&Bearbeiten", "&Ansicht", "&Hilfe"]
    shown: dict[str, list[str]] = {}
    for name, _title, _target in VIEWS:
        w.show_view(name)
        wait_idle(qtbot, w.runner)
        view = w.views[name]
        assert not w.grab().isNull()
        shown[name] = [
            x.text()
            for x in view.findChildren(QWidget)
            if isinstance(x, QAbstractButton | QLabel) and x.isVisibleTo(view)
        ]
    assert "Zucken festhalten" in shown["today"]
    assert "Tagesbogen speichern" in shown["checkin"] and "Koffein (mg)" in shown["checkin"]
    assert "Löschen" in shown["history"]
    assert "Faktor hinzufügen…" in shown["settings"]
    # The main window's own fixed words: none left in English.
    from twitchlog.gui.help_menu import about_text

    assert "Lizenz: MIT" in about_text(w.runner.location) and "Ihr Tagebuch" in about_text("")
    english = {"Log a twitch", "Save check-in", "Delete", "Add a factor…", "Change settings…"}
    left = english & {t for texts in shown.values() for t in texts}
    assert not left, f"still English: {left}"


def test_a_decimal_comma_is_a_number_and_dates_are_german(
    qtbot: Any, german_window: Any, diary: Any
) -> None:
    w = german_window
    qtbot.keyClick(w, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, w.runner)
    view = w.views["checkin"]
    sleep = view.form.fields["sleep_h"].control
    sleep.setFocus()
    sleep.selectAll()
    qtbot.keyClicks(sleep, "6,5")
    qtbot.keyClick(sleep, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, w.runner)
    assert day_on_disk(diary, view.day()).values["sleep_h"] == 6.5
    import datetime as dt

    from twitchlog.gui.translate import format_date

    assert format_date(dt.date(2026, 3, 9)) == "09.03.2026"
    assert re.search(r"\d{1,2}\. ?\w", view.date.text()) or "." in view.date.text()


def test_the_language_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.wanted_language() == "de"
    monkeypatch.setenv("LANGUAGE", "fr:de")
    assert i18n.wanted_language() == "en"  # French first: we have no French, so English
    monkeypatch.setenv("LANGUAGE", "de_AT")
    assert i18n.wanted_language() == "de"
