"""The `twitchlog` command: argparse over the same diary functions the window uses."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from twitchlog import __version__
from twitchlog.errors import DiaryError

# Each module adds its subcommands; a feature owns its own module.
_COMMAND_MODULES = (
    "twitchlog.cli.entries",
    "twitchlog.cli.catalog_cmds",
    "twitchlog.cli.files",
    "twitchlog.cli.analyze",
    "twitchlog.cli.maintenance",
    "twitchlog.cli.chart_cmd",
    "twitchlog.cli.report_cmd",
    "twitchlog.cli.gui_cmd",
)


def build_parser(modules: Sequence[str] = _COMMAND_MODULES) -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="twitchlog",
        description="A private diary for facial twitching. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"twitchlog {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help="diary file or SQLAlchemy URL (default: $TWITCHLOG_DB, else the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] == "gui" or argv[0].startswith("--db"):
        # Opening the window is the common case: register only the gui command so the
        # start-up path never imports the database layer before the window is painted.
        parser = build_parser(("twitchlog.cli.gui_cmd",))
        args = parser.parse_args(argv if argv[:1] == ["gui"] else ["gui", *argv])
    else:
        args = build_parser().parse_args(argv)
    if not getattr(args, "func", None):
        build_parser().print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except DiaryError as exc:
        print(f"twitchlog: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("twitchlog: stopped; nothing half-written was kept.", file=sys.stderr)
        return 130
    except Exception as exc:  # full disk, I/O error, damage: say it in words
        from twitchlog.db.errors import explain

        error = explain(exc)
        if error is None:
            raise
        print(f"twitchlog: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
