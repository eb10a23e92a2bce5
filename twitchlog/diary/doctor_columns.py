"""The doctor CSV's column names and day states, shared by its writer and its reader."""

from __future__ import annotations

COL_DATE = "Date"
COL_CHECKED = "Checked in"
COL_EPISODES = "Episodes"
COL_MAX_SEV = "Highest severity (1–4)"
COL_MEAN_SEV = "Average severity (1–4)"
COL_MINUTES = "Total duration (min)"
COL_PLACES = "Places"
COL_SIGNS = "Warning signs"
COL_TREATMENTS = "Treatments"
COL_NOTE = "Note"
COL_INJECTION = "Injection"
COL_SIDE_EFFECTS = "Injection side effects"
COL_FELT = "Felt wearing off"
LEADING_COLUMNS = (
    COL_DATE,
    COL_CHECKED,
    COL_EPISODES,
    COL_MAX_SEV,
    COL_MEAN_SEV,
    COL_MINUTES,
    COL_PLACES,
    COL_SIGNS,
)
TRAILING_COLUMNS = (COL_TREATMENTS, COL_INJECTION, COL_SIDE_EFFECTS, COL_FELT, COL_NOTE)
SUMMARY_COLUMNS = frozenset(c.casefold() for c in (*LEADING_COLUMNS, *TRAILING_COLUMNS))

CHECKED_YES = "yes"
CHECKED_EPISODES_ONLY = "no (only episodes logged)"
CHECKED_UNKNOWN = "no (unknown day)"
