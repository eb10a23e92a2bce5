"""What every command shares: opening the diary named by --db, dates, printing tables."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from twitchlog.catalog import OUTCOMES
from twitchlog.diary import rules
from twitchlog.errors import DiaryError, ValidationError
from twitchlog.i18n import _

if TYPE_CHECKING:
    from twitchlog.db.lite import Diary


def open_db(args: argparse.Namespace) -> Diary:
    """Open (create, upgrade) the diary named by --db, with today's backup.

    Then every date or time given in words ('yesterday', '21:15') is resolved with the
    diary's own day-start hour, which is known only now. The diary is shared with other
    commands until this one ends (a restore waits for it; see db.lock), and closed then.
    """
    from twitchlog.db.lite import open_diary
    from twitchlog.diary.settings import day_start_hour

    db = open_diary(_held_location(args))
    _opened.append(db)
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
        print(_("twitchlog: warning: {warning}").format(warning=warning), file=sys.stderr)
    return db


_opened: list[Diary] = []


def close_opened() -> None:
    """Close every diary this command opened (before its share of the lock is given up)."""
    while _opened:
        _opened.pop().close()


def _held_location(args: argparse.Namespace) -> str:
    """The diary named by --db, with this command's share of its use lock taken (unless
    opening will refuse the file: then nothing is made beside it)."""
    from pathlib import Path

    from twitchlog.db.check import will_be_refused
    from twitchlog.db.lite import known_revisions
    from twitchlog.db.lock import hold_for_command
    from twitchlog.paths import resolve_location

    location = resolve_location(args.db)
    path = Path(location).expanduser().resolve()
    if not will_be_refused(path, known_revisions):
        hold_for_command(path)
    return location


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    """--from and --to in order (checked before anything is written)."""
    if start is not None and end is not None and end < start:
        raise ValidationError(_("--to is before --from; swap them."))


def resolve_date_words(args: argparse.Namespace, day_start_hour: int) -> None:
    """Replace each date or time argument still in words by its value for this diary."""
    for name, value in vars(args).items():
        if isinstance(value, rules.DateWords):
            resolved = value.when(day_start_hour) if value.moment else value.day(day_start_hour)
            setattr(args, name, resolved)


def add_outcome_option(parser: argparse.ArgumentParser) -> None:
    """--outcome, the one way `analyze` and `experiment plan` name what is compared."""
    parser.add_argument(
        "--outcome",
        choices=OUTCOMES,
        default="count",
        help=_(
            "count: episodes a day (default); severity: total severity a day; "
            "duration: minutes a day"
        ),
    )


def date_arg(text: str) -> rules.DateWords:
    """argparse type for a DATE: YYYY-MM-DD, today or yesterday (resolved once open)."""
    try:
        return rules.read_date_words(text)
    except Exception as exc:  # argparse shows ArgumentTypeError messages as they are
        raise argparse.ArgumentTypeError(str(exc)) from None


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
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return "\n".join(lines)


def fmt_duration(seconds: int | None) -> str:
    """'45s', '2m', '1m30s': the form `--duration` takes, in every language."""
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds}s"
    m, s = divmod(seconds, 60)
    return f"{m}m{s:02d}s" if s else f"{m}m"


def output_file(path: Path, suffix: str, what: str) -> Path:
    """The file to write `what` into: no suffix gets `suffix`; a different one is refused.

    A doctor's CSV under an .xlsx name opens as garbage, so that is said before anything
    is written.
    """
    if not path.suffix:
        return path.with_suffix(suffix)
    if path.suffix.lower() != suffix:
        raise DiaryError(
            _(
                "{name} ends in {suffix}, but {what} is written as {wanted} "
                "(a spreadsheet opens it); name it {better}."
            ).format(
                name=path.name,
                suffix=path.suffix,
                what=what,
                wanted=suffix,
                better=path.with_suffix(suffix).name,
            )
        )
    return path
