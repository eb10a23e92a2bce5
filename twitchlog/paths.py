"""Where the diary lives: `--db`, then `TWITCHLOG_DB`, then the user data directory.

Also the private folders and files twitchlog makes there: a folder twitchlog creates is
0700 and a file 0600, whatever the umask; a folder that already exists is left as it is
(it may be shared, say /tmp with its sticky bit).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from twitchlog.errors import DiaryUnavailable
from twitchlog.i18n import _

ENV_VAR = "TWITCHLOG_DB"
DB_FILENAME = "diary.sqlite3"
_URL_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://|(sqlite|file)[A-Za-z0-9+]*:)", re.I)


def data_dir() -> Path:
    """The per-user data folder (platformdirs), e.g. ~/.local/share/twitchlog."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("twitchlog", appauthor=False))


def resolve_location(given: str | os.PathLike[str] | None = None) -> str:
    """Return the diary file's path: `given`, else $TWITCHLOG_DB, else the data folder.

    The diary is one SQLite file; a database URL (`sqlite://`, `postgresql://…`) is
    refused with a sentence rather than half-supported.
    """
    if given:
        location, source = str(given), "--db"
    else:
        location, source = os.environ.get(ENV_VAR, "").strip(), ENV_VAR
    if not location:
        return str(data_dir() / DB_FILENAME)
    if _URL_RE.match(location):
        raise DiaryUnavailable(
            _(
                "{option} takes the path of a diary file, not a database address "
                "('{scheme}:…'); twitchlog keeps the diary in one file on this computer. Give "
                "a file path such as ~/diary.sqlite3."
            ).format(option=source, scheme=location.split(":", 1)[0])
        )
    check_diary_file(Path(location).expanduser())
    return location


def check_diary_file(path: Path) -> None:
    """Refuse a diary path that is a folder, a device, a pipe or a socket, before anything
    (a lock, a -journal) is created beside it: /dev is not ours to write in."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise DiaryUnavailable(
            _(
                "Part of {path} is a file, not a folder; give the path of a diary file with --db."
            ).format(path=path)
        ) from None
    if stat.S_ISDIR(mode):
        raise DiaryUnavailable(
            _("{path} is a folder, not a diary file. Give a file name instead.").format(path=path)
        )
    if not stat.S_ISREG(mode):
        raise DiaryUnavailable(
            _(
                "{path} is not a regular file (a device, pipe or socket); it was not touched. "
                "Give the path of a diary file with --db."
            ).format(path=path)
        )


def sqlite_uri(path: Path, *, read_only: bool = False) -> str:
    """The `file:` URI SQLite opens for `path`, every character quoted (?, #, %41 …).

    The one place such a URI is built: every connection to a diary or a backup goes
    through `db.connect`, which calls this.
    """
    uri = Path(os.path.abspath(path)).as_uri()
    return uri + ("?mode=ro" if read_only else "")


def backups_dir(db_path: Path) -> Path:
    """Backups sit next to the diary in a private folder named after it."""
    return db_path.parent / f"{db_path.stem}-backups"


def make_private_dir(path: Path) -> None:
    """Create `path` and any missing parents as 0700, whatever the umask.

    Only folders made here are given that mode: an existing folder is never changed.
    """
    missing: list[Path] = []
    at = Path(path)
    while not at.exists():
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another program: not ours to change
        os.chmod(folder, 0o700)


def create_private_file(path: Path) -> None:
    """Create an empty file (if missing) with mode 0600 before anything writes into it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
