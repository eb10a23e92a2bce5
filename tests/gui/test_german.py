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
from walk_helpers import collect, fill_diary, words

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


# -- No English left: every view and dialog, walked in English and in German ------------------

# What stays the same in both languages: names of products and of the program, units, key
# names, and what the person typed into the diary (fill_diary's note, treatment, experiment).
SAME_IN_BOTH = {
    "twitchlog",
    "onabotulinumtoxinA",
    "incobotulinumtoxinA",
    "abobotulinumtoxinA",
    "Botox",
    "Xeomin",
    "Dysport",
    "Return",
    "Del",
    "CSV",
    "PDF",
    "PNG",
    "SVG",
    "MIT",
}
TYPED = ("busy day", "magnesium", "at most 1 cup", "as usual", "not saved")
_PATH = re.compile(r"(?<!\S)[~/]\S*")  # a file or folder name is not a word to translate


def _walk_in(language: str, qtbot: Any, qapp: QApplication, path: Path) -> dict[str, list[str]]:
    from twitchlog.gui import translate
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    translate.install(qapp, language)
    r = TaskRunner()
    w = MainWindow(r)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        with qtbot.waitSignal(r.opened, timeout=10_000):
            r.open(str(path), on_error=w.open_failed)
        wait_idle(qtbot, r)
        shown = collect(qtbot, w)
    finally:
        wait_idle(qtbot, r)
        w._close_ok = True
        w.close()
        r.shutdown()
        translate.install(qapp, "en")
    return {where: [_without_typed(t, str(path)) for t in texts] for where, texts in shown.items()}


def _without_typed(text: str, path: str) -> str:
    text = _PATH.sub(" ", text.replace(path, " "))
    for typed in TYPED:
        text = text.replace(typed, " ")
    return text


def _german_words() -> set[str]:
    """Every word of every German catalogue, and German day and month names."""
    from PySide6.QtCore import QLocale

    from tests.core.test_i18n import german as catalogue

    found = {w for strs in catalogue().values() for s in strs for w in words(s)}
    de = QLocale(QLocale.Language.German)
    for fmt in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        for i in range(1, 13):
            found |= set(words(de.monthName(i, fmt)))
        for i in range(1, 8):
            found |= set(words(de.dayName(i, fmt)))
    return found


def test_no_english_is_left_in_any_view_or_dialog_in_german(
    qtbot: Any, qapp: QApplication, db_path: Path
) -> None:
    """Walk every view and open every dialog on a diary with twitches, check-ins, a treatment,
    an injection and an experiment, once in English and once in German. A word the English
    walk shows that no German catalogue has, found in the German walk, is English left."""
    fill_diary(db_path)
    english = _walk_in("en", qtbot, qapp, db_path)
    shown = _walk_in("de", qtbot, qapp, db_path)
    assert set(shown) == set(english) and len(shown) >= 19  # every view and dialog, both times
    english_words = {w for texts in english.values() for t in texts for w in words(t)}
    german_words = _german_words() | SAME_IN_BOTH
    left = {}
    for where, texts in shown.items():
        for text in dict.fromkeys(texts):
            found = [w for w in words(text) if w in english_words and w not in german_words]
            if found:
                left.setdefault(where, []).append(f"{text[:110]!r} {found[:4]}")
    report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in left.items())
    assert not left, f"English left in the German window:\n{report}"
    # The walk really is in German: the summary speaks of today in German words.
    assert any(t.startswith("Heute, ") for t in shown["today"])


def test_the_doctor_notice_is_german(qtbot: Any, german_window: Any, diary: Any) -> None:
    """The notice's headline, its reasons and its 'not medical advice' line (made in
    diary/notices.py, shown by the window) all come out German."""
    from twitchlog.diary import episodes

    w = german_window
    with diary.write() as s:
        episodes.log_episode(s, places=["left:upper_eyelid"], signs=["drooping"])
    w.check_notice()
    wait_idle(qtbot, w.runner)
    assert w.notice.isVisible()
    headline, small = w.notice.text.text(), w.notice.small.text()
    assert "Ärztin" in headline or "Arzt" in headline, headline
    assert "Worth talking" not in headline and "drooping" not in headline
    assert small.startswith("Dies ist kein ärztlicher Rat und keine Diagnose; es gibt nur")


def test_undo_and_unsaved_questions_are_whole_german_sentences(
    qtbot: Any, german_window: Any, diary: Any
) -> None:
    """Edit › Undo, the status after undoing and the 'not saved yet' question are one
    sentence each per case, not an English frame around a German fragment."""
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from twitchlog.diary import days, episodes
    from twitchlog.gui.translate import format_date

    w = german_window
    day = dt.date.today() - dt.timedelta(days=2)
    with diary.write() as s:
        episodes.log_episode(s, started_at=dt.datetime.combine(day, dt.time(12)).astimezone())
        days.check_in(s, day, {"stress": 6})
    view = w.views["history"]
    w.show_view("history")
    view.refresh()
    wait_idle(qtbot, w.runner)
    view.table.selectRow(0)
    view.delete_selected()
    wait_idle(qtbot, w.runner)
    german_day = format_date(day)
    assert w.statusBar().currentMessage() == (
        f"Das Zucken vom {german_day} um 12:00 ist gelöscht. Strg+Z holt es zurück."
    )
    assert w.undo_action.text() == f"&Rückgängig: Löschen des Zuckens vom {german_day} um 12:00"
    w.undo()
    wait_idle(qtbot, w.runner)
    assert w.statusBar().currentMessage() == f"Das Zucken vom {german_day} um 12:00 ist wieder da."

    checkin = w.views["checkin"]
    w.show_view("checkin")
    wait_idle(qtbot, w.runner)
    checkin.dirty = True
    asked = checkin.pending_edits()
    assert asked is not None and asked.startswith("Der Tagesbogen für den ")
    assert asked.endswith(" ist noch nicht gespeichert.")
    assert w._ask_before_closing() is False
    (box,) = [b for b in w.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == asked + " Vor dem Weitermachen speichern?"
    box.button(QMessageBox.StandardButton.Cancel).click()
    checkin.dirty = False


def test_number_boxes_show_whole_amounts_without_decimals(
    qtbot: Any, german_window: Any, diary: Any
) -> None:
    """'190 mg', not '190,0 mg'; '6,5 h' keeps its decimal and typing '7,5' still works."""
    w = german_window
    w.show_view("checkin")
    wait_idle(qtbot, w.runner)
    view = w.views["checkin"]
    caffeine, sleep = view.form.fields["caffeine_mg"], view.form.fields["sleep_h"]
    caffeine.set_value(190)
    sleep.set_value(6.5)
    assert caffeine.control.text() == "190 mg"
    assert sleep.control.text() == "6,5 h"
    assert caffeine.cups is not None and caffeine.cups.text().startswith("2 ")  # 190/95
    sleep.control.setFocus()
    sleep.control.selectAll()
    qtbot.keyClicks(sleep.control, "7,5")
    sleep.control.interpretText()
    assert sleep.value() == 7.5 and sleep.control.text() == "7,5 h"
    sleep.set_value(8)
    assert sleep.control.text() == "8 h"
    view.dirty = False


def test_chart_loading_and_the_diary_file_dialog_are_german(
    qtbot: Any, german_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from twitchlog.gui.settings_dialog import SettingsDialog

    w = german_window
    w.show_view("charts")
    assert w.views["charts"].placeholder.accessibleName() == "Diagramm wird geladen"
    wait_idle(qtbot, w.runner)
    qtbot.waitUntil(lambda: "…" not in w.views["charts"].status.text(), timeout=20_000)
    asked: list[tuple[str, str]] = []

    def ask(parent: Any, title: str, where: str, kinds: str, **_kw: Any) -> tuple[str, str]:
        asked.append((title, kinds))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    dialog = SettingsDialog(w.runner, 4, w)
    dialog._browse()
    dialog.deleteLater()
    assert asked == [("Tagebuchdatei", "Tagebuch (*.sqlite3)")]


def test_at_150_percent_german_charts_and_settings_fit_the_window(
    qtbot: Any, german_window: Any, diary: Any, qapp: QApplication
) -> None:
    """German words run longer: at 150 % text, with the doctor notice showing, the Charts
    view's choices and the Settings lists fit a 1000×720 window without a sideways scroll,
    and every factor's name reads whole (it was cut to "Magnesium-Ergänzung (m")."""
    from PySide6.QtWidgets import QScrollArea

    from twitchlog.diary import episodes
    from twitchlog.gui import display, prefs

    w = german_window
    w.resize(1000, 720)
    with diary.write() as s:
        episodes.log_episode(s, places=["left:upper_eyelid"], signs=["drooping"])
    prefs.put("display/text_scale", 150)
    try:
        display.apply(qapp)
        w.check_notice()
        for name in ("charts", "settings"):
            w.show_view(name)
            wait_idle(qtbot, w.runner)
            view = w.views[name]
            qtbot.waitUntil(view.isVisible)
            for _pass in range(3):
                QApplication.processEvents()
            scroller = view.parentWidget().parentWidget()
            assert isinstance(scroller, QScrollArea)
            assert scroller.horizontalScrollBar().maximum() == 0, f"{name} scrolls sideways"
        factors = w.views["settings"].factors
        assert factors.horizontalScrollBar().maximum() == 0, "a factor's name is cut"
    finally:
        prefs.put("display/text_scale", 100)
        display.apply(qapp)
