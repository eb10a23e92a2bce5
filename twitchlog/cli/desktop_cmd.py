"""`twitchlog desktop install|remove`: a launcher and icon for this installation."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from twitchlog.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "desktop",
        help=_("add twitchlog to your desktop's applications (launcher and icon), or remove it"),
        description=_(
            "Write a launcher for this installation's twitchlog command (by absolute "
            "path, so a pipx or venv install starts without being on PATH) and its icon into "
            "your user folders ($XDG_DATA_HOME, $XDG_CONFIG_HOME). Nothing outside your home "
            "folder is touched."
        ),
    )
    p.add_argument("action", choices=("install", "remove"), help=_("install or remove"))
    p.add_argument(
        "--autostart",
        action="store_true",
        help=_(
            "with install: also start twitchlog (minimised) at login, so the daily "
            "reminder comes; switch it off in Settings or with 'desktop remove'"
        ),
    )
    p.set_defaults(func=cmd_desktop)


def cmd_desktop(args: argparse.Namespace) -> int:
    from twitchlog import launcher

    if args.action == "remove":
        if args.autostart:
            from twitchlog.errors import ValidationError

            raise ValidationError(_("--autostart goes with install; remove takes it away too."))
        removed = launcher.remove()
        for path in removed:
            print(_("Removed {path}").format(path=path))
        if not removed:
            print(_("There was no twitchlog launcher to remove."))
        return 0
    from twitchlog.gui.icons import render_png  # Qt only for drawing the PNG sizes

    done = launcher.install(render_png, autostart=args.autostart)
    print(_("Launcher: {path}").format(path=done.entry))
    print(_("Starts:   {command}").format(command=" ".join(launcher.command())))
    print(
        _("Icons:    {n} in {folder}").format(
            n=len(done.icons), folder=launcher.data_home() / "icons" / "hicolor"
        )
    )
    if done.autostart:
        print(_("Starts at login: {path}").format(path=done.autostart))
    return _validate([done.entry, *([done.autostart] if done.autostart else [])])


def _validate(paths: list[Path]) -> int:
    """Check the entries with desktop-file-validate when the desktop has it (most do)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        return 0
    result = subprocess.run([tool, *map(str, paths)], capture_output=True, text=True)
    if result.returncode != 0 or result.stdout.strip():
        print(
            _("twitchlog: desktop-file-validate objected:\n{said}").format(
                said=result.stdout + result.stderr
            )
        )
        return 2
    return 0
