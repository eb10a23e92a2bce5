"""`twitchlog factor` and `twitchlog treatment`: what is tracked and what is tried."""

from __future__ import annotations

import argparse
import shlex

from twitchlog import catalog
from twitchlog.cli.common import date_arg, open_db, table
from twitchlog.diary import factors, rules, treatments
from twitchlog.diary.records import Treatment


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    f = sub.add_parser("factor", help="list factors or add your own")
    fs = f.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = fs.add_parser("add", parents=[common], help="add a factor of your own")
    add.add_argument("key", help="short key, e.g. chocolate or cold_weather")
    add.add_argument("--label", help="name shown in the window")
    add.add_argument(
        "--kind",
        default="number",
        choices=catalog.FACTOR_KINDS,
        help="number (with a unit), scale (0–10) or yesno",
    )
    add.add_argument("--unit", default="", help="unit for numbers, e.g. g or cups")
    add.add_argument("--max", dest="maximum", help="largest sensible value (numbers)")
    add.set_defaults(func=cmd_factor_add)
    ls = fs.add_parser("list", parents=[common], help="list all factors")
    ls.set_defaults(func=cmd_factor_list)

    t = sub.add_parser("treatment", help="record medications, injections, therapies")
    ts = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    tadd = ts.add_parser("add", parents=[common], help="add a treatment")
    tadd.add_argument("name", help="e.g. 'botulinum toxin' or 'gabapentin'")
    tadd.add_argument(
        "--kind",
        required=True,
        choices=[k for k in catalog.TREATMENT_KINDS if k != "injection"],
        help="injections: see 'twitchlog injection add'",
    )
    tadd.add_argument("--start", required=True, type=date_arg, metavar="DATE")
    tadd.add_argument("--end", type=date_arg, metavar="DATE")
    tadd.add_argument("--dose", help="amount, e.g. 250")
    tadd.add_argument("--unit", default="", help="e.g. mg or units")
    tadd.add_argument("--sites", default="", help="injection sites")
    tadd.add_argument("--note", default="")
    tadd.set_defaults(func=cmd_treatment_add)
    tls = ts.add_parser("list", parents=[common], help="list treatments")
    tls.set_defaults(func=cmd_treatment_list)
    tend = ts.add_parser("end", parents=[common], help="set the end date of a treatment")
    tend.add_argument("id", type=int, help="number from 'twitchlog treatment list'")
    tend.add_argument("--on", type=date_arg, default="today", metavar="DATE")
    tend.set_defaults(func=cmd_treatment_end)
    tdel = ts.add_parser("delete", parents=[common], help="delete a treatment (prints the undo)")
    tdel.add_argument("id", type=int, help="number from 'twitchlog treatment list'")
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
        f"Added factor '{f.key}' ({f.heading}, {f.kind}). Record it with "
        f"'twitchlog day --set {f.key}=VALUE'."
    )
    return 0


def cmd_factor_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.read() as conn:
        rows = factors.list_factors(conn)
    print(
        table(
            ["key", "name", "kind", "range", "kind of factor"],
            [
                [
                    f.key,
                    f.heading,
                    f.kind,
                    f"{f.minimum:g}–{f.maximum:g}",
                    "built-in " + f.category if f.builtin else "your own",
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
    print(
        f"Added treatment {t.id}: {t.name} ({catalog.TREATMENT_KINDS[t.kind]}) from "
        f"{t.start}" + (f" to {t.end}" if t.end else "") + "."
    )
    return 0


def cmd_treatment_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.read() as conn:
        rows = treatments.list_treatments(conn)
    if not rows:
        print(
            "No treatments yet. Add one with 'twitchlog treatment add NAME --kind medication "
            "--start DATE'."
        )
        return 0
    print(
        table(
            ["id", "name", "kind", "start", "end", "dose", "sites", "note"],
            [
                [
                    t.id,
                    t.name,
                    t.kind,
                    t.start,
                    t.end or ("—" if t.kind == "injection" else "ongoing"),
                    f"{t.dose:g} {t.unit}".strip() if t.dose is not None else "",
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
    print(f"Treatment {t.id} ({t.name}) ended on {t.end}.")
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
        f"Deleted treatment {t.id} ({t.name}, from {t.start}). To undo: {treatment_undo_command(t)}"
    )
    return 0
