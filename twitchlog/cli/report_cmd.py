"""`twitchlog report FILE.pdf`: the one-page summary to bring to a doctor visit."""

from __future__ import annotations

import argparse
from pathlib import Path

from twitchlog.cli.common import date_arg, open_db
from twitchlog.errors import DiaryError
from twitchlog.i18n import _, format_date


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "report",
        parents=[common],
        help=_("write a one-page PDF summary for a doctor visit"),
        description=_(
            "Write an A4 PDF: trend, severity and places, triggers, treatments and "
            "the warning signs that apply (a second page lists every trigger comparison)."
        ),
    )
    p.add_argument("file", type=Path, help=_("FILE.pdf"))
    p.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help=_("first day"))
    p.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help=_("last day"))
    p.add_argument("--name", default="", help=_("name to print at the top, e.g. 'Ana Smith'"))
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from twitchlog.report.pdf import export_report_pdf, page_count

    if args.file.suffix.lower() != ".pdf":
        raise DiaryError(
            _("{name} does not end in .pdf; name the report FILE.pdf.").format(name=args.file.name)
        )
    db = open_db(args)
    with db.read() as session:
        report = export_report_pdf(session, args.file, args.start, args.end, name=args.name)
    pages = page_count(report)
    print(
        _("Wrote a {pages}-page report for {start} to {end} to {file}.").format(
            pages=pages,
            start=format_date(report.start),
            end=format_date(report.end),
            file=args.file,
        )
    )
    return 0
