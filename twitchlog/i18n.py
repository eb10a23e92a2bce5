"""One translation layer for the whole program: GNU gettext catalogues (twitchlog/resources/
locale/<lang>/LC_MESSAGES/twitchlog.mo, compiled from the .po beside it).

Why gettext for the window too, not Qt's .ts/.qm: the same sentences appear in the window, the
command line and the report, and only the GUI may import Qt; one catalogue, one `_()`, and a
compiler (msgfmt) every distribution has. Qt's own words (dialog buttons) come from the
qtbase_<lang>.qm that PySide6 ships, loaded by the window. Qt-free.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "twitchlog"
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
    _State.translations = _gettext.translation(
        DOMAIN, str(locale_dir()), languages=[code], fallback=True
    )
    _State.language = code
    return code


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


def has_translation(message: str) -> bool:
    return _(message) != message
