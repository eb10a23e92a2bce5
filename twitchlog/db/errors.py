"""Turn low-level storage failures (full disk, I/O error, damage, busy) into sentences.

One place decides the wording, so the command line and the window say the same thing.
"""

from __future__ import annotations

import errno

from twitchlog.errors import DiaryError, DiaryUnavailable
from twitchlog.i18n import N_, _

FULL_DISK_ERRORS = frozenset({"SQLITE_FULL", "SQLITE_IOERR_SHMSIZE"})
"""SQLite's names for a full disk: a -shm that cannot grow is how it shows before any
page is written (the plain message then only says "disk I/O error")."""

_FULL = N_(
    "The disk is full (or the diary reached its size limit), so this change was not saved; "
    "the diary and any file being written are exactly as they were. Free some disk space "
    "and try again."
)
_IO = N_(
    "The computer could not read or write the diary (an input/output error); nothing was "
    "changed. Check the disk or USB stick, then run 'twitchlog check'."
)
_BUSY = N_(
    "Another twitchlog program kept the diary busy too long, so nothing was changed. "
    "Wait for it to finish and try again."
)
_DAMAGED = N_(
    "The diary file is damaged (SQLite says: {detail}); nothing more was written to it. "
    "Run 'twitchlog check' to see what is wrong and 'twitchlog restore' to go back to "
    "the newest good backup."
)
_READONLY = N_(
    "The diary file cannot be written (it or its folder is read-only); nothing was changed. "
    "Check the file's permissions or choose another file with --db."
)


def explain(exc: BaseException) -> DiaryError | None:
    """A DiaryError describing `exc` in plain words, or None when it is not a storage failure."""
    if isinstance(exc, DiaryError):
        return exc
    if isinstance(exc, OSError) and not _is_sqlalchemy(exc):
        return _explain_os(exc)
    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else ""
    low = detail.lower()
    if not (_is_sqlalchemy(exc) or _is_sqlite(exc)):
        return None
    code = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorname", "")
    if "database or disk is full" in low or code in FULL_DISK_ERRORS:
        return DiaryError(_(_FULL))
    if "disk i/o error" in low:
        return DiaryError(_(_IO))
    if "database is locked" in low or "database is busy" in low:
        return DiaryError(_(_BUSY))
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return DiaryUnavailable(_(_DAMAGED).format(detail=detail))
    if "readonly" in low or "read-only" in low:
        return DiaryError(_(_READONLY))
    if "unable to open database" in low:
        return DiaryUnavailable(
            _(
                "The diary file could not be opened (its folder may be missing or not yours); "
                "nothing was changed. Check the path given with --db."
            )
        )
    return None


def _explain_os(exc: OSError) -> DiaryError | None:
    where = f" ({exc.filename})" if exc.filename else ""
    sentence = _OS_SENTENCES.get(exc.errno or 0)
    return DiaryError(_(sentence).format(where=where)) if sentence else None


_OS_SENTENCES: dict[int, str] = {
    errno.ENOSPC: N_(
        "The disk is full{where}, so the file was not written; any older file with that name "
        "is unchanged. Free some disk space and try again."
    ),
    errno.EIO: N_(
        "The computer could not write{where} (an input/output error); any older file is "
        "unchanged. Check the disk and try again."
    ),
    errno.EISDIR: N_("That is a folder{where}; give a file name inside it instead."),
    errno.ENOTDIR: N_(
        "Part of that path is a file, not a folder{where}; nothing was changed. Check the path."
    ),
    errno.EACCES: N_(
        "You may not write there{where}; nothing was changed. Choose a folder of yours."
    ),
}
_OS_SENTENCES[errno.EDQUOT] = _OS_SENTENCES[errno.ENOSPC]
_OS_SENTENCES[errno.EPERM] = _OS_SENTENCES[errno.EROFS] = _OS_SENTENCES[errno.EACCES]


def _is_sqlalchemy(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("sqlalchemy")


def _is_sqlite(exc: BaseException) -> bool:
    import sqlite3

    return isinstance(exc, sqlite3.Error)
