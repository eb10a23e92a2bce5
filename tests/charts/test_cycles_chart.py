"""The cycles chart: a line per cycle on injection day, median, baseline band, markers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np

from tests.analysis.cycle_sim import FIRST, injection_dates, simulate
from twitchlog.analysis.cycles import analyze_cycles
from twitchlog.charts.base import is_empty_figure
from twitchlog.charts.cycles import build_cycles, median_by_week


def _by_gid(fig, gid: str) -> list:  # type: ignore[no-untyped-def]
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


def test_every_cycle_is_a_line_with_the_median_band_and_markers() -> None:
    y = simulate(1, scenario="mild", seed=3)[0]
    felt = [FIRST + dt.timedelta(days=90 + 70)]
    rep = analyze_cycles(y, FIRST, injection_dates(), felt)
    fig = build_cycles(rep)
    lines = _by_gid(fig, "cycle")
    assert len(lines) == 4
    assert np.allclose(lines[0].get_xdata(), np.arange(13))  # aligned on injection day
    np.testing.assert_allclose(lines[2].get_ydata(), rep.cycles[2].rates)
    (median,) = _by_gid(fig, "median")
    np.testing.assert_allclose(median.get_ydata(), median_by_week(rep))
    assert len(_by_gid(fig, "baseline")) == 1  # the untreated band
    (felt_marker,) = _by_gid(fig, "felt")
    assert felt_marker.get_xdata()[0] == 10.0  # day 70 = week 10
    assert len(_by_gid(fig, "wear")) == sum(c.wear_off_day is not None for c in rep.cycles)


def test_no_injections_is_a_friendly_empty_chart() -> None:
    assert is_empty_figure(build_cycles(None))
    assert is_empty_figure(build_cycles(analyze_cycles(np.ones(10), FIRST, [])))


def test_cli_chart_cycles(run_cli, demo_db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "d.sqlite3"
    shutil.copy(demo_db_path, db)
    png = tmp_path / "c.png"
    code, out, err = run_cli("chart", "cycles", "--out", str(png), db=db)
    assert code == 0, err
    assert "cycles" in out and png.read_bytes()[:4] == b"\x89PNG"
