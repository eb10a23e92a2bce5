"""The Charts view, driven like a person would: range, factor, chart tabs, saving."""

from __future__ import annotations

import sys
from pathlib import Path

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
