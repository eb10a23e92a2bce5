"""One translation layer for the whole program: GNU gettext catalogues (resources/locale/
<lang>/LC_MESSAGES/*.mo, each compiled from the .po beside it with msgfmt).

The catalogue of a language is split into files by the part of the program whose words they
hold (twitchlog.po the window, cli.po the command line, ...) so they stay easy to review; at
run time they are chained into one, and a test keeps a message from being translated two
ways. Code marks words with `_()` where a sentence is made (never at import time: the
language may change), `N_()` on constants translated later, `ngettext()` for counts.
Numbers and dates for people go through `format_number` / `format_date` (files keep ISO
dates and decimal points).

Why gettext for the window too, not Qt's .ts/.qm: the same sentences appear in the window, the
command line and the report, and only the GUI may import Qt; one catalogue, one `_()`, and a
compiler (msgfmt) every distribution has. Qt's own words (dialog buttons) come from the
qtbase_<lang>.qm that PySide6 ships, loaded by the window. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from pathlib import Path

LANGUAGES = ("en", "de")  # English is the source language


class _State:
    translations: _gettext.NullTranslations | None = None
    language: str = ""


def locale_dir() -> Path:
    beside = Path(__file__).resolve().parents[1] / "resources" / "locale"
    if beside.is_dir():
        return beside
    return Path(__file__).resolve().parent / "resources" / "locale"


def wanted_language() -> str:
    """The language asked for by the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), if
    we have it; else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                break  # a language we do not have: its speaker gets English
        if value:
            break
    return "en"


def set_language(code: str | None = None) -> str:
    """Use `code` (or the environment's language); returns the one in use."""
    code = code or wanted_language()
    if code not in LANGUAGES:
        code = "en"
    _State.translations = _catalogue(code)
    _State.language = code
    return code


def _catalogue(code: str) -> _gettext.NullTranslations:
    """Every catalogue file of the language chained into one (English: none)."""
    folder = locale_dir() / code / "LC_MESSAGES"
    files = sorted(folder.glob("*.mo")) if code != "en" else []
    if not files:
        return _gettext.NullTranslations()
    first: _gettext.NullTranslations | None = None
    for path in files:
        with open(path, "rb") as fh:
            one = _gettext.GNUTranslations(fh)
        if first is None:
            first = one
        else:
            first.add_fallback(one)
    assert first is not None
    return first


_BY_CODE: dict[str, _gettext.NullTranslations] = {}


def translator(code: str) -> _gettext.NullTranslations:
    """The catalogue of language `code`, without switching to it: a file written in one of
    our languages is read in any (its CSV headers); thread-safe, unlike set_language."""
    found = _BY_CODE.get(code)
    if found is None:
        found = _BY_CODE[code] = _catalogue(code if code in LANGUAGES else "en")
    return found


def language() -> str:
    if _State.translations is None:
        set_language()
    return _State.language


def _(message: str) -> str:
    if _State.translations is None:
        set_language()
    assert _State.translations is not None
    return _State.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _State.translations is None:
        set_language()
    assert _State.translations is not None
    return _State.translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a constant for translation where it is shown, not where it is defined."""
    return message


_DECIMAL_COMMA = frozenset({"de"})
_DATE_FORMAT = {"de": "%d.%m.%Y"}  # others: ISO 8601, which every reader understands


def decimal_sign() -> str:
    return "," if language() in _DECIMAL_COMMA else "."


def format_number(value: float, digits: int | None = None) -> str:
    """A number for people: '2.5' in English, '2,5' in German; `digits` fixes the decimals,
    else as short as exact ('7', '6.5')."""
    text = f"{value:.{digits}f}" if digits is not None else f"{value:g}"
    if text in ("-0", "-0.0") or (text.startswith("-0.") and float(text) == 0):
        text = text[1:]
    return decimal_text(text)


def decimal_text(text: str) -> str:
    """Numbers already written with a decimal point ('q = 0.03', '1.2–3.4', a '.3g' figure)
    in the language's decimal sign: the one place the sign is swapped."""
    return text.replace(".", decimal_sign())


def format_count(value: int) -> str:
    """A large whole number for people, grouped: '10,001' in English, '10.001' in German."""
    text = f"{value:,}"
    return text.replace(",", ".") if decimal_sign() == "," else text


def format_date(value: dt.date) -> str:
    """A date for people in the language's usual form ('09.03.2026' in German, ISO
    otherwise); files and the command line's arguments stay ISO."""
    pattern = _DATE_FORMAT.get(language())
    return value.strftime(pattern) if pattern else value.isoformat()
