"""`twitchlog log`, `day`, `list` and `settings`: the everyday commands."""

from __future__ import annotations

import argparse

from twitchlog import catalog
from twitchlog.cli.common import check_period, date_arg, fmt_duration, open_db, table
from twitchlog.diary import episodes, factors, rules, settings
from twitchlog.diary import summaries as summaries_mod
from twitchlog.errors import ValidationError
from twitchlog.i18n import N_, _, format_date, format_number

# Shortcut flags for the daily check-in: flag -> factor key.
DAY_FLAGS = {
    "caffeine": ("caffeine_mg", N_("caffeine in mg")),
    "sleep": ("sleep_h", N_("hours slept, e.g. 6.5")),
    "stress": ("stress", N_("stress 0–10")),
    "screen": ("screen_h", N_("screen time in hours")),
    "alcohol": ("alcohol_units", N_("standard drinks")),
    "water": ("water_l", N_("water in litres")),
    "fatigue": ("fatigue", N_("fatigue 0–10")),
    "magnesium": ("magnesium_mg", N_("magnesium supplement in mg")),
}


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("log", parents=[common], help=_("log a twitch episode (now by default)"))
    p.add_argument(
        "--at",
        metavar="TIME",
        help=_(
            "when it started (local time): 'YYYY-MM-DD HH:MM', 'HH:MM' (the last such time), "
            "'today 9:00' or 'yesterday 21:15'"
        ),
    )
    p.add_argument(
        "--severity",
        default="2",
        metavar="1-4",
        help="; ".join(f"{k} = {_(v)}" for k, v in catalog.SEVERITY.items()),
    )
    p.add_argument("--duration", metavar="D", help=_("how long: 45s, 2m, 1m30s, or seconds"))
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="SIDE:PLACE",
        help=_(
            "e.g. left:upper_eyelid (repeatable); sides: left, right, both; places: {places}"
        ).format(places=", ".join(catalog.REGIONS)),
    )
    p.add_argument("--count", metavar="N", help=_("number of twitches, if counted"))
    p.add_argument(
        "--sign",
        action="append",
        default=[],
        metavar="SIGN",
        help=_("warning sign felt (repeatable): {signs}").format(signs=", ".join(catalog.SIGNS)),
    )
    p.add_argument("--note", default="", help=_("a note for the episode"))
    p.set_defaults(func=cmd_log)

    d = sub.add_parser(
        "day", parents=[common], help=_("the daily check-in (again for the same day updates it)")
    )
    d.add_argument(
        "date",
        nargs="?",
        default="today",
        type=date_arg,
        help=_("YYYY-MM-DD, today (default) or yesterday"),
    )
    for flag, (_key, words) in DAY_FLAGS.items():
        d.add_argument(f"--{flag}", metavar="N", help=_(words))
    d.add_argument(
        "--cups",
        metavar="N",
        help=_("cups of coffee (× {mg} mg)").format(mg=format_number(catalog.MG_PER_CUP)),
    )
    d.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_("any factor by key (see 'twitchlog factor list'); KEY= clears it"),
    )
    d.add_argument("--note", help=_("a note for the day"))
    d.add_argument("--none", action="store_true", help=_("no twitches today"))
    d.set_defaults(func=cmd_day)

    ls = sub.add_parser("list", parents=[common], help=_("show days and episodes"))
    ls.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help=_("first day"))
    ls.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help=_("last day"))
    ls.set_defaults(func=cmd_list)

    s = sub.add_parser("settings", parents=[common], help=_("show or change diary settings"))
    s.add_argument(
        "--day-start",
        metavar="HOUR",
        help=_("hour (0–12) when a new diary day begins; default 4"),
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
    where = ", ".join(p.words for p in e.places) or _("place not given")
    if e.duration_s is not None:
        where = _("{places}, {duration}").format(places=where, duration=fmt_duration(e.duration_s))
    print(
        _("Logged episode {id}: {when}, severity {severity}, {where} (diary day {day}).").format(
            id=e.id,
            when=f"{format_date(e.started_at.date())} {e.started_at:%H:%M}",
            severity=e.severity,
            where=where,
            day=format_date(e.diary_date),
        )
    )
    if e.signs:
        print(
            _(
                "You noted warning signs ({signs}). If they are new, persist or get worse, "
                "talk to a doctor."
            ).format(signs=", ".join(_(catalog.SIGNS[s]) for s in e.signs))
        )
    return 0


def _day_values(args: argparse.Namespace) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for flag, (key, _words) in DAY_FLAGS.items():
        raw = getattr(args, flag)
        if raw is not None:
            values[key] = raw
    if args.cups is not None:
        if args.caffeine is not None:
            raise ValidationError(_("Give caffeine as --caffeine (mg) or --cups, not both."))
        cups = rules.parse_number(args.cups, what=N_("Cups of coffee"))
        if cups < 0:
            raise ValidationError(_("Cups of coffee cannot be negative."))
        values["caffeine_mg"] = str(cups * catalog.MG_PER_CUP)
    for item in args.set:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ValidationError(
                _("'{item}' is not KEY=VALUE, e.g. --set chocolate=1.").format(item=item)
            )
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
        f"{_(labels[k].label)} {labels[k].format_value(v)}" for k, v in day.values.items()
    ) or _("no factors recorded")
    sentence = (
        _("Checked in {day}: {recorded}; no twitches today.")
        if day.no_twitches
        else _("Checked in {day}: {recorded}.")
    )
    print(sentence.format(day=format_date(day.date), recorded=recorded))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from twitchlog.diary import days

    db = open_db(args)
    with db.read() as conn:
        span = summaries_mod.date_span(conn)
        if span is None:
            print(
                _(
                    "The diary is empty. Log a twitch with 'twitchlog log' or check in a day "
                    "with 'twitchlog day'."
                )
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
                format_date(s.date),
                _("yes") if s.observed else _("no"),
                s.episodes,
                s.max_severity or "",
                *(_num(d.values.get(f.key)) if d else "" for f in shown),
                (d.note if d else "")[:40],
            ]
        )
    print(
        _("Days {start} to {end} ({checked} checked in)").format(
            start=format_date(start),
            end=format_date(end),
            checked=sum(s.observed for s in summaries),
        )
    )
    headings = [_("date"), _("checked in"), _("episodes"), _("max sev")]
    print(table([*headings, *(f.key for f in shown), _("note")], rows))
    if eps:
        print()
        print(_("Episodes ({n})").format(n=len(eps)))
        print(
            table(
                [
                    _("id"),
                    _("started"),
                    _("sev"),
                    _("duration"),
                    _("count"),
                    _("where"),
                    _("signs"),
                    _("notes"),
                ],
                [
                    [
                        e.id,
                        f"{format_date(e.started_at.date())} {e.started_at:%H:%M}",
                        e.severity,
                        fmt_duration(e.duration_s),
                        e.count or "",
                        "; ".join(p.words for p in e.places),
                        ", ".join(_(catalog.SIGNS.get(s, s)) for s in e.signs),
                        e.notes[:40],
                    ]
                    for e in eps
                ],
            )
        )
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else format_number(value)


def cmd_settings(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.day_start is not None:
        with db.write() as conn:
            settings.set_day_start_hour(conn, args.day_start)
    with db.read() as conn:
        hour = settings.day_start_hour(conn)
    print(_("Diary: {path}").format(path=db.path))
    print(
        _(
            "A new diary day begins at {hour}:00 (earlier twitches count for the evening before)."
        ).format(hour=hour)
    )
    return 0
