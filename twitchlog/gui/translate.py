"""The window in the user's language: Qt's own words from the qtbase catalogue PySide6 ships,
ours from the one gettext layer (twitchlog.i18n), numbers and dates in the locale's format.

The fixed words of every window, dialog and view (labels, buttons, tooltips, tab and menu
titles, accessible names, list entries) are translated as each is shown, by one event filter,
so a view or dialog needs no code of its own to be translated; sentences put together at
run time call `_()` where they are made.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QMenu, QTabWidget, QWidget

if TYPE_CHECKING:  # the rest only once a language is installed: the Today view imports this
    # module for its dates, and QEvent alone costs PySide6 ~1.7 ms before the first paint
    from PySide6.QtCore import QEvent, QTranslator
    from PySide6.QtWidgets import QApplication, QLineEdit

from twitchlog import i18n
from twitchlog.i18n import _

_DONE = "twitchlog_translated"


def _tr(text: str) -> str:
    if not text:
        return text
    out = _(text)
    if out == text and text.endswith((":", "…")):  # "Note:" and "Note" share a translation
        out = _(text[:-1]) + text[-1] if _(text[:-1]) != text[:-1] else text
    return out


def translate_widget(w: QWidget) -> None:
    """Translate the fixed words of one widget (a second time is harmless)."""
    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QComboBox,
        QGroupBox,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
    )

    if w.isWindow() and w.windowTitle():
        w.setWindowTitle(_tr(w.windowTitle()))
    if w.toolTip():
        w.setToolTip(_tr(w.toolTip()))
    if w.accessibleName():
        w.setAccessibleName(_tr(w.accessibleName()))
    if isinstance(w, QAbstractButton | QLabel) and w.text():
        w.setText(_tr(w.text()))
    elif isinstance(w, QGroupBox):
        w.setTitle(_tr(w.title()))
    elif isinstance(w, QLineEdit | QPlainTextEdit) and w.placeholderText():
        w.setPlaceholderText(_tr(w.placeholderText()))
    elif isinstance(w, QAbstractSpinBox) and w.specialValueText():
        w.setSpecialValueText(_tr(w.specialValueText()))
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            w.setItemText(i, _tr(w.itemText(i)))
    elif isinstance(w, QTabWidget) or (
        isinstance(w, QTabBar) and not isinstance(w.parentWidget(), QTabWidget)
    ):
        for i in range(w.count()):
            w.setTabText(i, _tr(w.tabText(i)))
    elif isinstance(w, QMenu):
        w.setTitle(_tr(w.title()))
        for a in w.actions():
            a.setText(_tr(a.text()))
            a.setToolTip(_tr(a.toolTip()))


def whole_placeholder(*edits: QLineEdit) -> None:
    """Each field wide enough for its hint, in the language in use (German hints run longer:
    "z. B. schokolade (kleingeschrieben, …" was cut off at 150 % text)."""
    for edit in edits:
        text = _tr(edit.placeholderText())
        edit.setPlaceholderText(text)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(text) + 16)


def translate_tree(root: QWidget) -> None:
    for w in [root, *root.findChildren(QWidget)]:
        translate_widget(w)


class _OnShow(QObject):
    """Translates each widget as Qt prepares it for its first showing (Polish), windows
    with their menus and lists that may have grown (combo boxes) each time they show."""

    def __init__(self, parent: QObject) -> None:
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QComboBox

        super().__init__(parent)
        self.polish_kind, self.show_kind = QEvent.Type.Polish, QEvent.Type.Show
        self.shown_again = (QComboBox, QTabWidget)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (kind == self.polish_kind and isinstance(obj, QWidget)) or (
            kind == self.show_kind and isinstance(obj, self.shown_again)
        ):
            translate_widget(obj)
        elif kind == self.show_kind and isinstance(obj, QMainWindow):
            translate_tree(obj)
            for a in obj.menuBar().actions():
                a.setText(_tr(a.text()))
        return False


class _Installed:
    filter: _OnShow | None = None
    translators: ClassVar[list[QTranslator]] = []


def install(app: QApplication, code: str | None = None) -> str:
    """Switch the window to `code` (or the environment's language); returns it."""
    lang = i18n.set_language(code)
    if _Installed.filter is not None:
        app.removeEventFilter(_Installed.filter)
        _Installed.filter = None
    for t in _Installed.translators:
        app.removeTranslator(t)
    _Installed.translators = []
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return lang
    QLocale.setDefault(QLocale(lang))  # decimal comma in spin boxes, dates, day names
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt = QTranslator(app)
    where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", where):
        app.installTranslator(qt)
        _Installed.translators.append(qt)
    _Installed.filter = _OnShow(app)
    app.installEventFilter(_Installed.filter)
    return lang


def format_date(value: dt.date) -> str:
    """A date for the screen: the one rule of twitchlog.i18n, shared with the command line
    and the report (files keep ISO dates)."""
    return i18n.format_date(value)


def date_pattern() -> str:
    """The date fields' Qt pattern, the same form as `format_date`: ISO in English,
    'dd.MM.yyyy' in German."""
    return _("yyyy-MM-dd")


def _qt_words(value: dt.date | dt.datetime, pattern: str) -> str:
    """`value` in a Qt date pattern, with day and month names in the language in use (the
    pattern itself comes from the catalogue: German puts a full stop after the day)."""
    from PySide6.QtCore import QDate, QDateTime, QTime

    locale = QLocale(
        QLocale.Language.German if i18n.language() == "de" else QLocale.Language.English
    )
    day = QDate(value.year, value.month, value.day)
    if isinstance(value, dt.datetime):
        moment = QDateTime(day, QTime(value.hour, value.minute))
        return locale.toString(moment, pattern)
    return locale.toString(day, pattern)


def long_day(value: dt.date) -> str:
    """'Sunday 29 November' / 'Sonntag, 29. November'."""
    return _qt_words(value, _("dddd d MMMM"))


def long_date(value: dt.date) -> str:
    """'Sunday 29 November 2026' / 'Sonntag, 29. November 2026'."""
    return _qt_words(value, _("dddd d MMMM yyyy"))


def short_date(value: dt.date) -> str:
    """'19 Feb 2027' / '19. Feb. 2027'."""
    return _qt_words(value, _("d MMM yyyy"))


def day_and_time(value: dt.datetime) -> str:
    """'Sun 29 Nov 09:15' / 'So., 29. Nov. 09:15'."""
    return _qt_words(value, _("ddd d MMM HH:mm"))


def clock(value: dt.datetime | dt.time) -> str:
    """The time of day, 24 hours in both languages: '09:15'."""
    return value.strftime("%H:%M")
