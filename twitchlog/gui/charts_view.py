"""The Charts view: pick a date range, outcome, factor and chart; hover for values; save.

matplotlib (and the analysis' scipy) load only when the view is first shown. Loading the
diary and running the analysis happen off the UI thread through the injected
`run_task(fn, on_done, on_error)` (fn gets the diary's sqlite3 connection, like the main
window's task runner's `read`); the Figure is drawn here on the UI thread and reused across
switches.

Each range is loaded (indexed queries for just its days) and analysed once per diary
version: an `InputsCache` keeps the results until `refresh()` says the diary changed, so
switching back to a range, or to another chart or factor, only draws.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from twitchlog.charts import CHART_NAMES, CHART_TITLES
from twitchlog.gui.operations import RunRead
from twitchlog.gui.qdates import to_date
from twitchlog.gui.tasks import WorkerConnection
from twitchlog.gui.translate import date_pattern
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import N_, _

RANGES: tuple[tuple[str, int | None], ...] = (
    (N_("Last 30 days"), 30),
    (N_("Last 90 days"), 90),
    (N_("Last 365 days"), 365),
    (N_("All"), None),
    (N_("Custom…"), -1),
)
OUTCOME_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("Number of twitches"), "count"),
    (N_("Severity"), "severity"),
    (N_("Minutes of twitching"), "duration"),
)
USES_FACTOR = ("timeline", "factor")
LOADING_PAINT_MS = 15  # long enough for the "Loading…" text to be painted first
Span = tuple[dt.date | None, dt.date | None]  # a chosen range; None: the diary's own end
K = TypeVar("K")
V = TypeVar("V")

if TYPE_CHECKING:  # imported when the view first loads a range, off the start-up path
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from twitchlog.analysis.data import DailyData, EpisodePoints
    from twitchlog.charts.render import ChartInputs
    from twitchlog.charts.theme import Theme
    from twitchlog.db.lite import Source


class InputsCache:
    """Loaded and analysed ranges of one diary version, most recently used kept.

    Lives on the worker side: only jobs on the runner's one worker thread touch it. The
    UI thread passes the diary `generation` it wants (bumped by the window's own writes)
    and the job adds the diary's `data_version` (bumped by other programs' writes, e.g.
    `twitchlog log` in a terminal); either change empties the cache.
    """

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.generation: object = 0
        self._arrays: OrderedDict[Span, tuple[DailyData, EpisodePoints]] = OrderedDict()
        self._inputs: OrderedDict[tuple[Span, str], ChartInputs] = OrderedDict()

    def use(self, generation: object) -> None:
        """Forget everything loaded from an older diary version."""
        if generation != self.generation:
            self.generation = generation
            self._arrays.clear()
            self._inputs.clear()

    def arrays(
        self, key: Span, load: Callable[[], tuple[DailyData, EpisodePoints]]
    ) -> tuple[DailyData, EpisodePoints]:
        return self._memo(self._arrays, key, load)

    def inputs(self, key: tuple[Span, str], make: Callable[[], ChartInputs]) -> ChartInputs:
        return self._memo(self._inputs, key, make)

    def _memo(self, store: OrderedDict[K, V], key: K, make: Callable[[], V]) -> V:
        if key in store:
            store.move_to_end(key)
            return store[key]
        value = store[key] = make()
        while len(store) > self.size:
            store.popitem(last=False)
        return value


def load_inputs(
    session: Source,
    start: dt.date | None,
    end: dt.date | None,
    outcome: str,
    last_days: int | None,
    cache: InputsCache | None = None,
) -> ChartInputs:
    """Worker side: the ChartInputs for a range and outcome (no Qt, no drawing).

    Loads and analyses only what `cache` does not hold yet (no cache: always both).
    """
    from twitchlog.charts.render import compute
    from twitchlog.diary import ranges
    from twitchlog.diary.dataset import load_daily_data, load_episode_points

    if last_days:
        start, end = ranges.last_days(session, last_days)
    cache = cache or InputsCache()

    def load() -> tuple[DailyData, EpisodePoints]:
        return load_daily_data(session, start, end), load_episode_points(session, start, end)

    def analyse() -> ChartInputs:
        data, points = cache.arrays((start, end), load)
        return compute(data, points, outcome)

    return cache.inputs(((start, end), outcome), analyse)


class ChartsView(QWidget):
    """Charts of the diary; `refresh()` after the diary changed, `set_theme()` on palette change."""

    drawn = Signal(str)  # chart name, after each (re)draw
    failed = Signal(str)

    def __init__(self, run_task: RunRead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsView")
        self._run_task = run_task
        self._inputs: ChartInputs | None = None
        self._request = 0
        self._cache = InputsCache()  # used by worker jobs only
        self._generation = 0  # bumped by refresh(): the diary changed
        self._stale = False  # the diary changed while the view was hidden
        self._canvas: FigureCanvasQTAgg | None = None
        self._figure: Figure | None = None
        self._theme: Theme | None = None
        self._shown = False
        self.timing: dict[str, float] = {}

        self.range_box = QComboBox(accessibleName="Date range", toolTip="Which days to chart")
        for text, _days in RANGES:
            self.range_box.addItem(_(text))
        self.range_box.setCurrentIndex(2)
        self.from_edit = QDateEdit(
            calendarPopup=True, accessibleName="From date", toolTip="First day of the custom range"
        )
        self.to_edit = QDateEdit(
            calendarPopup=True, accessibleName="To date", toolTip="Last day of the custom range"
        )
        for e in (self.from_edit, self.to_edit):
            e.setDisplayFormat(date_pattern())
            e.setVisible(False)
        today = QDate.currentDate()
        self.from_edit.setDate(today.addDays(-89))
        self.to_edit.setDate(today)
        self.outcome_box = QComboBox(
            accessibleName="Outcome", toolTip="What to count per day: twitches, severity or minutes"
        )
        for text, key in OUTCOME_CHOICES:
            self.outcome_box.addItem(_(text), key)
        self.factor_box = QComboBox(
            accessibleName="Factor", toolTip="The factor shown on the timeline and in detail"
        )
        # As wide as its longest factor name ("Warm compress" was cut to "Warm co").
        self.factor_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.save_button = QPushButton(
            "Save as…", toolTip="Save this chart as PNG or SVG", accessibleName="Save chart"
        )
        self.status = QLabel("", accessibleName="Chart status")
        self.tabs = QTabBar(accessibleName="Chart", toolTip="Which chart to show")
        self.tabs.setExpanding(False)  # tabs as wide as their names, "Save as…" at the end
        for name in CHART_NAMES:
            self.tabs.addTab(_(CHART_TITLES[name]))

        bar = QHBoxLayout()
        for label, w in (
            ("Range", self.range_box),
            (None, self.from_edit),
            (None, self.to_edit),
            ("Outcome", self.outcome_box),
            ("Factor", self.factor_box),
        ):
            if label:
                lab = QLabel(label)
                lab.setBuddy(w)
                bar.addWidget(lab)
            bar.addWidget(w)
        bar.addStretch(1)
        # Which chart, then what was saved and "Save as…": on a row of their own, so the
        # choices above fit 1000 px at 150 % text in German (the chart tabs scroll).
        charts = QHBoxLayout()
        charts.addWidget(self.tabs, 1)
        charts.addWidget(self.status)
        charts.addWidget(self.save_button)
        # Until matplotlib has loaded (a second or two on the first visit), say so at once.
        self.placeholder = QLabel("Loading…", accessibleName="Chart loading")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMinimumSize(480, 300)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(bar)
        self._layout.addLayout(charts)
        self._layout.addWidget(self.placeholder, 1)

        self.range_box.currentIndexChanged.connect(self._range_changed)
        self.from_edit.dateChanged.connect(lambda _d: self._reload())
        self.to_edit.dateChanged.connect(lambda _d: self._reload())
        self.outcome_box.currentIndexChanged.connect(lambda _i: self._reload())
        self.factor_box.currentIndexChanged.connect(lambda _i: self._redraw())
        self.tabs.currentChanged.connect(lambda _i: self._redraw())
        self.save_button.clicked.connect(self._ask_save)
        guard_wheel(self)  # the wheel scrolls; it changes no field

    # -- public ----------------------------------------------------------------------------
    @property
    def figure(self) -> Figure | None:
        return self._figure

    @property
    def chart(self) -> str:
        return CHART_NAMES[self.tabs.currentIndex()]

    def set_chart(self, name: str) -> None:
        self.tabs.setCurrentIndex(CHART_NAMES.index(name))

    def set_theme(self, theme: Theme | None = None) -> None:
        """Use this chart Theme (default: built from the widget's palette) and redraw."""
        self._theme = theme
        self._redraw()

    def refresh(self) -> None:
        """The diary changed: forget what was loaded; reload now, or when next shown."""
        self._generation += 1
        if self.isVisible():
            self._reload()
        else:
            self._stale = True  # no loading and drawing for a hidden tab after each log

    def _reload(self) -> None:
        """Get the current range and outcome on the worker (cached if seen), then redraw."""
        if not self._shown:
            return
        self._stale = False
        self._request += 1
        request, generation, cache = self._request, self._generation, self._cache
        start, end, last = self._range()
        outcome = self.outcome_box.currentData()
        self.status.setText(_("Loading…"))

        def job(conn: WorkerConnection) -> tuple[ChartInputs, float]:
            from twitchlog.db.lite import data_version

            t0 = time.perf_counter()
            cache.use((generation, data_version(conn)))
            return load_inputs(conn, start, end, outcome, last, cache), time.perf_counter() - t0

        self._run_task(job, lambda r: self._loaded(request, r), self._failed)

    def save_chart(self, path: str) -> None:
        from twitchlog.charts.render import save_figure

        if self._figure is not None:  # None: never shown, nothing drawn to save
            save_figure(self._figure, path)

    # -- internals -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.status.setText(_("Loading…"))
            # Paint "Loading…" first; importing matplotlib for the canvas blocks a moment.
            QTimer.singleShot(LOADING_PAINT_MS, self._first_show)
        elif self._stale:
            self._reload()

    def _first_show(self) -> None:
        self._make_canvas()
        self._reload()

    def _make_canvas(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self._figure = Figure(figsize=(8, 4.5), layout="constrained")
        self._canvas = FigureCanvasQTAgg(self._figure)
        self._canvas.setAccessibleName("Chart")
        self._canvas.setMinimumSize(480, 300)
        self._layout.replaceWidget(self.placeholder, self._canvas)
        self.placeholder.hide()
        self._canvas.mpl_connect("motion_notify_event", self._hover)

    def _range(self) -> tuple[dt.date | None, dt.date | None, int | None]:
        days = RANGES[self.range_box.currentIndex()][1]
        if days == -1:
            a = to_date(self.from_edit.date())
            b = to_date(self.to_edit.date())
            return (min(a, b), max(a, b), None)
        return (None, None, days)

    def _range_changed(self, index: int) -> None:
        custom = RANGES[index][1] == -1
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self._reload()

    def _loaded(self, request: int, loaded: tuple[ChartInputs, float]) -> None:
        if request != self._request:
            return  # a newer range was asked for meanwhile
        inputs, self.timing["compute_s"] = loaded
        self._inputs = inputs
        self._fill_factors(inputs)
        self.status.setText("")
        self._redraw()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_("Could not load the charts."))
        self.failed.emit(str(exc))

    def _fill_factors(self, inputs: ChartInputs) -> None:
        from twitchlog.analysis.data import factor_info

        current = self.factor_box.currentData() or inputs.default_factor()
        self.factor_box.blockSignals(True)
        self.factor_box.clear()
        for key in inputs.factors:
            self.factor_box.addItem(_(factor_info(inputs.data, key).label), key)
        i = self.factor_box.findData(current)
        self.factor_box.setCurrentIndex(max(i, 0))
        self.factor_box.blockSignals(False)

    def _chart_theme(self) -> Theme:
        if self._theme is not None:
            return self._theme
        from twitchlog.charts.theme import theme_from_colors
        from twitchlog.gui.display import chart_colours

        background, text, size = chart_colours(self)  # the chosen theme and text size
        return theme_from_colors(background, text, font_size=size)

    def _redraw(self) -> None:
        if self._inputs is None or self._figure is None or self._canvas is None:
            return
        from twitchlog.charts.render import draw

        name = self.chart
        self.factor_box.setEnabled(name in USES_FACTOR)
        theme = self._chart_theme()
        from twitchlog.gui.display import chart_height

        self._canvas.setMinimumHeight(chart_height(300))
        t0 = time.perf_counter()
        draw(name, self._inputs, self.factor_box.currentData(), fig=self._figure, theme=theme)
        self._canvas.draw()  # render now, so `drawn` means the pixels are ready
        self.timing["draw_s"] = time.perf_counter() - t0
        self.drawn.emit(name)

    def _hover(self, event: MouseEvent) -> None:
        from twitchlog.charts.base import hover_text

        text = hover_text(self._figure, event) if event.inaxes and self._figure else None
        if text:
            QToolTip.showText(QCursor.pos(), text, self._canvas)
        else:
            QToolTip.hideText()

    def _ask_save(self) -> None:
        path, _kind = QFileDialog.getSaveFileName(
            self,
            _("Save chart"),
            f"twitchlog-{self.chart}.png",
            _("PNG image (*.png);;SVG (*.svg)"),
        )
        if not path:
            return
        try:
            self.save_chart(path)
        except (OSError, ValueError) as exc:
            self.status.setText(_("Could not save: {error}").format(error=exc))
        else:
            self.status.setText(_("Saved {file}").format(file=path))
