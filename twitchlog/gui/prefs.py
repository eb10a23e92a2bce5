"""Window preferences kept in QSettings, each declared once with its default (after Picard).

Diary-wide settings (the day-start hour) live in the diary itself; these are about this
window on this machine: reminder time, caffeine unit, where the diary file is, geometry.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

ORGANISATION = "twitchlog"
APPLICATION = "twitchlog"

DEFAULTS: dict[str, Any] = {
    "reminder/enabled": True,
    "reminder/time": "20:30",
    "units/caffeine": "mg",  # mg | cups
    "diary/location": "",  # empty: TWITCHLOG_DB or the user data folder
    "window/geometry": None,
    "window/view": "today",
    "window/closed_at": "",  # ISO time the window was last closed
    "notice/dismissed": "",
    "injection/tray_shown": "",  # the day the tray last said the next injection is due
    "display/theme": "system",  # system | light | dark | high-contrast (gui/display.py)
    "display/text_scale": 100,  # percent, 100–200
}


# What the config folder is computed from; the folder is looked up again when one changes
# (each test has its own XDG_CONFIG_HOME), otherwise once per process.
_FOLDER_FROM = ("XDG_CONFIG_HOME", "HOME", "APPDATA", "LOCALAPPDATA", "USERPROFILE")


class _Cache:
    """The settings file for the current config folder and the one QSettings reading it.

    A new QSettings, with the folder looked up again, cost ~1 ms on each of the ~9 reads
    before the first paint. QSettings is not thread-safe, so only the main (UI) thread
    gets the kept one."""

    key: tuple[str | None, ...] | None = None
    path: Path = Path()
    settings: QSettings | None = None


def settings_file() -> Path:
    """twitchlog.conf in the user config folder, e.g. ~/.config/twitchlog/twitchlog.conf.

    QSettings' own default path is computed once per process, so a changed
    XDG_CONFIG_HOME (each test has its own) would be ignored; naming the file
    ourselves keeps the location right and the same on every platform. On Linux Qt's
    QStandardPaths gives the XDG folder platformdirs would, without platformdirs' ~5 ms of
    imports before the first paint; elsewhere platformdirs decides, as it always has (on
    macOS Qt would pick another folder, and a diary chosen in Settings would be lost).
    """
    key = tuple(os.environ.get(name) for name in _FOLDER_FROM)
    if key != _Cache.key:
        if sys.platform.startswith("linux"):
            from PySide6.QtCore import QStandardPaths

            where = QStandardPaths.StandardLocation.GenericConfigLocation
            folder = str(Path(QStandardPaths.writableLocation(where)) / ORGANISATION)
        else:
            from platformdirs import user_config_dir

            folder = user_config_dir(ORGANISATION, appauthor=False)
        _Cache.key, _Cache.path, _Cache.settings = key, Path(folder) / f"{APPLICATION}.conf", None
    return _Cache.path


def store() -> QSettings:
    """The settings, in a file that is private before Qt first writes it (a diary's
    location and reminder time are the user's business): Qt keeps the mode it finds."""
    path = settings_file()
    if not path.exists():
        from twitchlog.paths import create_private_file, make_private_dir

        make_private_dir(path.parent)
        create_private_file(path)
        _Cache.settings = None  # a file made afresh is read afresh
    if threading.current_thread() is not threading.main_thread():
        return QSettings(str(path), QSettings.Format.IniFormat)
    if _Cache.settings is None:
        _Cache.settings = QSettings(str(path), QSettings.Format.IniFormat)
    return _Cache.settings


def get(key: str) -> Any:
    default = DEFAULTS[key]
    value = store().value(key, default)
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return value


def put(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(f"unknown preference {key}")
    s = store()
    s.setValue(key, value)
    s.sync()
