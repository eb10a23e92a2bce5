"""Where the diary lives: `--db`, then `TWITCHLOG_DB`, then the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TWITCHLOG_DB"
DB_FILENAME = "diary.sqlite3"


def data_dir() -> Path:
    """The per-user data folder (platformdirs), e.g. ~/.local/share/twitchlog."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("twitchlog", appauthor=False))


def resolve_location(given: str | os.PathLike[str] | None = None) -> str:
    """Return the diary location: a file path, or an SQLAlchemy URL if it contains '://'."""
    if given:
        return str(given)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    return str(data_dir() / DB_FILENAME)


def is_url(location: str) -> bool:
    return "://" in location


def backups_dir(db_path: Path) -> Path:
    """Backups sit next to the diary in a private folder named after it."""
    return db_path.parent / f"{db_path.stem}-backups"


def make_private_dir(path: Path) -> None:
    """Create a folder readable by the user only (0700), whatever the umask."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)


def create_private_file(path: Path) -> None:
    """Create an empty file (if missing) with mode 0600 before anything writes into it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
