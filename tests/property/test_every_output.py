"""Every output on random small diaries: every chart, the PDF, the analysis, the doctor table.

No exception on any of them, and what a person would check holds: one point per
checked-in day on the timeline, counts that add up on the face map, the time-of-day
bars, the calendar and the doctor's table.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from small_diaries import DiarySpec, fresh_diary, small_diaries

from twitchlog.charts import CHART_NAMES

FAST = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(FAST, max_examples=200)


def _by_gid(fig, gid: str) -> list:  # type: ignore[no-untyped-def]
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


def check_every_output(template: Path, spec: DiarySpec, *, pdf_file: bool = False) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from twitchlog.analysis.output import format_table, to_json_dict
    from twitchlog.analysis.triggers import analyze_triggers
    from twitchlog.charts.base import is_empty_figure
    from twitchlog.charts.render import compute, draw
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.dataset import load_daily_data, load_episode_points
    from twitchlog.report.doctor_csv import iter_rows
    from twitchlog.report.doctor_data import load_doctor_table
    from twitchlog.report.pdf import build_pages, write_report_pdf
    from twitchlog.report.summary import load_report

    path = fresh_diary(template, spec)
    folder = path.parent
    db = open_database(str(path))
    try:
        with db.read() as session:
            data = load_daily_data(session)
            points = load_episode_points(session)
            table = load_doctor_table(session)
            report = load_report(session) if table.days else None
    finally:
        db.close()
    try:
        n_twitches = len(spec.twitches)
        checked = {c.date for c in spec.checkins}
        # The arrays: every twitch and check-in is in them, once.
        assert points.n == n_twitches
        assert int(data.episodes.sum()) == n_twitches
        assert int(np.count_nonzero(data.observed)) == len(checked)
        if data.n_days:
            assert data.n_days == (data.dates[-1] - data.dates[0]).astype(int) + 1

        # The doctor's table: one row per calendar day; its counts add up.
        assert len(table.days) == data.n_days
        assert sum(d.summary.episodes for d in table.days) == n_twitches
        assert table.observed_days == len(checked)
        rows = list(iter_rows(table))
        assert len(rows) == len(table.days) + 1  # the header

        # The analysis, as text and as (valid, NaN-free) JSON, for every outcome.
        for outcome in ("count", "severity", "duration"):
            trig = analyze_triggers(data, outcome)
            assert format_table(trig).strip()
            json.dumps(to_json_dict(trig), allow_nan=False)

        # Every chart, drawn to pixels.
        inputs = compute(data, points, "count")
        for name in CHART_NAMES:
            fig = draw(name, inputs)
            FigureCanvasAgg(fig).draw()
            if name == "timeline" and not is_empty_figure(fig):
                (daily,) = _by_gid(fig, "daily")
                y = np.asarray(daily.get_ydata(), float)
                assert len(y) == data.n_days
                assert np.count_nonzero(np.isfinite(y)) == len(checked)
                (avg,) = _by_gid(fig, "average")
                assert len(avg.get_ydata()) == data.n_days
            if name == "hours" and not is_empty_figure(fig):
                assert _bars_total(fig) == pytest.approx(n_twitches)
            if name == "face" and not is_empty_figure(fig):
                assert sum(points.places.values()) == sum(len(t.places) for t in spec.twitches)
            if name == "calendar" and not is_empty_figure(fig):
                (mesh,) = _by_gid(fig, "days")
                cells = np.ma.masked_invalid(mesh.get_array())
                assert int(cells.count()) == len(checked)
                observed_total = data.episodes[data.observed].sum()
                assert float(cells.sum() or 0) == pytest.approx(observed_total)

        # The PDF report (one or two pages), when there is anything in the diary. Writing
        # the file embeds fonts (a second a time), so the quick run lays the pages out only.
        if report is not None:
            if pdf_file:
                pdf = folder / "report.pdf"
                assert write_report_pdf(report, pdf) in (1, 2)
                assert pdf.read_bytes().startswith(b"%PDF")
            else:
                pages = build_pages(report)
                assert len(pages) in (1, 2)
                for page in pages:
                    FigureCanvasAgg(page).draw()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bars_total(fig) -> float:  # type: ignore[no-untyped-def]
    """Twitches the time-of-day bars stand for: each bar is per day of its kind."""
    total = 0.0
    for container in fig.axes[0].containers:
        days = int(re.search(r"\((\d+) days?\)", container.get_label()).group(1))
        total += sum(bar.get_height() for bar in container) * max(days, 1)
    return total


@FAST
@given(spec=small_diaries(max_days=30))
def test_every_output_on_small_diaries(template: Path, spec: DiarySpec) -> None:
    check_every_output(template, spec)


@pytest.mark.slow
@SLOW
@given(spec=small_diaries())
def test_every_output_on_many_small_diaries(template: Path, spec: DiarySpec) -> None:
    check_every_output(template, spec, pdf_file=True)
