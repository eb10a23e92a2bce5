"""The `twitchlog` command: argparse over the same diary functions the window uses."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from twitchlog import __version__
from twitchlog.errors import DiaryError
from twitchlog.i18n import _

# Which module registers each command: a command line builds only its own command's
# parser (argparse for all of them costs ~30 ms, most of what `twitchlog log` may take).
# tests/core/test_cli_entries.py checks this table against what the modules register.
COMMAND_MODULE = {
    "log": "twitchlog.cli.entries",
    "day": "twitchlog.cli.entries",
    "list": "twitchlog.cli.entries",
    "settings": "twitchlog.cli.entries",
    "factor": "twitchlog.cli.catalog_cmds",
    "treatment": "twitchlog.cli.catalog_cmds",
    "injection": "twitchlog.cli.injections",
    "cycles": "twitchlog.cli.injections",
    "export": "twitchlog.cli.files",
    "import": "twitchlog.cli.files",
    "demo": "twitchlog.cli.files",
    "analyze": "twitchlog.cli.analyze",
    "backup": "twitchlog.cli.maintenance",
    "restore": "twitchlog.cli.maintenance",
    "check": "twitchlog.cli.maintenance",
    "chart": "twitchlog.cli.chart_cmd",
    "report": "twitchlog.cli.report_cmd",
    "gui": "twitchlog.cli.gui_cmd",
    "experiment": "twitchlog.cli.experiment",
    "desktop": "twitchlog.cli.desktop_cmd",
}
_COMMAND_MODULES = tuple(dict.fromkeys(COMMAND_MODULE.values()))  # each feature owns one


def build_parser(modules: Sequence[str] = _COMMAND_MODULES) -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="twitchlog",
        description=_(
            "A private diary for facial twitching. Without a command it opens the window."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"twitchlog {__version__}",
        help=_("show the version and exit"),
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help=_("diary file (default: $TWITCHLOG_DB, else the user data folder)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from twitchlog.cli.argwords import speak_our_language
    from twitchlog.cli.output import escaped_output

    speak_our_language()  # argparse's "usage:", "options", errors: in the user's language
    try:
        with escaped_output():  # a note with terminal escapes is shown, not obeyed
            try:
                return _run(list(sys.argv[1:] if argv is None else argv))
            finally:
                sys.stdout.flush()  # a reader that went away shows here, not at exit
    except BrokenPipeError:
        return _reader_gone()
    finally:
        # The process ends next: what it made stays out of the garbage collector's sight,
        # so the full collection at exit skips it (~7 ms of a one-year `export doctor`).
        gc.freeze()


# How a shell reports a command ended by SIGPIPE (128 + 13), as `yes | head -1` ends.
_READER_GONE = 141


def _reader_gone() -> int:
    """The output's reader closed early (`twitchlog list | head -1`): stop quietly, as Unix
    tools do. What is left in the buffer goes to /dev/null, so Python's own flush at exit
    has nowhere to fail either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (a test's capture)
        pass
    return _READER_GONE


def _run(argv: list[str]) -> int:
    if not argv or argv[0].startswith("--db"):
        argv = ["gui", *argv]  # no command opens the window
    if argv[0] in COMMAND_MODULE:
        args = build_parser((COMMAND_MODULE[argv[0]],)).parse_args(argv)
    elif not argv[0].startswith("-"):  # a mistyped command: say what was probably meant
        from twitchlog.words import did_you_mean

        print(
            _(
                "twitchlog: there is no command '{command}'.{did_you_mean} "
                "'twitchlog --help' lists them all."
            ).format(command=argv[0], did_you_mean=did_you_mean(argv[0], COMMAND_MODULE)),
            file=sys.stderr,
        )
        return 2
    else:  # --help, --version, or a mistyped command: argparse needs them all
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
        print(_("twitchlog: stopped; nothing half-written was kept."), file=sys.stderr)
        return 130
    except Exception as exc:  # full disk, I/O error, damage: say it in words
        from twitchlog.db.errors import explain

        error = explain(exc)
        if error is None:
            raise
        print(f"twitchlog: {error}", file=sys.stderr)
        return 2
    finally:
        common = sys.modules.get("twitchlog.cli.common")
        if common is not None:
            common.close_opened()  # closed before the lock goes: a restore may then swap it
        lock = sys.modules.get("twitchlog.db.lock")
        if lock is not None:  # never imported: this command took no lock (the window's own
            lock.release_command_locks()  # goes with it); a waiting restore may go ahead


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
