"""Figures built from plain diary data (matplotlib object API, never pyplot, no Qt, no DB).

Every chart has a `build_<name>(..., fig=None, theme=None) -> Figure` that draws into a
given Figure (the window's canvas, a PDF page) or a new one. `twitchlog.charts.render`
ties them to the names the CLI and the window use. Importing this package is cheap:
matplotlib loads only when a chart module is imported.
"""

CHART_NAMES: tuple[str, ...] = (
    "timeline",
    "triggers",
    "factor",
    "calendar",
    "face",
    "hours",
    "treatments",
)

CHART_TITLES: dict[str, str] = {
    "timeline": "Timeline",
    "triggers": "Triggers",
    "factor": "One factor",
    "calendar": "Calendar",
    "face": "Face map",
    "hours": "Time of day",
    "treatments": "Treatments",
}
