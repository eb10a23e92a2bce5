"""Every window view on random small diaries: each opens, fills and draws without an error.

A real main window on a real diary file; every tab is visited, and on Charts every chart
in every preset range. An error in a slot fails the test (pytest-qt catches it), and the
Charts view must never say it could not load.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from small_diaries import DiarySpec, fresh_diary, small_diaries

from twitchlog.charts import CHART_NAMES

FAST = settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
SLOW = settings(FAST, max_examples=40)


def visit_every_view(qtbot: Any, template: Path, spec: DiarySpec) -> None:
    from twitchlog.gui.app import application
    from twitchlog.gui.charts_view import RANGES
    from twitchlog.gui.main_window import VIEWS, MainWindow
    from twitchlog.gui.tasks import TaskRunner

    path = fresh_diary(template, spec)
    folder = path.parent

    application()
    runner = TaskRunner()
    window = MainWindow(runner)
    try:
        window.show()
        with qtbot.waitSignal(runner.opened, timeout=10_000):
            runner.open(str(path), on_error=window.open_failed)
        qtbot.waitUntil(runner.is_idle, timeout=10_000)
        for name, _title, _target in VIEWS:
            window.show_view(name)
            qtbot.waitUntil(runner.is_idle, timeout=20_000)
        charts = window.views["charts"]
        failures: list[str] = []
        charts.failed.connect(failures.append)
        for chart in CHART_NAMES:  # every chart in the range the view starts with
            if charts.chart != chart:
                with qtbot.waitSignal(charts.drawn, timeout=20_000):
                    charts.set_chart(chart)
        for r, (_text, days) in enumerate(RANGES):  # and every preset range
            if days != -1 and r != charts.range_box.currentIndex():
                with qtbot.waitSignal(charts.drawn, timeout=20_000):
                    charts.range_box.setCurrentIndex(r)
        assert not failures
        assert "Could not" not in charts.status.text()
    finally:
        qtbot.waitUntil(runner.is_idle, timeout=20_000)
        window.close()
        runner.shutdown()
        window.deleteLater()
        shutil.rmtree(folder, ignore_errors=True)


@FAST
@given(spec=small_diaries(max_days=30))
def test_every_view_on_small_diaries(qtbot: Any, template: Path, spec: DiarySpec) -> None:
    visit_every_view(qtbot, template, spec)


@pytest.mark.slow
@SLOW
@given(spec=small_diaries())
def test_every_view_on_many_small_diaries(qtbot: Any, template: Path, spec: DiarySpec) -> None:
    visit_every_view(qtbot, template, spec)
