"""`twitchlog factor` and `twitchlog treatment`: what is tracked and what is tried."""

from __future__ import annotations

import argparse
import shlex

from twitchlog import catalog
from twitchlog.cli.common import date_arg, open_db, table
from twitchlog.diary import factors, rules, treatments
from twitchlog.diary.records import Treatment
from twitchlog.i18n import N_, _, format_date, format_number

# How a factor's kind and origin read in `factor list` (the --kind values stay English).
KIND_WORDS = {"number": N_("number"), "scale": N_("scale 0–10"), "yesno": N_("yes/no")}
ORIGIN_WORDS = {
    "trigger": N_("built-in trigger"),
    "relief": N_("built-in relief"),
    "custom": N_("built-in"),
}


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    f = sub.add_parser("factor", help=_("list factors or add your own"))
    fs = f.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = fs.add_parser("add", parents=[common], help=_("add a factor of your own"))
    add.add_argument("key", help=_("short key, e.g. chocolate or cold_weather"))
    add.add_argument("--label", help=_("name shown in the window"))
    add.add_argument(
        "--kind",
        default="number",
        choices=catalog.FACTOR_KINDS,
        help=_("number (with a unit), scale (0–10) or yesno"),
    )
    add.add_argument("--unit", default="", help=_("unit for numbers, e.g. g or cups"))
    add.add_argument("--max", dest="maximum", help=_("largest sensible value (numbers)"))
    add.set_defaults(func=cmd_factor_add)
    ls = fs.add_parser("list", parents=[common], help=_("list all factors"))
    ls.set_defaults(func=cmd_factor_list)

    t = sub.add_parser("treatment", help=_("record medications, injections, therapies"))
    ts = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    tadd = ts.add_parser("add", parents=[common], help=_("add a treatment"))
    tadd.add_argument("name", help=_("e.g. 'botulinum toxin' or 'gabapentin'"))
    tadd.add_argument(
        "--kind",
        required=True,
        choices=[k for k in catalog.TREATMENT_KINDS if k != "injection"],
        help=_("medication, therapy or procedure; injections: see 'twitchlog injection add'"),
    )
    tadd.add_argument("--start", required=True, type=date_arg, metavar="DATE", help=_("first day"))
    tadd.add_argument("--end", type=date_arg, metavar="DATE", help=_("last day, if over"))
    tadd.add_argument("--dose", help=_("amount, e.g. 250"))
    tadd.add_argument("--unit", default="", help=_("e.g. mg or units"))
    tadd.add_argument("--sites", default="", help=_("injection sites"))
    tadd.add_argument("--note", default="", help=_("a note"))
    tadd.set_defaults(func=cmd_treatment_add)
    tls = ts.add_parser("list", parents=[common], help=_("list treatments"))
    tls.set_defaults(func=cmd_treatment_list)
    tend = ts.add_parser("end", parents=[common], help=_("set the end date of a treatment"))
    tend.add_argument("id", type=int, help=_("number from 'twitchlog treatment list'"))
    tend.add_argument(
        "--on",
        type=date_arg,
        default="today",
        metavar="DATE",
        help=_("the last day (default today)"),
    )
    tend.set_defaults(func=cmd_treatment_end)
    tdel = ts.add_parser("delete", parents=[common], help=_("delete a treatment (prints the undo)"))
    tdel.add_argument("id", type=int, help=_("number from 'twitchlog treatment list'"))
    tdel.set_defaults(func=cmd_treatment_delete)


def cmd_factor_add(args: argparse.Namespace) -> int:
    rules.check_factor_key(args.key)
    db = open_db(args)
    with db.write() as conn:
        f = factors.add_factor(
            conn,
            args.key,
            label=args.label,
            kind=args.kind,
            unit=args.unit,
            maximum=args.maximum,
        )
    print(
        _(
            "Added factor '{key}' ({heading}, {kind}). Record it with "
            "'twitchlog day --set {key}=VALUE'."
        ).format(key=f.key, heading=f.heading, kind=_(KIND_WORDS[f.kind]))
    )
    return 0


def cmd_factor_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.read() as conn:
        rows = factors.list_factors(conn)
    print(
        table(
            [_("key"), _("name"), _("kind"), _("range"), _("kind of factor")],
            [
                [
                    f.key,
                    f.heading,
                    _(KIND_WORDS.get(f.kind, f.kind)),
                    f"{format_number(f.minimum)}–{format_number(f.maximum)}",
                    _(ORIGIN_WORDS.get(f.category, "built-in")) if f.builtin else _("your own"),
                ]
                for f in rows
            ],
        )
    )
    return 0


def cmd_treatment_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as conn:
        t = treatments.add_treatment(
            conn,
            args.name,
            kind=args.kind,
            start=args.start,
            end=args.end,
            dose=args.dose,
            unit=args.unit,
            sites=args.sites,
            note=args.note,
        )
    kind = _(catalog.TREATMENT_KINDS[t.kind])
    if t.end:
        said = _("Added treatment {id}: {name} ({kind}) from {start} to {end}.")
    else:
        said = _("Added treatment {id}: {name} ({kind}) from {start}.")
    print(
        said.format(
            id=t.id,
            name=t.name,
            kind=kind,
            start=format_date(t.start),
            end=format_date(t.end) if t.end else "",
        )
    )
    return 0


def cmd_treatment_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.read() as conn:
        rows = treatments.list_treatments(conn)
    if not rows:
        print(
            _(
                "No treatments yet. Add one with 'twitchlog treatment add NAME --kind "
                "medication --start DATE'."
            )
        )
        return 0
    print(
        table(
            [
                _("id"),
                _("name"),
                _("kind"),
                _("start"),
                _("end"),
                _("dose"),
                _("sites"),
                _("note"),
            ],
            [
                [
                    t.id,
                    t.name,
                    _(catalog.TREATMENT_KINDS.get(t.kind, t.kind)),
                    format_date(t.start),
                    format_date(t.end)
                    if t.end
                    else ("—" if t.kind == "injection" else _("ongoing")),
                    f"{format_number(t.dose)} {t.unit}".strip() if t.dose is not None else "",
                    t.sites,
                    t.note[:40],
                ]
                for t in rows
            ],
        )
    )
    return 0


def cmd_treatment_end(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as conn:
        t = treatments.end_treatment(conn, args.id, args.on)
    print(
        _("Treatment {id} ({name}) ended on {end}.").format(
            id=t.id, name=t.name, end=format_date(t.end) if t.end else ""
        )
    )
    return 0


def treatment_undo_command(t: Treatment) -> str:
    """The command that puts a deleted treatment back (the command line's undo)."""
    parts = ["twitchlog", "treatment", "add", t.name, "--kind", t.kind]
    parts += ["--start", t.start.isoformat()]
    if t.end is not None:
        parts += ["--end", t.end.isoformat()]
    if t.dose is not None:
        parts += ["--dose", f"{t.dose:g}"]
    for flag, value in (("--unit", t.unit), ("--sites", t.sites), ("--note", t.note)):
        if value:
            parts += [flag, value]
    return shlex.join(parts)


def cmd_treatment_delete(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.write() as conn:
        t = treatments.delete_treatment(conn, args.id)
    print(
        _("Deleted treatment {id} ({name}, from {start}). To undo: {command}").format(
            id=t.id,
            name=t.name,
            start=format_date(t.start),
            command=treatment_undo_command(t),
        )
    )
    return 0
