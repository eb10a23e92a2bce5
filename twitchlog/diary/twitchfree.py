"""The one rule between a day's "no twitches" flag and that day's episodes.

A day checked in as "no twitches" holds no episode. Setting the flag on a day with
twitches is refused (check-in, days import, demo); writing a twitch on a flagged day
(log, edit, undo, episodes import) corrects the day by clearing the flag, because the
twitch is the newer and more specific record. Every writer calls these two functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from twitchlog.db.lite import Source, dbapi
from twitchlog.diary.csvfiles import at_line
from twitchlog.errors import ImportFailed, ValidationError
from twitchlog.i18n import _, format_date
from twitchlog.words import plural


def twitches_on(source: Source, dates: Iterable[dt.date]) -> dict[dt.date, int]:
    """How many episodes each of these diary days holds (days without any are left out)."""
    conn = dbapi(source)
    wanted = sorted({d.isoformat() for d in dates})
    found: dict[dt.date, int] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        for day, n in conn.execute(
            f"SELECT diary_date, COUNT(*) FROM episode WHERE diary_date IN ({marks}) "
            "GROUP BY diary_date",
            chunk,
        ):
            found[dt.date.fromisoformat(day)] = n
    return found


def refuse_flag_on_twitch_days(
    source: Source, dates: Iterable[dt.date], lines: Mapping[dt.date, int] | None = None
) -> None:
    """Refuse "no twitches" for any of these days that holds a twitch, naming each one.

    `lines` (date -> line of a file) makes the sentences name the line of an import.
    """
    logged = twitches_on(source, dates)
    if not logged:
        return
    problems = []
    for day, n in sorted(logged.items()):
        sentence = _(
            "You logged {twitches} on {date}; delete them first or leave out 'no twitches today'."
        ).format(twitches=plural(n, "twitch"), date=format_date(day))
        if lines is None:
            raise ValidationError(sentence, "no_twitches")
        problems.append(at_line(lines[day], sentence))
    raise ImportFailed(problems)


def clear_flag(source: Source, dates: Iterable[dt.date]) -> None:
    """A twitch written on a day checked in as "no twitches" corrects that day."""
    dbapi(source).executemany(
        "UPDATE day SET no_twitches = 0 WHERE date = ? AND no_twitches",
        [(d.isoformat(),) for d in set(dates)],
    )
