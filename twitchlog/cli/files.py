"""`twitchlog export`, `import` and `demo`: moving diary data in and out."""

from __future__ import annotations

import argparse
from pathlib import Path

from twitchlog.cli.common import check_period, date_arg, open_db, output_file
from twitchlog.i18n import _
from twitchlog.words import plural


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    e = sub.add_parser("export", help=_("write episodes or days to a CSV file"))
    es = e.add_subparsers(dest="what", metavar="WHAT", required=True)
    for what, words in (
        ("episodes", _("one row per episode")),
        ("days", _("one row per checked-in day")),
        ("doctor", _("one row per calendar day, for a doctor (opens in a spreadsheet)")),
    ):
        p = es.add_parser(what, parents=[common], help=words)
        p.add_argument("file", type=Path, help=_("FILE.csv (a name without .csv gets it)"))
        p.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help=_("first day"))
        p.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help=_("last day"))
        p.set_defaults(func=cmd_export)

    i = sub.add_parser(
        "import", parents=[common], help=_("import an episodes or days CSV (all rows or none)")
    )
    i.add_argument("file", type=Path, help=_("FILE.csv, as written by 'twitchlog export'"))
    i.add_argument(
        "--replace",
        action="store_true",
        help=_(
            "where the file and the diary disagree on a day's value or note, use the "
            "file's (without it such an import is refused and the differences are listed)"
        ),
    )
    i.set_defaults(func=cmd_import)

    d = sub.add_parser(
        "demo",
        parents=[common],
        help=_("fill a NEW diary with realistic made-up data to try things out"),
    )
    d.add_argument("--days", type=int, default=365, help=_("how many days (default 365)"))
    d.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    d.set_defaults(func=cmd_demo)


def cmd_export(args: argparse.Namespace) -> int:
    from twitchlog.paths import resolve_location
    from twitchlog.safefile import check_target

    diary = Path(resolve_location(args.db)).expanduser()
    check_target(args.file, diary)  # the diary, its backups, a device: refused first
    names = {
        "doctor": _("the doctor table"),
        "days": _("the days table"),
        "episodes": _("the episodes"),
    }
    named = output_file(args.file, ".csv", names[args.what])
    if named != args.file:
        check_target(named, diary)
    args.file = named
    db = open_db(args)
    check_period(args.start, args.end)  # before the file is touched
    if args.what == "doctor":
        from twitchlog.report.doctor_csv import export_doctor_csv as writer
    else:
        from twitchlog.diary import transfer

        writer = transfer.export_episodes if args.what == "episodes" else transfer.export_days
    with db.read() as conn:
        n = writer(conn, args.file, args.start, args.end)
    noun = "day" if args.what in ("doctor", "days") else "episode"
    print(_("Wrote {things} to {file}.").format(things=plural(n, noun), file=args.file))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from twitchlog.db.backup import backup_now
    from twitchlog.diary import demo, transfer

    db = open_db(args)
    with db.read() as conn:
        empty = demo.is_empty(conn)
    if not empty:
        backup_now(db.path, "before-import")
    with db.write() as conn:
        summary = transfer.import_csv(conn, args.file, replace=args.replace)
    print(summary.sentence())
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from twitchlog.diary import demo

    db = open_db(args)
    with db.write() as conn:
        n_days, n_eps = demo.fill_demo(conn, args.days, seed=args.seed)
    print(
        _(
            "Filled the diary with {days} and {episodes} of made-up data ({all_days} in all)."
        ).format(
            days=plural(n_days, "checked-in day"),
            episodes=plural(n_eps, "episode"),
            all_days=plural(args.days, "day"),
        )
    )
    return 0
