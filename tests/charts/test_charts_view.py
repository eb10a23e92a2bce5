"""The Charts view, driven like a person would: range, factor, chart tabs, saving."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")


@pytest.fixture
def view(qtbot, open_runner, demo_db_path: Path):  # type: ignore[no-untyped-def]
    from twitchlog.gui.charts_view import ChartsView

    runner = open_runner(demo_db_path)
    w = ChartsView(runner.read)
    qtbot.addWidget(w)
    w.resize(1000, 640)
    yield w
    qtbot.waitUntil(runner.is_idle, timeout=60_000)


def _ready(view) -> bool:  # type: ignore[no-untyped-def]
    return view._inputs is not None and view.status.text() == ""


def test_matplotlib_waits_until_the_view_is_shown(qtbot, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from twitchlog.gui.charts_view import ChartsView;"
        "w = ChartsView(lambda fn, ok, err: None);"
        "print('matplotlib' in sys.modules, 'scipy' in sys.modules)"
    )
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    assert out.stdout.split() == ["False", "False"]


def test_range_switch_reloads_and_redraws(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.charts.base import is_empty_figure

    view.set_chart("calendar")
    view.range_box.setCurrentIndex(3)  # All
    view.show()
    qtbot.waitUntil(lambda: _ready(view), timeout=30_000)
    all_days = view._inputs.data.n_days
    assert all_days == 200
    rows_all = len(view.figure.axes[0].get_yticks())
    assert not is_empty_figure(view.figure)
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.range_box.setCurrentIndex(0)  # Last 30 days -> up to today, may be past the demo
    assert view._inputs.data.n_days == 30 or is_empty_figure(view.figure)
    # A custom range inside the demo: fewer months on the calendar.
    view.range_box.setCurrentIndex(4)
    assert view.from_edit.isVisible() and view.to_edit.isVisible()
    from PySide6.QtCore import QDate

    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.to_edit.setDate(QDate(2026, 6, 30))
        view.from_edit.setDate(QDate(2026, 5, 1))
    qtbot.waitUntil(lambda: _ready(view) and view._inputs.data.n_days == 61, timeout=30_000)
    qtbot.waitUntil(lambda: len(view.figure.axes[0].get_yticks()) == 2, timeout=30_000)
    assert rows_all > 2


def test_factor_picker_changes_the_figure(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.range_box.setCurrentIndex(3)
    view.set_chart("factor")
    view.show()
    qtbot.waitUntil(lambda: _ready(view) and view.factor_box.count() > 1, timeout=30_000)
    view.factor_box.setCurrentIndex(view.factor_box.findData("caffeine_mg"))
    qtbot.waitUntil(lambda: "Caffeine" in view.figure.axes[0].get_xlabel(), timeout=10_000)
    with qtbot.waitSignal(view.drawn, timeout=10_000):
        view.factor_box.setCurrentIndex(view.factor_box.findData("stress"))
    assert "Stress" in view.figure.axes[0].get_xlabel()
    labels = [t.get_text() for t in view.figure.axes[0].get_xticklabels()]
    assert labels[0] == "0–2"
    # The picker is as wide as its longest factor name ("Warm compress" was cut to "Warm co").
    box = view.factor_box
    names = [box.itemText(i) for i in range(box.count())]
    assert "Warm compress" in names
    widest = max(box.fontMetrics().horizontalAdvance(n) for n in names)
    assert box.width() >= widest + 20, (box.width(), widest)


def test_every_tab_draws_and_saves(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.charts import CHART_NAMES

    view.range_box.setCurrentIndex(3)
    view.show()
    qtbot.waitUntil(lambda: _ready(view), timeout=30_000)
    view.set_chart(CHART_NAMES[-1])
    for i, name in enumerate(CHART_NAMES):
        if i != view.tabs.currentIndex():
            with qtbot.waitSignal(view.drawn, timeout=10_000) as blocker:
                view.tabs.setCurrentIndex(i)
            assert blocker.args == [name]
        assert view.chart == name
        out = tmp_path / f"{name}.svg"
        view.save_chart(str(out))
        assert out.read_text().lstrip().startswith(("<?xml", "<svg"))
    view.grab().save(str(tmp_path / "view.png"))
    assert (tmp_path / "view.png").stat().st_size > 0


# -- what is loaded, when, and that it is the right days -------------------------------------
@pytest.fixture
def recent_db_path(tmp_path: Path) -> Path:
    """120 demo days ending yesterday, so "Last 30 days" falls inside the diary."""
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.demo import fill_demo

    path = tmp_path / "recent.sqlite3"
    db = open_database(str(path))
    with db.write() as session:
        fill_demo(session, 120)
    db.close()
    return path


@pytest.fixture
def recent_view(qtbot, open_runner, recent_db_path: Path):  # type: ignore[no-untyped-def]
    from twitchlog.gui.charts_view import ChartsView

    runner = open_runner(recent_db_path)
    w = ChartsView(runner.read)
    w.runner = runner
    qtbot.addWidget(w)
    w.resize(1000, 640)
    yield w
    qtbot.waitUntil(runner.is_idle, timeout=60_000)


def _today(runner) -> dt.date:  # type: ignore[no-untyped-def]
    from twitchlog.diary import rules
    from twitchlog.diary.settings import day_start_hour

    with runner.db.read() as s:
        return rules.today(day_start_hour(s))


def _switch(qtbot, view, index: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.range_box.setCurrentIndex(index)


def _shown_days(view) -> np.ndarray:  # type: ignore[no-untyped-def]
    (daily,) = [ln for ln in view.figure.axes[0].lines if ln.get_gid() == "daily"]
    return np.asarray(daily.get_xdata()).astype("datetime64[D]")


def test_each_range_shows_its_days(qtbot, recent_view) -> None:  # type: ignore[no-untyped-def]
    view = recent_view
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.show()
    today = np.datetime64(_today(view.runner), "D")
    first = today - 120  # the diary's first day
    for index, days in ((0, 30), (1, 90), (2, 365)):
        _switch(qtbot, view, index)
        # A range longer than the diary starts at its first day (no grey year before it).
        start = max(today - days + 1, first)
        assert _shown_days(view).tolist() == np.arange(start, today + 1).tolist()
    _switch(qtbot, view, 3)  # All: the diary's first to last day
    shown = _shown_days(view)
    assert shown[0] == today - 120 and shown[-1] == today - 1
    _switch(qtbot, view, 0)  # back to a cached range: still the same 30 days
    assert _shown_days(view).tolist() == np.arange(today - 29, today + 1).tolist()


def test_ranges_are_loaded_and_analysed_once_per_diary_version(  # type: ignore[no-untyped-def]
    qtbot, recent_view, monkeypatch
) -> None:
    import twitchlog.charts.render as render
    import twitchlog.diary.dataset as dataset

    calls = {"load": 0, "compute": 0}

    def counted(name, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return fn(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(dataset, "load_daily_data", counted("load", dataset.load_daily_data))
    monkeypatch.setattr(render, "compute", counted("compute", render.compute))
    view = recent_view
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.show()
    _switch(qtbot, view, 0)
    _switch(qtbot, view, 2)
    assert calls == {"load": 2, "compute": 2}
    first = view._inputs
    for name in ("calendar", "factor", "timeline"):  # another chart: drawing only
        with qtbot.waitSignal(view.drawn, timeout=10_000):
            view.set_chart(name)
    _switch(qtbot, view, 0)
    _switch(qtbot, view, 2)
    assert calls == {"load": 2, "compute": 2}
    assert view._inputs is first
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.outcome_box.setCurrentIndex(1)  # severity: analysed again, not reloaded
    assert calls == {"load": 2, "compute": 3}
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.refresh()  # the diary changed: load again
    assert calls == {"load": 3, "compute": 4}


def test_a_logged_episode_shows_after_refresh(qtbot, recent_view) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.diary.days import check_in
    from twitchlog.diary.episodes import log_episode

    view, runner = recent_view, recent_view.runner
    runner.changed.connect(view.refresh)  # as the main window wires it
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.show()
    today = _today(runner)
    i = -1  # today is the last day of "Last 365 days"
    before = view._inputs
    assert not before.data.observed[i] and before.data.episodes[i] == 0
    points_before = before.points.n

    def write(session):  # type: ignore[no-untyped-def]
        check_in(session, today)
        log_episode(session, severity=3)

    with qtbot.waitSignal(view.drawn, timeout=30_000):
        runner.write(write)
    after = view._inputs
    assert after is not before
    assert after.data.observed[i] and after.data.episodes[i] == 1
    assert after.points.n == points_before + 1
    (daily,) = [ln for ln in view.figure.axes[0].lines if ln.get_gid() == "daily"]
    assert daily.get_ydata()[i] == 1
    # the other ranges were dropped too: "Last 30 days" is loaded afresh and has it
    _switch(qtbot, view, 0)
    assert view._inputs.data.episodes[-1] == 1


def test_a_hidden_view_waits_until_shown(qtbot, recent_view) -> None:  # type: ignore[no-untyped-def]
    view = recent_view
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.show()
    view.hide()
    jobs: list[object] = []
    run_task = view._run_task
    view._run_task = lambda *a: (jobs.append(a), run_task(*a))
    view.refresh()
    assert jobs == []
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.show()
    assert len(jobs) == 1


def test_cached_inputs_equal_a_fresh_load(recent_db_path: Path) -> None:
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.dataset import load_daily_data, load_episode_points
    from twitchlog.gui.charts_view import InputsCache, load_inputs

    db = open_database(str(recent_db_path))
    cache = InputsCache(size=2)
    try:
        with db.read() as s:
            for last in (30, 90, None, 30, 365, 90):
                cached = load_inputs(s, None, None, "count", last, cache)
                fresh = load_inputs(s, None, None, "count", last)
                assert cached is not fresh
                for a, b in ((cached.data, fresh.data), (cached.points, fresh.points)):
                    for f in a.__dataclass_fields__:
                        x, y = getattr(a, f), getattr(b, f)
                        if isinstance(x, np.ndarray):
                            assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), f
                        elif f != "factors":
                            assert x == y, f
                assert cached.factors == fresh.factors
            again = load_inputs(s, None, None, "count", 90, cache)
            assert again is cached  # the last one asked for is kept
            start, end = cached.data.dates[0].astype(dt.date), cached.data.dates[-1].astype(dt.date)
            direct = load_daily_data(s, start, end)
            assert np.array_equal(direct.episodes, cached.data.episodes)
            assert load_episode_points(s, start, end).n == cached.points.n
            cache.use(cache.generation + 1)  # the diary changed
            assert load_inputs(s, None, None, "count", 90, cache) is not cached
    finally:
        db.close()


def test_analysis_and_charts_leave_shared_arrays_alone(recent_db_path: Path) -> None:
    """The cache hands the same arrays to every outcome and chart: none may change them."""
    import copy

    from twitchlog.charts import CHART_NAMES
    from twitchlog.charts.render import draw
    from twitchlog.db.migrate import open_database
    from twitchlog.gui.charts_view import InputsCache, load_inputs

    db = open_database(str(recent_db_path))
    cache = InputsCache()
    try:
        with db.read() as s:
            first = load_inputs(s, None, None, "count", None, cache)
            saved = copy.deepcopy((first.data, first.points))
            for outcome in ("count", "severity", "duration"):
                inputs = load_inputs(s, None, None, outcome, None, cache)
                assert inputs.data is first.data
                for name in CHART_NAMES:
                    draw(name, inputs)
    finally:
        db.close()
    for before, now in zip(saved, (first.data, first.points), strict=True):
        for f in before.__dataclass_fields__:
            x, y = getattr(before, f), getattr(now, f)
            if isinstance(x, np.ndarray):
                assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), f
            elif isinstance(x, dict) and f == "factors":
                assert all(np.array_equal(x[k], y[k], equal_nan=True) for k in x)
            else:
                assert x == y, f


def test_an_episode_logged_by_another_program_shows_on_the_next_switch(  # type: ignore[no-untyped-def]
    qtbot, recent_view, recent_db_path: Path
) -> None:
    """`twitchlog log` in a terminal while the window is open: no stale cached chart."""
    from twitchlog.cli import main

    view = recent_view
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        view.show()
    _switch(qtbot, view, 0)
    _switch(qtbot, view, 2)
    assert view._inputs.data.episodes[-1] == 0
    assert main(["log", "--severity", "4", "--db", str(recent_db_path)]) == 0
    _switch(qtbot, view, 0)  # a cached range, but the diary changed underneath
    assert view._inputs.data.episodes[-1] == 1


def test_first_visit_says_loading_at_once_and_fits_a_three_day_diary(
    qtbot, open_runner, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.db.migrate import open_database
    from twitchlog.diary import rules
    from twitchlog.diary.days import check_in
    from twitchlog.gui.charts_view import ChartsView

    db = open_database(str(db_path))
    today = rules.today(4)
    with db.write() as s:
        for k in range(3):
            check_in(s, today - dt.timedelta(days=k), {"sleep_h": 7})
    db.close()
    runner = open_runner(db_path)
    view = ChartsView(runner.read)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    # Before matplotlib has loaded, the view already says what it is doing.
    assert view.placeholder.isVisible() and view.placeholder.text() == "Loading…"
    assert view.status.text() == "Loading…"
    with qtbot.waitSignal(view.drawn, timeout=30_000):
        pass
    assert not view.placeholder.isVisible()
    assert view.range_box.currentText() == "Last 365 days"
    days = _shown_days(view)
    assert len(days) == 3 and days[-1] == np.datetime64(today, "D")
    qtbot.waitUntil(runner.is_idle, timeout=60_000)
