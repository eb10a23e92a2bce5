"""`twitchlog experiment`: plan, follow and read a randomised on/off experiment."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from twitchlog.cli.common import add_outcome_option, date_arg, open_db, table
from twitchlog.diary import rules
from twitchlog.i18n import _, format_date, format_number
from twitchlog.words import plural

if TYPE_CHECKING:
    from twitchlog.analysis.experiment_plan import Plan
    from twitchlog.db.lite import Source


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "experiment",
        parents=[common],
        help=_("test a suspected trigger: randomised blocks with and without a change"),
        description=_(
            "Plan an n-of-1 experiment (blocks with and without a change, in random "
            "order within each pair), follow it day by day, and read its result."
        ),
    )
    ops = p.add_subparsers(dest="op", metavar="ACTION", required=True)
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--json", action="store_true", help=_("machine-readable output"))

    plan = ops.add_parser("plan", parents=[common, out], help=_("plan a new experiment"))
    plan.add_argument(
        "factor", help=_("the factor's key, e.g. caffeine_mg (see 'twitchlog factor list')")
    )
    plan.add_argument("--changed", required=True, help=_("the change, e.g. 'at most 1 cup'"))
    plan.add_argument("--usual", default=None, help=_("the other condition (default: as usual)"))
    plan.add_argument(
        "--start",
        default="today",
        help=_("first day, YYYY-MM-DD, today or tomorrow's date (default today)"),
    )
    plan.add_argument("--block-days", default=7, help=_("days per block (default 7, at least 5)"))
    plan.add_argument("--pairs", default=3, help=_("pairs of blocks (default 3, at least 2)"))
    plan.add_argument(
        "--washout", default=2, help=_("settling-in days at each block's start, not analysed")
    )
    add_outcome_option(plan)
    plan.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
    plan.add_argument("--no-power", action="store_true", help=_("skip the power estimate"))
    plan.set_defaults(func=cmd_plan)

    status = ops.add_parser("status", parents=[common, out], help=_("the schedule and today"))
    status.set_defaults(func=cmd_status)

    result = ops.add_parser("result", parents=[common, out], help=_("the result so far"))
    result.add_argument("--id", type=int, default=None, help=_("an older experiment's number"))
    result.set_defaults(func=cmd_result)

    stop = ops.add_parser("stop", parents=[common, out], help=_("end the experiment early"))
    stop.add_argument("--reason", required=True, help=_("why, in a few words (kept)"))
    stop.set_defaults(func=cmd_stop)

    pause = ops.add_parser("pause", parents=[common, out], help=_("pause from today"))
    pause.add_argument("--reason", required=True, help=_("why, in a few words (kept)"))
    pause.set_defaults(func=cmd_pause)

    resume = ops.add_parser("resume", parents=[common, out], help=_("go on after a pause"))
    resume.set_defaults(func=cmd_resume)

    kept = ops.add_parser("kept", parents=[common, out], help=_("did you keep to it today?"))
    kept.add_argument("answer", choices=("yes", "partly", "no"), help=_("yes, partly or no"))
    kept.add_argument("--date", type=date_arg, default=None, help=_("the day (default today)"))
    kept.set_defaults(func=cmd_kept)


def _today(source: Source) -> dt.date:
    from twitchlog.diary.settings import diary_today

    return diary_today(source)


def _plan_json(plan: Plan, today: dt.date) -> dict[str, object]:
    return {
        "id": plan.id,
        "factor": plan.factor_key,
        "changed": plan.changed,
        "usual": plan.usual,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat() if plan.end else None,
        "block_days": plan.block_days,
        "pairs": plan.pairs,
        "washout_days": plan.washout_days,
        "seed": plan.seed,
        "orders": list(plan.orders),
        "outcome": plan.outcome,
        "state": plan.state(today),
        "status": plan.status_line(today),
        "pauses": [
            {"start": s.isoformat(), "end": e.isoformat() if e else None, "reason": r}
            for (s, e), r in zip(plan.pauses, plan.pause_reasons, strict=True)
        ],
        "stopped": plan.stopped.isoformat() if plan.stopped else None,
        "stop_reason": plan.stop_reason,
        "blocks": [
            {
                "block": b.number,
                "pair": b.pair,
                "condition": plan.condition_words(b.condition),
                "first": b.first.isoformat() if b.first else None,
                "last": b.last.isoformat() if b.last else None,
            }
            for b in plan.blocks()
        ],
    }


def _schedule(plan: Plan, today: dt.date) -> str:
    rows = []
    current = plan.plan_day(today)
    for b in plan.blocks():
        here = current is not None and current // plan.block_days == b.number - 1
        rows.append(
            (
                b.number,
                b.pair,
                plan.condition_words(b.condition),
                format_date(b.first) if b.first else _("after the pause"),
                format_date(b.last) if b.last else "",
                _("← today") if here else "",
            )
        )
    return table((_("Block"), _("Pair"), _("Condition"), _("From"), _("To"), ""), rows)


def _print_plan(plan: Plan, today: dt.date, extra: list[str]) -> None:
    print(plan.status_line(today))
    print(
        _(
            "Factor: {factor}; {pairs} pairs of {days}-day blocks, the first {washout} days "
            "of each not analysed; order drawn with seed {seed}."
        ).format(
            factor=_(plan.factor_label),
            pairs=plan.pairs,
            days=plan.block_days,
            washout=plan.washout_days,
            seed=plan.seed,
        )
    )
    print(_schedule(plan, today))
    for line in extra:
        print(line)


def cmd_plan(args: argparse.Namespace) -> int:
    from twitchlog.diary.experiments import plan_experiment, plan_warnings
    from twitchlog.diary.settings import day_start_hour

    db = open_db(args)
    with db.write() as source:
        today = _today(source)
        plan = plan_experiment(
            source,
            args.factor,
            changed=args.changed,
            usual=_("as usual") if args.usual is None else args.usual,
            start=rules.read_date_words(args.start, field="start").day(
                day_start_hour(source), allow_future=True
            ),
            today=today,
            block_days=args.block_days,
            pairs=args.pairs,
            washout_days=args.washout,
            outcome=args.outcome,
            seed=args.seed,
        )
        warnings = plan_warnings(source, plan)
    power = None
    if not args.no_power:
        from twitchlog.analysis.experiment_sim import plan_power, power_sentence

        est = plan_power(plan.block_days, plan.pairs, plan.washout_days)
        power = {"ratio": est.ratio, "found": est.clear, "runs": est.runs}
        sentence = power_sentence(est)
    if args.json:
        doc = _plan_json(plan, today) | {"warnings": warnings, "power": power}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    lines = [_("Warning: {warning}").format(warning=w) for w in warnings]
    if power is not None:
        lines.append(sentence)
    _print_plan(plan, today, lines)
    return 0


def _current_or_latest(source: Source, today: dt.date) -> Plan | None:
    from twitchlog.diary.experiments import current_experiment, latest_experiment

    return current_experiment(source, today) or latest_experiment(source)


def _none() -> int:
    from twitchlog.errors import NotFound

    raise NotFound(
        _(
            "There is no experiment yet; plan one with "
            "'twitchlog experiment plan FACTOR --changed \"…\"'."
        )
    )


def cmd_status(args: argparse.Namespace) -> int:
    from twitchlog.diary.experiments import kept_answers, plan_warnings

    db = open_db(args)
    with db.read() as source:
        today = _today(source)
        plan = _current_or_latest(source, today)
        if plan is None:
            return _none()
        warnings = plan_warnings(source, plan)
        kept = kept_answers(source, plan.id)
    if args.json:
        doc = _plan_json(plan, today) | {
            "warnings": warnings,
            "kept": {d.isoformat(): k for d, k in sorted(kept.items())},
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    lines = [_("Warning: {warning}").format(warning=w) for w in warnings]
    lines.append(
        _("Answered 'Did you keep to it?' on {days}.").format(days=plural(len(kept), "day"))
    )
    for (s, e), reason in zip(plan.pauses, plan.pause_reasons, strict=True):
        if e:
            said = _("Paused from {start} to {end}: {reason}")
        else:
            said = _("Paused from {start} (still paused): {reason}")
        lines.append(
            said.format(start=format_date(s), end=format_date(e) if e else "", reason=reason)
        )
    if plan.stopped:
        lines.append(
            _("Stopped on {day}: {reason}").format(
                day=format_date(plan.stopped), reason=plan.stop_reason
            )
        )
    _print_plan(plan, today, lines)
    return 0


def cmd_result(args: argparse.Namespace) -> int:
    from twitchlog.analysis.experiment import analyse_experiment, to_json_dict
    from twitchlog.analysis.sentences import verdict_words
    from twitchlog.diary.experiments import experiment_data, get_experiment, kept_answers

    db = open_db(args)
    with db.read() as source:
        today = _today(source)
        plan = get_experiment(source, args.id) if args.id else _current_or_latest(source, today)
        if plan is None:
            return _none()
        kept = kept_answers(source, plan.id)
        data = experiment_data(source, plan, today)
    result = analyse_experiment(plan, data, kept, today)
    if args.json:
        print(json.dumps(to_json_dict(result), indent=2, ensure_ascii=False))
        return 0
    print(
        _("Experiment {id}: {factor} — '{changed}' vs '{usual}'").format(
            id=plan.id, factor=_(plan.factor_label), changed=plan.changed, usual=plan.usual
        )
    )
    print(_("Result: {verdict}.").format(verdict=verdict_words(result.verdict)))
    for sentence in result.sentences:
        print(sentence)
    rows = []
    for p in result.pairs:
        rows.append(
            (
                p.pair,
                _fmt(p.changed.mean, p.changed.days),
                _fmt(p.usual.mean, p.usual.days),
                "" if p.difference is None else _signed(p.difference),
            )
        )
    print(table((_("Pair"), plan.changed, plan.usual, _("Difference")), rows))
    return 0


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "") + format_number(value, 2)


def _fmt(mean: float | None, days: int) -> str:
    if mean is None:
        return "—"
    return _("{mean} ({days} d)").format(mean=format_number(mean, 2), days=days)


def _change(args: argparse.Namespace, action: str) -> int:
    from twitchlog.diary import experiments as ex

    db = open_db(args)
    with db.write() as source:
        today = _today(source)
        plan = _current_or_latest(source, today)
        if action == "kept":
            plan = ex.experiment_on(source, args.date or today) or plan
        if plan is None:
            return _none()
        if action == "stop":
            plan = ex.stop_experiment(source, plan.id, args.reason, today)
        elif action == "pause":
            plan = ex.pause_experiment(source, plan.id, args.reason, today)
        elif action == "resume":
            plan = ex.resume_experiment(source, plan.id, today)
        else:
            ex.record_kept(source, plan.id, args.date or today, args.answer)
    if args.json:
        print(json.dumps(_plan_json(plan, today), indent=2, ensure_ascii=False))
    elif action == "kept":
        answer = {"yes": _("yes"), "no": _("no"), "partly": _("partly")}[args.answer]
        print(
            _("Kept to it on {day}: {answer}.").format(
                day=format_date(args.date or today), answer=answer
            )
        )
    else:
        print(plan.status_line(today))
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    return _change(args, "stop")


def cmd_pause(args: argparse.Namespace) -> int:
    return _change(args, "pause")


def cmd_resume(args: argparse.Namespace) -> int:
    return _change(args, "resume")


def cmd_kept(args: argparse.Namespace) -> int:
    return _change(args, "kept")
