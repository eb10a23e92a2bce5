"""Figures built from plain diary data (matplotlib object API, never pyplot, no Qt, no DB).

Every chart has a `build_<name>(..., fig=None, theme=None) -> Figure` that draws into a
given Figure (the window's canvas, a PDF page) or a new one. `twitchlog.charts.render`
ties them to the names the CLI and the window use. Importing this package is cheap:
matplotlib loads only when a chart module is imported.
"""

from twitchlog.i18n import N_

CHART_NAMES: tuple[str, ...] = (
    "timeline",
    "triggers",
    "factor",
    "calendar",
    "face",
    "hours",
    "treatments",
)

CHART_TITLES: dict[str, str] = {  # shown through _() (marked here, translated where shown)
    "timeline": N_("Timeline"),
    "triggers": N_("Triggers"),
    "factor": N_("One factor"),
    "calendar": N_("Calendar"),
    "face": N_("Face map"),
    "hours": N_("Time of day"),
    "treatments": N_("Treatments"),
}
