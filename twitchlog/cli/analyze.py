"""`twitchlog analyze`: which triggers go with more twitching, with honest statistics."""

from __future__ import annotations

import argparse
import json

from twitchlog.cli.common import date_arg, open_db


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="which triggers go with more twitching (effect sizes, 95%% CI)",
    )
    p.add_argument("--from", dest="start", type=date_arg, metavar="DATE")
    p.add_argument("--to", dest="end", type=date_arg, metavar="DATE")
    p.add_argument(
        "--outcome",
        choices=("count", "severity", "duration"),
        default="count",
        help="episodes a day (default), total severity a day, or minutes a day",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_analyze)


def cmd_analyze(args: argparse.Namespace) -> int:
    from twitchlog.analysis.output import format_table, to_json_dict
    from twitchlog.analysis.triggers import analyze_triggers
    from twitchlog.diary.dataset import load_daily_data
    from twitchlog.errors import ValidationError

    db = open_db(args)  # dates in words are resolved with the diary's day-start hour
    if args.start and args.end and args.end < args.start:
        raise ValidationError("--to is before --from; swap them.")
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
