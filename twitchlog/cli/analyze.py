"""`twitchlog analyze`: which triggers go with more twitching, with honest statistics."""

from __future__ import annotations

import argparse
import json

from twitchlog.cli.common import add_outcome_option, check_period, date_arg, open_db
from twitchlog.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[common],
        help=_("which triggers go with more twitching (effect sizes, 95%% CI)"),
    )
    p.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help=_("first day"))
    p.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help=_("last day"))
    add_outcome_option(p)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_analyze)


def cmd_analyze(args: argparse.Namespace) -> int:
    from twitchlog.analysis.output import format_table, to_json_dict
    from twitchlog.analysis.triggers import analyze_triggers
    from twitchlog.diary.dataset import load_daily_data

    db = open_db(args)  # dates in words are resolved with the diary's day-start hour
    check_period(args.start, args.end)
    with db.read() as session:
        # The analysis looks only inside the range, so loading just the range is enough
        # and gives what the report and the charts give.
        data = load_daily_data(session, args.start, args.end)
    report = analyze_triggers(data, args.outcome, args.start, args.end)
    if args.json:
        print(json.dumps(to_json_dict(report), indent=2, ensure_ascii=False))
    else:
        print(format_table(report))
    return 0
