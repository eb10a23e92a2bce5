"""What every command shares: opening the diary named by --db, dates, printing tables."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from twitchlog.diary import rules
from twitchlog.errors import ValidationError

if TYPE_CHECKING:
    from twitchlog.db.engine import Database
    from twitchlog.db.lite import LiteDiary

DB = TypeVar("DB", "Database", "LiteDiary")


def open_db(args: argparse.Namespace) -> Database:
    """Open (create, upgrade) the diary named by --db, with today's backup."""
    from twitchlog.db.migrate import open_database

    return _backed_up(open_database(_held_location(args)))


def open_quick(args: argparse.Namespace) -> Database | LiteDiary:
    """Like open_db, but a diary that needs nothing done opens without SQLAlchemy.

    For the commands whose diary functions take either connection (see db.lite): the
    everyday `log` then takes tens of milliseconds instead of a few hundred.
    """
    from twitchlog.db.lite import open_lite

    lite = open_lite(_held_location(args))
    return open_db(args) if lite is None else _backed_up(lite)


def _held_location(args: argparse.Namespace) -> str:
    """The diary named by --db, shared with other commands until this one ends (a
    restore waits for it; see db.lock)."""
    from pathlib import Path

    from twitchlog.db.check import will_be_refused
    from twitchlog.db.lock import hold_for_command
    from twitchlog.paths import resolve_location

    location = resolve_location(args.db)
    path = Path(location).expanduser().resolve()
    if not will_be_refused(path, _known_revisions):
        hold_for_command(path)
    return location


def _known_revisions() -> set[str]:
    from twitchlog.db.migrate import known_revisions

    return known_revisions()


_opened: list[Database | LiteDiary] = []


def close_opened() -> None:
    """Close every diary this command opened (the command is over)."""
    while _opened:
        _opened.pop().close()


def _backed_up(db: DB) -> DB:
    from twitchlog.db.backup import daily_backup_warning

    _opened.append(db)
    warning = daily_backup_warning(db)
    if warning:
        print(f"twitchlog: warning: {warning}", file=sys.stderr)
    return db


def date_arg(text: str) -> dt.date:
    """argparse type for a DATE: YYYY-MM-DD, today or yesterday (errors say how to write it)."""
    try:
        return rules.parse_date(text)
    except Exception as exc:  # argparse shows ArgumentTypeError messages as they are
        raise argparse.ArgumentTypeError(str(exc)) from None


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    """--from and --to in order (checked before anything is opened or written)."""
    if start is not None and end is not None and end < start:
        raise ValidationError("--to is before --from; swap them.")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain fixed-width text table."""
    from twitchlog.cli.output import printable

    cells = [[str(h) for h in headers]] + [
        ["" if c is None else printable(str(c), keep_newlines=False) for c in r] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt_duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds}s"
    m, s = divmod(seconds, 60)
    return f"{m}m{s:02d}s" if s else f"{m}m"
