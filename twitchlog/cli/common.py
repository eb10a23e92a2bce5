"""What every command shares: opening the diary named by --db, dates, printing tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from twitchlog.diary import rules

if TYPE_CHECKING:
    from twitchlog.db.lite import Diary


def open_db(args: argparse.Namespace) -> Diary:
    """Open (create, upgrade) the diary named by --db, with today's backup.

    Then every date or time given in words ('yesterday', '21:15') is resolved with the
    diary's own day-start hour, which is known only now.
    """
    from twitchlog.db.lite import open_diary
    from twitchlog.diary.settings import day_start_hour
    from twitchlog.paths import resolve_location

    db = open_diary(resolve_location(args.db))
    try:
        with db.read() as conn:
            hour = day_start_hour(conn)
        resolve_date_words(args, hour)
    except BaseException:
        db.close()
        raise
    from twitchlog.db.backup import daily_backup_warning

    warning = daily_backup_warning(db)
    if warning:
        print(f"twitchlog: warning: {warning}", file=sys.stderr)
    return db


open_quick = open_db  # one opener now; the name stays for the commands that used it


def resolve_date_words(args: argparse.Namespace, day_start_hour: int) -> None:
    """Replace each date or time argument still in words by its value for this diary."""
    for name, value in vars(args).items():
        if isinstance(value, rules.DateWords):
            resolved = value.when(day_start_hour) if value.moment else value.day(day_start_hour)
            setattr(args, name, resolved)


def date_arg(text: str) -> rules.DateWords:
    """argparse type for a DATE: YYYY-MM-DD, today or yesterday (resolved once open)."""
    try:
        return rules.read_date_words(text)
    except Exception as exc:  # argparse shows ArgumentTypeError messages as they are
        raise argparse.ArgumentTypeError(str(exc)) from None


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain fixed-width text table."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
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
