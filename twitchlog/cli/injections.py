"""`twitchlog injection`: botulinum toxin injections, their side effects and felt wear-off."""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

from twitchlog import catalog
from twitchlog.cli.common import add_outcome_option, date_arg, open_db, table
from twitchlog.diary import injections as inj
from twitchlog.i18n import _, format_date, format_number
from twitchlog.words import plural

if TYPE_CHECKING:
    from twitchlog.analysis.cycles import WeekEstimate


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("injection", help=_("botulinum toxin injections and how each cycle went"))
    ps = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = ps.add_parser("add", parents=[common], help=_("record an injection"))
    add.add_argument("date", type=date_arg, help=_("YYYY-MM-DD, today or yesterday"))
    _fields(add, required=True)
    add.set_defaults(func=cmd_add)

    ls = ps.add_parser("list", parents=[common], help=_("list injections"))
    ls.set_defaults(func=cmd_list)

    ed = ps.add_parser("edit", parents=[common], help=_("change an injection or rate side effects"))
    ed.add_argument("id", type=int, help=_("number from 'twitchlog injection list'"))
    ed.add_argument("--date", type=date_arg, metavar="DATE", help=_("the injection's day"))
    _fields(ed, required=False)
    ed.add_argument("--no-units", action="store_true", help=_("units not known"))
    ed.set_defaults(func=cmd_edit)

    rm = ps.add_parser("delete", parents=[common], help=_("delete an injection"))
    rm.add_argument("id", type=int, help=_("number from 'twitchlog injection list'"))
    rm.set_defaults(func=cmd_delete)

    wo = ps.add_parser(
        "wearing-off",
        parents=[common],
        help=_("mark the day you feel the injection wearing off"),
    )
    wo.add_argument(
        "date", nargs="?", default="today", type=date_arg, help=_("the day (default today)")
    )
    wo.add_argument("--note", default="", help=_("a note"))
    wo.add_argument("--undo", action="store_true", help=_("remove the marker of that day"))
    wo.set_defaults(func=cmd_wearing_off)

    cy = sub.add_parser(
        "cycles", parents=[common], help=_("each injection's onset, best weeks and wear-off")
    )
    cy.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_outcome_option(cy)
    cy.set_defaults(func=cmd_cycles)

    rem = ps.add_parser("reminder", parents=[common], help=_("days before the due date to remind"))
    rem.add_argument("days", nargs="?", help=_("0–60, or off; without it shows the setting"))
    rem.set_defaults(func=cmd_reminder)


def _fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument(
        "--product",
        required=required,
        help=_(
            "onabotulinumtoxinA (ona, Botox), incobotulinumtoxinA (inco, Xeomin), "
            "abobotulinumtoxinA (abo, Dysport) or other"
        ),
    )
    p.add_argument("--units", help=_("total units given"))
    p.add_argument("--name", help=_("brand or product name, for 'other'"))
    p.add_argument(
        "--site",
        action="append",
        default=None,
        metavar="SIDE:PLACE",
        help=_(
            "where it was injected, e.g. left:upper_eyelid (repeatable); sides: left, right, "
            "both; places: {places}"
        ).format(places=", ".join(catalog.REGIONS)),
    )
    p.add_argument(
        "--side-effect",
        action="append",
        default=[],
        metavar="EFFECT=GRADE",
        help=_("e.g. ptosis=mild (repeatable); effects: {effects}; grades: {grades}").format(
            effects=", ".join(catalog.SIDE_EFFECTS), grades=", ".join(catalog.SIDE_EFFECT_GRADES)
        ),
    )
    p.add_argument("--note", help=_("a note"))


def _side_effects(items: list[str]) -> dict[str, str]:
    from twitchlog.errors import ValidationError

    out: dict[str, str] = {}
    for item in items:
        key, sep, grade = item.partition("=")
        if not sep:
            raise ValidationError(
                _("Write a side effect as EFFECT=GRADE, e.g. dry_eye=mild; got '{item}'.").format(
                    item=item
                ),
                "side_effects",
            )
        out[key] = grade
    return out


def cmd_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as session:
        i = inj.add_injection(
            session,
            args.date,
            product=args.product,
            units=args.units,
            sites=args.site or (),
            note=args.note or "",
            name=args.name or "",
            side_effects=_side_effects(args.side_effect),
        )
    print(
        _("Added injection {id} on {day}: {what}.").format(
            id=i.id, day=format_date(i.date), what=i.words
        )
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.read() as session:
        rows = inj.list_injections(session)
        marks = inj.list_wearing_off(session)
    if not rows:
        print(
            _(
                "No injections yet. Add one with 'twitchlog injection add DATE --product ona "
                "--units 50 --site left:upper_eyelid'."
            )
        )
        return 0
    print(
        table(
            [
                _("id"),
                _("date"),
                _("product"),
                _("units"),
                _("sites"),
                _("side effects"),
                _("note"),
            ],
            [
                [
                    i.id,
                    format_date(i.date),
                    i.product_words,
                    format_number(i.units) if i.units is not None else "",
                    i.sites_words,
                    i.side_effect_words or _("not rated"),
                    i.note[:40],
                ]
                for i in rows
            ],
        )
    )
    if marks:
        print(
            _("Felt wearing off: {days}").format(days=", ".join(format_date(m.date) for m in marks))
        )
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as session:
        i = inj.edit_injection(
            session,
            args.id,
            day=args.date,
            product=args.product,
            units=args.units,
            clear_units=args.no_units,
            sites=args.site,
            note=args.note,
            name=args.name,
            side_effects=_side_effects(args.side_effect),
        )
    said = _("Changed injection {id} on {day}: {what}.").format(
        id=i.id, day=format_date(i.date), what=i.words
    )
    if i.side_effects:
        said += " " + _("Side effects: {effects}.").format(effects=i.side_effect_words)
    print(said)
    return 0


def undo_command(i: inj.Injection) -> str:
    """The command that puts a deleted injection back (the CLI's undo)."""
    parts = ["twitchlog", "injection", "add", i.date.isoformat(), "--product", i.product]
    if i.units is not None:
        parts += ["--units", f"{i.units:g}"]
    if i.name:
        parts += ["--name", i.name]
    for p in i.sites:
        parts += ["--site", p.code]
    for k, g in i.side_effects.items():
        parts += ["--side-effect", f"{k}={catalog.SIDE_EFFECT_GRADES[g]}"]
    if i.note:
        parts += ["--note", i.note]
    return shlex.join(parts)


def cmd_delete(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as session:
        i = inj.delete_injection(session, args.id)
    print(
        _("Deleted injection {id} on {day}: {what}. To undo: {command}").format(
            id=i.id, day=format_date(i.date), what=i.words, command=undo_command(i)
        )
    )
    return 0


def cmd_wearing_off(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as session:
        if args.undo:
            gone = inj.unmark_wearing_off(session, args.date)
            said = (
                _("Removed the wearing-off marker of {day}.")
                if gone
                else _("There was no wearing-off marker on {day}; nothing changed.")
            )
            print(said.format(day=format_date(args.date)))
            return 0
        mark = inj.mark_wearing_off(session, args.date, args.note)
    print(
        _("Marked {day} as the day you felt the injection wearing off.").format(
            day=format_date(mark.date)
        )
    )
    return 0


def cmd_reminder(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as session:
        days = (
            inj.reminder_days(session)
            if args.days is None
            else inj.set_reminder_days(session, args.days)
        )
    print(
        _("The injection reminder is off.")
        if days is None
        else _("The reminder comes {days} before the next injection is due.").format(
            days=plural(days, "day")
        )
    )
    return 0


def cycles_json(c: inj.Cycles) -> dict[str, object]:
    """The cycles as plain JSON values (NaN becomes null)."""
    import math

    def num(v: float | None) -> float | None:
        return None if v is None or not math.isfinite(v) else round(v, 3)

    def week(e: WeekEstimate) -> dict[str, object]:
        return {"week": e.week, "low": e.low, "high": e.high, "status": e.status, "why": e.why}

    r = c.report
    rows = []
    for cy in r.cycles:
        shot = c.injection_on(cy.start)
        rows.append(
            {
                "date": cy.start.isoformat(),
                "product": shot.product if shot else None,
                "units": shot.units if shot else None,
                "sites": [p.code for p in shot.sites] if shot else [],
                "side_effects": {
                    k: catalog.SIDE_EFFECT_GRADES[g]
                    for k, g in (shot.side_effects if shot else {}).items()
                },
                "days": cy.length_days,
                "complete": cy.complete,
                "baseline": {
                    "source": cy.baseline.source,
                    "rate": num(cy.baseline.rate),
                    "days": int(cy.baseline.days.size),
                },
                "weeks_1_8_ratio": num(cy.ratio),
                "weeks_1_8_ratio_ci": [num(cy.ratio_ci[0]), num(cy.ratio_ci[1])],
                "verdict": cy.verdict,
                "weekly_rates": [num(v) for v in cy.rates],
                "onset": week(cy.onset),
                "best_weeks": None
                if cy.best is None
                else {
                    "first": cy.best.first_week,
                    "last": cy.best.last_week,
                    "ratio": num(cy.best.ratio),
                    "ratio_ci": [num(cy.best.ratio_ci[0]), num(cy.best.ratio_ci[1])],
                },
                "wear_off": week(cy.wear_off),
                "felt_wear_off_week": cy.felt_week,
            }
        )
    return {
        "cycles": rows,
        "median_relief_weeks": num(r.median_relief_weeks),
        "trend": r.trend,
        "trend_weeks_per_cycle": num(r.trend_weeks_per_cycle),
        "interval_days": r.interval_days,
        "interval_is_default": r.interval_is_default,
        "next_due": r.next_due.isoformat() if r.next_due else None,
        "reminder_days_before": c.reminder_days,
        "sentences": list(r.sentences),
    }


def cmd_cycles(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.read() as session:
        c = inj.load_cycles(session, args.outcome)
    if args.json:
        import json

        print(json.dumps(cycles_json(c), indent=2, ensure_ascii=False))
        return 0
    if not c.injections:
        print(_("No injections yet. Add one with 'twitchlog injection add DATE --product ona'."))
        return 0
    for line in c.report.sentences:
        print(line)
    from twitchlog.analysis.cycle_words import NOTE

    print(_(NOTE))
    return 0
