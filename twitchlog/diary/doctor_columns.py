"""The doctor CSV's columns and day states, shared by its writer and its reader.

The column names themselves are the DOCTOR table of diary.csvheaders (written in the
user's language, read in any of ours); the day states are cell values and stay as they
are, so a file reads back the same whatever language wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable

from twitchlog.diary.csvheaders import DOCTOR, DOCTOR_LEADING, DOCTOR_TRAILING, header
from twitchlog.diary.records import Factor
from twitchlog.i18n import N_

LEADING_COLUMNS = tuple(DOCTOR[key] for key in DOCTOR_LEADING)
TRAILING_COLUMNS = tuple(DOCTOR[key] for key in DOCTOR_TRAILING)
"""The English headers around the factor columns (the table's order)."""

CHECKED_YES = N_("yes")
CHECKED_EPISODES_ONLY = N_("no (only episodes logged)")
CHECKED_UNKNOWN = N_("no (unknown day)")
"""The 'Checked in' cell, written in the user's language (read back in any: the yes/no
word before the remark, rules.parse_yes_no)."""


def doctor_header(factors: Iterable[Factor]) -> list[str]:
    """The header row in the user's language: summaries, each factor's heading, the rest."""
    return [
        *header(DOCTOR, DOCTOR_LEADING),
        *(f.heading for f in factors),
        *header(DOCTOR, DOCTOR_TRAILING),
    ]
