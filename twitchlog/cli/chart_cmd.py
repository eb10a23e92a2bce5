"""`twitchlog chart NAME --out FILE.png|svg|pdf`: draw one chart without a window (Agg)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from twitchlog.catalog import OUTCOMES
from twitchlog.charts import CHART_NAMES, CHART_TITLES
from twitchlog.cli.argwords import typed_with_meaning
from twitchlog.cli.common import check_period, date_arg, open_db
from twitchlog.errors import DiaryError, ValidationError
from twitchlog.i18n import N_, _

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NAMES = (*CHART_NAMES, "cycles")  # cycles: always the whole diary (see charts.cycles)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "chart",
        parents=[common],
        help=_("draw a chart into a PNG, SVG or PDF file"),
        description=_("Draw one chart of the diary into a file."),
    )
    p.add_argument(
        "name",
        choices=NAMES,
        metavar="NAME",
        help=_("one of: {names}").format(
            names=typed_with_meaning({**CHART_TITLES, "cycles": N_("Injection cycles")})
        ),
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help=_("FILE.png, FILE.svg or FILE.pdf"),
    )
    p.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help=_("first day"))
    p.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help=_("last day"))
    p.add_argument(
        "--factor",
        metavar="KEY",
        help=_("factor for the timeline's second axis and the factor chart"),
    )
    p.add_argument(
        "--outcome",
        choices=OUTCOMES,
        default="count",
        help=_("what to count per day: count (default), severity or duration"),
    )
    p.add_argument("--dark", action="store_true", help=_("dark background"))
    p.add_argument("--dpi", type=int, default=100, help=_("PNG resolution (default 100)"))
    p.set_defaults(func=cmd_chart)


def cmd_chart(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg", "pdf"):
        raise ValidationError(
            _("Give the output file a .png, .svg or .pdf name, not '{name}'.").format(
                name=args.out.name
            ),
            "out",
        )
    db = open_db(args)  # dates in words are resolved with the diary's day-start hour
    check_period(args.start, args.end)
    from twitchlog.charts.render import compute, draw
    from twitchlog.charts.theme import DARK, LIGHT
    from twitchlog.diary.dataset import load_daily_data, load_episode_points

    if args.name == "cycles":
        from twitchlog.charts.cycles import build_cycles
        from twitchlog.diary.injections import load_cycles

        with db.read() as session:
            report = load_cycles(session, args.outcome).report
        fig = build_cycles(report, args.outcome, theme=DARK if args.dark else LIGHT)
        return _save(fig, args)
    with db.read() as session:
        data = load_daily_data(session, args.start, args.end)
        points = load_episode_points(session, args.start, args.end)
    if args.factor is not None and args.factor not in data.factor_info:
        known = ", ".join(sorted(data.factor_info)) or _("none yet")
        raise DiaryError(
            _("There is no factor called '{key}'. Known factors: {known}.").format(
                key=args.factor, known=known
            )
        )
    needs_analysis = args.name in ("triggers", "treatments") or (
        args.factor is None and args.name in ("timeline", "factor")
    )
    inputs = compute(data, points, args.outcome, analyse=needs_analysis)
    fig = draw(args.name, inputs, args.factor, theme=DARK if args.dark else LIGHT)
    return _save(fig, args)


def _save(fig: Figure, args: argparse.Namespace) -> int:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from twitchlog.charts.render import save_figure

    FigureCanvasAgg(fig)  # the Agg canvas: no display needed
    try:
        save_figure(fig, args.out, dpi=max(50, min(args.dpi, 600)))
    except OSError as exc:
        raise DiaryError(
            _("Could not write {file}: {reason}.").format(file=args.out, reason=exc.strerror or exc)
        ) from None
    print(_("Wrote the {name} chart to {file}.").format(name=args.name, file=args.out))
    return 0
