"""`twitchlog log`, `day`, `list` and `settings`: the everyday commands."""

from __future__ import annotations

import argparse

from twitchlog import catalog
from twitchlog.cli.common import check_period, date_arg, fmt_duration, open_db, table
from twitchlog.diary import episodes, factors, rules, settings
from twitchlog.diary import summaries as summaries_mod
from twitchlog.errors import ValidationError

# Shortcut flags for the daily check-in: flag -> factor key.
DAY_FLAGS = {
    "caffeine": ("caffeine_mg", "caffeine in mg"),
    "sleep": ("sleep_h", "hours slept"),
    "stress": ("stress", "stress 0–10"),
    "screen": ("screen_h", "screen time in hours"),
    "alcohol": ("alcohol_units", "standard drinks"),
    "water": ("water_l", "water in litres"),
    "fatigue": ("fatigue", "fatigue 0–10"),
    "magnesium": ("magnesium_mg", "magnesium supplement in mg"),
}


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("log", parents=[common], help="log a twitch episode (now by default)")
    p.add_argument(
        "--at",
        metavar="TIME",
        help="when it started (local time): 'YYYY-MM-DD HH:MM', 'HH:MM' (the last such time), "
        "'today 9:00' or 'yesterday 21:15'",
    )
    p.add_argument(
        "--severity",
        default="2",
        metavar="1-4",
        help="; ".join(f"{k} = {v}" for k, v in catalog.SEVERITY.items()),
    )
    p.add_argument("--duration", metavar="D", help="how long: 45s, 2m, 1m30s, or seconds")
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="SIDE:PLACE",
        help="e.g. left:upper_eyelid (repeatable); places: " + ", ".join(catalog.REGIONS),
    )
    p.add_argument("--count", metavar="N", help="number of twitches, if counted")
    p.add_argument(
        "--sign",
        action="append",
        default=[],
        metavar="SIGN",
        help="warning sign felt (repeatable): " + ", ".join(catalog.SIGNS),
    )
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_log)

    d = sub.add_parser(
        "day", parents=[common], help="the daily check-in (again for the same day updates it)"
    )
    d.add_argument(
        "date",
        nargs="?",
        default="today",
        type=date_arg,
        help="YYYY-MM-DD, today (default) or yesterday",
    )
    for flag, (_key, words) in DAY_FLAGS.items():
        d.add_argument(f"--{flag}", metavar="N", help=words)
    d.add_argument("--cups", metavar="N", help=f"cups of coffee (× {catalog.MG_PER_CUP:g} mg)")
    d.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any factor by key (see 'twitchlog factor list'); KEY= clears it",
    )
    d.add_argument("--note", help="a note for the day")
    d.add_argument("--none", action="store_true", help="no twitches today")
    d.set_defaults(func=cmd_day)

    ls = sub.add_parser("list", parents=[common], help="show days and episodes")
    ls.add_argument("--from", dest="start", type=date_arg, metavar="DATE")
    ls.add_argument("--to", dest="end", type=date_arg, metavar="DATE")
    ls.set_defaults(func=cmd_list)

    s = sub.add_parser("settings", parents=[common], help="show or change diary settings")
    s.add_argument(
        "--day-start", metavar="HOUR", help="hour (0–12) when a new diary day begins; default 4"
    )
    s.set_defaults(func=cmd_settings)


def cmd_log(args: argparse.Namespace) -> int:
    if args.at:
        rules.read_date_words(args.at, moment=True)  # a typo is refused before opening
    db = open_db(args)
    with db.write() as conn:
        # Words such as 'yesterday 21:15' mean the diary's days, so the hour comes first.
        hour = settings.day_start_hour(conn)
        e = episodes.log_episode(
            conn,
            started_at=rules.parse_when(args.at, day_start_hour=hour) if args.at else None,
            severity=args.severity,
            duration_s=args.duration,
            count=args.count,
            places=args.where,
            signs=args.sign,
            notes=args.note,
        )
    where = ", ".join(p.words for p in e.places) or "place not given"
    print(
        f"Logged episode {e.id}: {e.started_at:%Y-%m-%d %H:%M}, severity {e.severity}, "
        f"{where}"
        + (f", {fmt_duration(e.duration_s)}" if e.duration_s is not None else "")
        + f" (diary day {e.diary_date})."
    )
    if e.signs:
        print(
            "You noted warning signs ("
            + ", ".join(catalog.SIGNS[s] for s in e.signs)
            + "). If they are new, persist or get worse, talk to a doctor."
        )
    return 0


def _day_values(args: argparse.Namespace) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for flag, (key, _) in DAY_FLAGS.items():
        raw = getattr(args, flag)
        if raw is not None:
            values[key] = raw
    if args.cups is not None:
        if args.caffeine is not None:
            raise ValidationError("Give caffeine as --caffeine (mg) or --cups, not both.")
        cups = rules.parse_number(args.cups, what="Cups of coffee")
        if cups < 0:
            raise ValidationError("Cups of coffee cannot be negative.")
        values["caffeine_mg"] = str(cups * catalog.MG_PER_CUP)
    for item in args.set:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"'{item}' is not KEY=VALUE, e.g. --set chocolate=1.")
        values[key.strip().lower()] = raw.strip() or None
    return values


def cmd_day(args: argparse.Namespace) -> int:
    from twitchlog.diary import days

    values = _day_values(args)
    db = open_db(args)
    with db.write() as conn:
        day = days.check_in(
            conn, args.date, values, note=args.note, no_twitches=True if args.none else None
        )
        labels = {f.key: f for f in factors.list_factors(conn)}
    recorded = ", ".join(
        f"{labels[k].label} {labels[k].format_value(v)}" for k, v in day.values.items()
    )
    print(
        f"Checked in {day.date}: "
        + (recorded or "no factors recorded")
        + ("; no twitches today" if day.no_twitches else "")
        + "."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from twitchlog.diary import days

    db = open_db(args)
    with db.read() as conn:
        span = summaries_mod.date_span(conn)
        if span is None:
            print(
                "The diary is empty. Log a twitch with 'twitchlog log' or check in a day "
                "with 'twitchlog day'."
            )
            return 0
        start = args.start or span[0]
        end = args.end or max(span[1], start)
        check_period(start, end)
        summaries = summaries_mod.day_summaries(conn, start, end)
        checked = {d.date: d for d in days.list_days(conn, start, end)}
        eps = episodes.list_episodes(conn, start, end)
        flist = factors.list_factors(conn)
    shown = [f for f in flist if any(f.key in d.values for d in checked.values())]
    rows = []
    for s in summaries:
        d = checked.get(s.date)
        if d is None and not s.episodes:
            continue
        rows.append(
            [
                s.date.isoformat(),
                "yes" if s.observed else "no",
                s.episodes,
                s.max_severity or "",
                *(_num(d.values.get(f.key)) if d else "" for f in shown),
                (d.note if d else "")[:40],
            ]
        )
    print(f"Days {start} to {end} ({sum(s.observed for s in summaries)} checked in)")
    print(
        table(["date", "checked in", "episodes", "max sev", *(f.key for f in shown), "note"], rows)
    )
    if eps:
        print()
        print(f"Episodes ({len(eps)})")
        print(
            table(
                ["id", "started", "sev", "duration", "count", "where", "signs", "notes"],
                [
                    [
                        e.id,
                        f"{e.started_at:%Y-%m-%d %H:%M}",
                        e.severity,
                        fmt_duration(e.duration_s),
                        e.count or "",
                        "; ".join(p.words for p in e.places),
                        ", ".join(e.signs),
                        e.notes[:40],
                    ]
                    for e in eps
                ],
            )
        )
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def cmd_settings(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.day_start is not None:
        with db.write() as conn:
            settings.set_day_start_hour(conn, args.day_start)
    with db.read() as conn:
        hour = settings.day_start_hour(conn)
    print(f"Diary: {db.path}")
    print(f"A new diary day begins at {hour}:00 (earlier twitches count for the evening before).")
    return 0
