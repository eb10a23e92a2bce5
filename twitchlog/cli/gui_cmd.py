"""`twitchlog gui` (and `twitchlog` alone): open the window, or render a view to a PNG."""

from __future__ import annotations

import argparse

from twitchlog.cli.argwords import typed_with_meaning
from twitchlog.i18n import N_, _

VIEW_TITLES = {
    "today": N_("Today"),
    "checkin": N_("Check-in"),
    "history": N_("History"),
    "charts": N_("Charts"),
    "settings": N_("Settings"),
}
VIEW_NAMES = tuple(VIEW_TITLES)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("gui", parents=[common], help=_("open the diary window (the default)"))
    p.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help=_(
            "render the window offscreen into a PNG at its first paint (what you see the "
            "moment it opens), then exit"
        ),
    )
    p.add_argument(
        "--wait-loaded",
        action="store_true",
        help=_(
            "with --screenshot: wait until the diary is open and the view is filled "
            "(for documentation pictures)"
        ),
    )
    p.add_argument(
        "--minimized",
        action="store_true",
        help=_("start minimised (how the start-at-login entry opens it: the reminder runs)"),
    )
    p.add_argument(
        "--view",
        default=None,
        metavar="VIEW",
        help=_("which view: {names}").format(names=typed_with_meaning(VIEW_TITLES)),
    )
    p.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    from twitchlog.gui.app import run  # Qt is imported only when the window is wanted

    if args.wait_loaded and not args.screenshot:
        from twitchlog.errors import ValidationError

        raise ValidationError(_("--wait-loaded goes with --screenshot FILE.png."), "wait_loaded")
    view = args.view
    if view is not None and view not in VIEW_NAMES:
        from twitchlog.gui.main_window import VIEWS

        if view not in {v[0] for v in VIEWS}:
            from twitchlog.errors import ValidationError

            names = ", ".join(v[0] for v in VIEWS)
            raise ValidationError(
                _("There is no view '{view}'; pick one of: {names}.").format(
                    view=view, names=names
                ),
                "view",
            )
    return run(getattr(args, "db", None), args.screenshot, view, args.wait_loaded, args.minimized)
