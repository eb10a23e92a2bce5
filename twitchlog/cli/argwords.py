"""argparse's own words ("usage:", "options", "the following arguments are required: %s")
in the user's language, from our catalogue (cli.po).

Why this way: Python 3.11's argparse has no public hook for its words. It runs them through
`_` and `ngettext`, names it imports from the stdlib `gettext` module, whose lookup reads the
process-wide default domain ("messages") from the system's locale folders, chosen by the
environment alone. Binding that domain to our folder would redirect every other user of
`gettext.gettext` in the process, need a separate `messages.mo` outside our chained
catalogue, and ignore `i18n.set_language`. Instead those two names in argparse's module
are pointed at our one layer (`i18n._`, `i18n.ngettext`), looked up each time argparse
makes a message: argparse's exact msgids (checked against its 3.11 source) are translated
in cli.po like any other message, and the language follows `i18n.set_language`. Only the
words a user meets are translated; programming errors (conflicting options) stay English.
"""

from __future__ import annotations

import argparse

from twitchlog import i18n
from twitchlog.i18n import _


def _argparse_gettext(message: str | None) -> str | None:
    # argparse asks for _(None) when a subparser group has no description.
    return None if message is None else _(message)


def typed_with_meaning(titles: dict[str, str]) -> str:
    """'timeline (Zeitverlauf), face (Gesichtskarte)': the English word to type, and what it
    means in the user's language (left out where it only repeats the word)."""
    return ", ".join(
        key if _(title).lower() == key else f"{key} ({_(title)})" for key, title in titles.items()
    )


def speak_our_language() -> None:
    """Make argparse look its words up in our catalogue (idempotent, cheap)."""
    setattr(argparse, "_", _argparse_gettext)  # noqa: B010 (argparse declares no such name)
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010
