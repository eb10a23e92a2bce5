"""Chart names → figures: the one place the CLI, the window and the report share.

`compute()` does the slow part (analysis over the loaded arrays) and may run on a worker
thread; `draw()` only builds the Figure and belongs on the thread that shows it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from twitchlog.analysis.data import DailyData, EpisodePoints
from twitchlog.charts import CHART_NAMES
from twitchlog.charts.common import factors_with_data
from twitchlog.charts.theme import Theme
from twitchlog.i18n import _

if TYPE_CHECKING:  # the analysis is imported by compute(), not with this module
    from twitchlog.analysis.treatments import InjectionCycles, TreatmentResult
    from twitchlog.analysis.triggers import TriggerReport


@dataclass
class ChartInputs:
    """Everything the charts draw from, for one date range and outcome."""

    data: DailyData
    points: EpisodePoints
    outcome: str = "count"
    report: TriggerReport | None = None
    treatments: tuple[TreatmentResult, ...] = ()
    cycles: InjectionCycles | None = None
    factors: list[str] = field(default_factory=list)

    def default_factor(self) -> str | None:
        """The factor of the strongest finding, else the first factor with data."""
        if self.report is not None:
            for f in self.report.findings:
                if f.verdict != "not enough data" and f.factor in self.factors:
                    return f.factor
        return self.factors[0] if self.factors else None


def compute(
    data: DailyData, points: EpisodePoints, outcome: str = "count", *, analyse: bool = True
) -> ChartInputs:
    """Run the analysis the trigger and treatment charts need (seconds on years of data)."""
    report = None
    treatments: tuple[TreatmentResult, ...] = ()
    cycles = None
    if analyse and data.n_days:
        from twitchlog.analysis.treatments import injection_cycles
        from twitchlog.analysis.triggers import analyze_triggers

        report = analyze_triggers(data, outcome=outcome)
        treatments = tuple(report.treatments)
        cycles = injection_cycles(data, outcome=outcome)
    return ChartInputs(data, points, outcome, report, treatments, cycles, factors_with_data(data))


def draw(
    name: str,
    inputs: ChartInputs,
    factor: str | None = None,
    *,
    fig: Figure | None = None,
    theme: Theme | None = None,
) -> Figure:
    """Build chart `name` into `fig` (or a new Figure)."""
    if name not in CHART_NAMES:
        raise ValueError(
            _("There is no chart called '{name}'; choose one of {names}.").format(
                name=name, names=", ".join(CHART_NAMES)
            )
        )
    d, o = inputs.data, inputs.outcome
    from twitchlog.charts.base import empty_figure
    from twitchlog.charts.needs import missing

    key = factor or inputs.default_factor()
    lack = missing(
        name, d, inputs.points, factor=key, treatments=inputs.treatments, cycles=inputs.cycles
    )
    if lack is not None:
        return empty_figure(fig, theme, lack.message, lack.hint)
    if name == "timeline":
        from twitchlog.charts.timeline import build_timeline

        return build_timeline(d, o, key, fig=fig, theme=theme)
    if name == "triggers":
        from twitchlog.charts.forest import build_triggers

        return build_triggers(inputs.report, fig=fig, theme=theme)
    if name == "factor":
        from twitchlog.charts.factor import build_factor

        assert key is not None  # `missing` said so
        return build_factor(d, key, o, fig=fig, theme=theme)
    if name == "calendar":
        from twitchlog.charts.calendar import build_calendar

        return build_calendar(d, o, fig=fig, theme=theme)
    if name == "face":
        from twitchlog.charts.face import build_face

        return build_face(inputs.points, fig=fig, theme=theme)
    if name == "hours":
        from twitchlog.charts.hours import build_hours

        return build_hours(inputs.points, d, o, fig=fig, theme=theme)
    from twitchlog.charts.treatments import build_treatments

    return build_treatments(inputs.treatments, inputs.cycles, o, fig=fig, theme=theme)


SAVE_FORMATS = ("png", "svg", "pdf")


def save_figure(fig: Figure, path: str | os.PathLike[str], dpi: int = 110) -> None:
    """Write PNG/SVG/PDF by the file's suffix via a private atomic write (text stays text)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from twitchlog.safefile import atomic_write

    fmt = os.fspath(path).rsplit(".", 1)[-1].lower() if "." in os.fspath(path) else ""
    if fmt not in SAVE_FORMATS:
        raise ValueError(
            _("Save a chart as .png, .svg or .pdf, not '{path}'.").format(path=os.fspath(path))
        )
    if fig.canvas is None or not hasattr(fig.canvas, "print_figure"):
        FigureCanvasAgg(fig)
    with (
        matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}),
        atomic_write(path, binary=True) as fh,
    ):
        fig.savefig(
            fh,
            format=fmt,
            dpi=dpi,
            facecolor=fig.get_facecolor(),
            metadata={"Software": None} if fmt == "png" else None,
        )
