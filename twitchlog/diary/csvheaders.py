"""The CSV files' column headers in the user's language, read back in any of ours.

One table per file kind maps each column key (what the code uses) to its English header;
the header in another language comes from the catalogue. Exports write `header()`, every
importer finds a column with `column_key()`, so a file written in English or German
imports into a diary kept in either. Only headers are translated: values stay
machine-readable (ISO dates, decimal points, the yes/no vocabulary of rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from twitchlog.diary.csvfiles import at_line, plain_text
from twitchlog.errors import ImportFailed
from twitchlog.i18n import LANGUAGES, N_, _, translator

Columns = Mapping[str, str]
"""Column key → English header, in the order the file writes them."""

EPISODES: Columns = {
    "started_at": N_("started_at"),
    "severity": N_("severity"),
    "duration_s": N_("duration_s"),
    "regions": N_("regions"),
    "count": N_("count"),
    "signs": N_("signs"),
    "notes": N_("notes"),
}
"""The episodes file (diary.transfer); its English headers are the column keys."""

DAYS: Columns = {
    "date": N_("date"),
    "no_twitches": N_("no_twitches"),
    "note": N_("note"),
}
"""The days file's own columns; between date and no_twitches come the factor keys, which
stay as typed on the command line (sleep_h) in every language."""

DOCTOR: Columns = {
    "date": N_("Date"),
    "checked": N_("Checked in"),
    "episodes": N_("Episodes"),
    "max_severity": N_("Highest severity (1–4)"),
    "mean_severity": N_("Average severity (1–4)"),
    "minutes": N_("Total duration (min)"),
    "places": N_("Places"),
    "signs": N_("Warning signs"),
    "treatments": N_("Treatments"),
    "injection": N_("Injection"),
    "side_effects": N_("Injection side effects"),
    "felt": N_("Felt wearing off"),
    "note": N_("Note"),
}
"""The doctor CSV (report.doctor_csv writes it, diary.doctor_import reads it); between the
leading and trailing columns come the factors' headings ('Caffeine (mg)')."""
DOCTOR_LEADING = (
    "date",
    "checked",
    "episodes",
    "max_severity",
    "mean_severity",
    "minutes",
    "places",
    "signs",
)
DOCTOR_TRAILING = ("treatments", "injection", "side_effects", "felt", "note")


def header(columns: Columns, keys: Iterable[str] | None = None) -> list[str]:
    """The headers to write, in the user's language (all of the table's, or `keys`)."""
    return [_(columns[key]) for key in (columns if keys is None else keys)]


def spellings(english: str) -> frozenset[str]:
    """Every way one of our files may write a header or label: English and each language's
    translation, case-folded."""
    return frozenset(
        {english.casefold(), *(translator(code).gettext(english).casefold() for code in LANGUAGES)}
    )


def cell_name(cell: str) -> str:
    """A header cell as compared: without the formula guard, spaces or a byte-order mark."""
    return plain_text(cell.strip().lstrip("\ufeff")).strip().casefold()


def column_key(columns: Columns, cell: str) -> str | None:
    """The key of the column a header cell names, in any of our languages; None if none.

    The one header lookup of every importer."""
    name = cell_name(cell)
    for key, english in columns.items():
        if name in spellings(english):
            return key
    return None


def column_keys(columns: Columns, cells: Iterable[str]) -> list[str | None]:
    """`column_key` of each header cell, refusing a column named twice in two languages
    ('date' and 'Datum'): one of the two would otherwise be silently dropped."""
    keys: list[str | None] = []
    first: dict[str, int] = {}
    for i, cell in enumerate(cells, 1):
        key = column_key(columns, cell)
        if key is not None and key in first:
            raise ImportFailed(
                [
                    at_line(
                        1,
                        _(
                            "columns {first} and {second} are both '{name}' (in two "
                            "languages); keep one and delete the other."
                        ).format(first=first[key], second=i, name=_(columns[key])),
                    )
                ]
            )
        if key is not None:
            first[key] = i
        keys.append(key)
    return keys
