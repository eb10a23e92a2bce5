"""`twitchlog backup`, `restore` and `check`: keeping the diary safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from twitchlog.errors import DiaryError
from twitchlog.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    b = sub.add_parser("backup", parents=[common], help=_("make a backup copy of the diary now"))
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser(
        "restore",
        parents=[common],
        help=_("replace the diary with a backup (the current file is kept as a backup first)"),
    )
    r.add_argument(
        "backup", nargs="?", type=Path, help=_("a backup file (default: the newest good one)")
    )
    r.add_argument("--yes", action="store_true", help=_("restore without asking"))
    r.set_defaults(func=cmd_restore)

    c = sub.add_parser("check", parents=[common], help=_("check the diary file for damage"))
    c.add_argument("--quick", action="store_true", help=_("a faster, less thorough check"))
    c.set_defaults(func=cmd_check)


def _diary_path(args: argparse.Namespace) -> Path:
    from twitchlog.paths import resolve_location

    return Path(resolve_location(args.db)).expanduser().resolve()


def cmd_backup(args: argparse.Namespace) -> int:
    from twitchlog.cli.common import open_db
    from twitchlog.db.backup import backup_now, prune_backups

    db = open_db(args)  # refuses a damaged diary before copying it
    try:
        dest = backup_now(db.path, "manual")
        prune_backups(db.path)
    finally:
        db.close()
    print(dest)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from twitchlog.db.backup import is_good_backup, list_backups, restore_backup
    from twitchlog.paths import backups_dir

    path = _diary_path(args)
    if args.backup is not None:
        chosen = args.backup.expanduser()
        if not chosen.exists() and (backups_dir(path) / chosen.name).exists():
            chosen = backups_dir(path) / chosen.name
        if not chosen.is_file():
            raise DiaryError(
                _("There is no backup file {file}; run 'twitchlog restore' to list them.").format(
                    file=chosen
                )
            )
    else:
        infos = list_backups(path)
        if not infos:
            raise DiaryError(
                _("There are no backups of {diary} in {folder}.").format(
                    diary=path, folder=backups_dir(path)
                )
            )
        print(_("Backups, newest first:"))
        chosen = None
        for info in infos:
            good = is_good_backup(info.path)
            said = info.describe()
            print("  " + (said if good else _("{backup}  [damaged, skipped]").format(backup=said)))
            if good and chosen is None:
                chosen = info.path
        if chosen is None:
            raise DiaryError(_("None of the backups is readable; the diary was left as it is."))
    if not args.yes and not _confirm(
        _("Replace {diary} with {backup}?").format(diary=path, backup=chosen.name)
    ):
        command = "twitchlog restore --yes" + (f" {chosen}" if args.backup is not None else "")
        print(
            _("Nothing was changed. To restore {backup}, run '{command}'.").format(
                backup=chosen.name, command=command
            )
        )
        return 1
    saved = restore_backup(path, chosen)
    print(_("Restored {diary} from {backup}.").format(diary=path, backup=chosen.name))
    if saved is not None:
        print(_("The diary as it was is kept in {file}.").format(file=saved))
    return 0


def _confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal; only yes (in English or the user's
    language) says yes, and without a terminal the answer is no."""
    if not sys.stdin.isatty():
        return False
    # TRANSLATORS: the answers that mean yes, separated by spaces (English ones always work).
    yes = {"y", "yes", *_("y yes").split()}
    return input(_("{question} [y/N] ").format(question=question)).strip().lower() in yes


def cmd_check(args: argparse.Namespace) -> int:
    from twitchlog.db.check import check_file, wal_problem
    from twitchlog.db.migrate import restore_advice

    path = _diary_path(args)
    report = check_file(path, quick=args.quick)
    if report.unchecked:  # not read at all (a full disk): no verdict, and no restore advice
        raise DiaryError(report.unchecked)
    problems = list(report.problems)
    if path.exists() and report.ok:
        stray = wal_problem(path)
        if stray:
            problems.append(stray)
    if not problems:
        print(report.sentence())
        return 0
    print(_("{diary} has problems:").format(diary=path), *(f"  {p}" for p in problems), sep="\n")
    if path.exists():
        print(restore_advice(path))
    return 1
