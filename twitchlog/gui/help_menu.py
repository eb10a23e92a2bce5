"""The Help menu: About (version, where the diary and its backups are, licence), open the
data folder, and the window title that names a diary other than the default one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from twitchlog import __version__
from twitchlog.i18n import _

LICENCE = "MIT"


def _home_short(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def diary_file(location: str) -> Path | None:
    """The diary's file, or None before it is known."""
    return Path(location).expanduser().absolute() if location else None


def is_default(location: str) -> bool:
    from twitchlog.paths import DB_FILENAME, data_dir

    path = diary_file(location)
    return path is None or path == (data_dir() / DB_FILENAME).absolute()


def window_title(location: str) -> str:
    """'twitchlog', or '~/elsewhere/work.sqlite3 — twitchlog' for any other diary: the
    document first, the program last, as desktops name windows. Qt adds the program's
    name to a title that does not end with it, which gave 'twitchlog — … — twitchlog'."""
    path = diary_file(location)
    if path is None or is_default(location):
        return "twitchlog"
    return f"{_home_short(path)} — twitchlog"


def about_text(location: str) -> str:
    from twitchlog.paths import backups_dir

    path = diary_file(location)
    where = _home_short(path) if path else _("not open yet")
    backups = _home_short(backups_dir(path)) if path else _("beside the diary")
    return (
        f"<h3>twitchlog {__version__}</h3>"
        + "<p>"
        + _(
            "A private diary for facial twitching. Everything stays on this computer; "
            "twitchlog never uses the network."
        )
        + "</p>"
        + f"<p><b>{_('Your diary')}:</b> {_escape(where)}<br>"
        + f"<b>{_('Backups')}:</b> {_escape(backups)}</p>"
        + f"<p>{_('Licence')}: {LICENCE}. {_('Free to use, change and share.')}</p>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_about(parent: QWidget, location: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, _("About twitchlog"), "", parent=parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(location))
    box.setAccessibleName("About twitchlog")
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.open()
    return box


def data_folder(location: str) -> Path:
    """The folder holding the diary (and its backups folder); the default data folder when
    no diary is open yet."""
    from twitchlog.paths import data_dir

    path = diary_file(location)
    return path.parent if path else data_dir()


def open_data_folder(location: str) -> Any:
    """Show the diary's folder in the file manager; False when the desktop could not."""
    folder = data_folder(location)
    if not folder.is_dir():
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
