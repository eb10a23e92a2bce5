"""The window as a desktop citizen: its desktop file name, a title naming a non-default
diary, Help → About and Help → Open data folder, and the start-at-login switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui_helpers import wait_idle
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from twitchlog import __version__, launcher


def _action(window: Any, menu_title: str, text: str) -> Any:
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") == menu_title:
            for a in menu_action.menu().actions():
                if a.text().replace("&", "") == text:
                    return a
    raise AssertionError(f"no {menu_title} → {text}")


def test_desktop_file_name_is_the_launchers_id(window: Any) -> None:
    assert QGuiApplication.desktopFileName() == launcher.APP_ID


def test_title_names_a_diary_that_is_not_the_default_one(window: Any, db_path: Path) -> None:
    # It ends with the program's name, so Qt adds it no second time ("twitchlog — … —
    # twitchlog" was what the desktop showed).
    assert window.windowTitle() == f"{db_path} — twitchlog"
    from twitchlog.gui.help_menu import window_title
    from twitchlog.paths import DB_FILENAME, data_dir

    assert window_title(str(data_dir() / DB_FILENAME)) == "twitchlog"
    assert window_title(str(Path.home() / "notes" / "d.sqlite3")) == "~/notes/d.sqlite3 — twitchlog"


def test_about_says_version_diary_backups_and_licence(window: Any, db_path: Path) -> None:
    _action(window, "Help", "About twitchlog").trigger()
    text = window.about_box.text()
    assert f"twitchlog {__version__}" in text
    assert str(db_path) in text
    assert str(db_path.parent / "diary-backups") in text
    assert "MIT" in text
    window.about_box.close()


class _Catcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_data_folder_asks_the_desktop_to_show_the_diarys_folder(
    window: Any, db_path: Path
) -> None:
    catcher = _Catcher()  # Qt's own hook for file: URLs, instead of a real file manager
    QDesktopServices.setUrlHandler("file", catcher, "show")
    try:
        _action(window, "Help", "Open data folder").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(db_path.parent)]


def test_start_at_login_switch_writes_and_removes_the_autostart_entry(
    qtbot: Any, window: Any
) -> None:
    view = window.views["settings"]
    wait_idle(qtbot, window.runner)
    assert "Starts at login: no" in view.summary.text()
    view.open_settings()
    assert not view.dialog.autostart.isChecked()  # off by default
    view.dialog.autostart.setChecked(True)
    view.dialog.submit()
    wait_idle(qtbot, window.runner)
    assert launcher.autostart_path().is_file()
    assert "gui --minimized" in launcher.autostart_path().read_text()
    assert "Starts at login: yes" in view.summary.text()
    view.open_settings()
    assert view.dialog.autostart.isChecked()
    view.dialog.autostart.setChecked(False)
    view.dialog.submit()
    wait_idle(qtbot, window.runner)
    assert not launcher.autostart_path().exists()
