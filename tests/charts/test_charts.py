"""Every chart from a demo diary, an empty one and one with a single day; what each shows."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.patches import Polygon, Rectangle

from twitchlog.charts import CHART_NAMES
from twitchlog.charts.base import hover_text, is_empty_figure
from twitchlog.charts.common import runs
from twitchlog.charts.factor import bin_stats, choose_bins
from twitchlog.charts.render import draw, save_figure
from twitchlog.charts.theme import DARK, theme_from_colors


def _by_gid(fig, gid: str) -> list:  # type: ignore[no-untyped-def]
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


@pytest.mark.parametrize("name", CHART_NAMES)
def test_each_chart_draws_demo_data(name: str, demo_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw(name, demo_inputs)
    assert not is_empty_figure(fig)
    assert fig.axes
    fig.canvas.draw()  # lays out and renders without error


@pytest.mark.parametrize("name", CHART_NAMES)
def test_empty_diary_says_nothing_to_show(name: str, empty_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw(name, empty_inputs)
    assert is_empty_figure(fig)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("Nothing to show yet" in t for t in texts)


ONE_DAY_SAYS = {
    "timeline": ("Not enough check-ins yet", "You have 1 check-in in this range so far."),
    "triggers": ("Not enough check-ins yet", "Comparing days needs 2 check-ins"),
    "factor": ("Not enough check-ins yet", "You have 1 check-in"),
    "treatments": ("No treatments yet", "Add a treatment"),
}


@pytest.mark.parametrize("name", CHART_NAMES)
def test_one_day_diary_draws_what_it_can_and_says_what_the_rest_needs(
    name: str, one_day_inputs
) -> None:  # type: ignore[no-untyped-def]
    """One check-in and one twitch: the face, the hours and the calendar already draw."""
    fig = draw(name, one_day_inputs)
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    if name in ONE_DAY_SAYS:
        message, hint = ONE_DAY_SAYS[name]
        assert is_empty_figure(fig)
        assert message in texts and hint in texts
    else:
        assert not is_empty_figure(fig)
    fig.canvas.draw()


def test_timeline_leaves_unobserved_days_as_gaps(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    data = demo_inputs.data
    fig = draw("timeline", demo_inputs, "sleep_h")
    (daily,) = _by_gid(fig, "daily")
    y = np.asarray(daily.get_ydata(), float)
    missing = ~data.observed
    assert missing.any(), "the demo diary forgets some check-ins"
    assert np.isnan(y[missing]).all()
    assert np.isfinite(y[data.observed]).all()
    # shaded bands for the unobserved runs, the factor on a second axis, injections marked
    (bands,) = _by_gid(fig, "unobserved")
    assert len(bands.get_paths()) == len(runs(missing))
    assert len(fig.axes) == 2 and "Sleep" in fig.axes[1].get_ylabel()
    injections = [t for t in data.treatments if t.kind == "injection"]
    (dashes,) = _by_gid(fig, "injection")
    assert len(dashes.get_segments()) == len(injections) > 0


def test_timeline_bands_cover_exactly_the_days_without_check_in() -> None:
    import datetime as dt

    from matplotlib import dates as mdates

    from twitchlog.analysis.data import DailyData

    dates = np.arange(np.datetime64("2026-03-01"), np.datetime64("2026-03-11"))
    observed = np.ones(10, bool)
    observed[[2, 5, 6]] = False  # a single day and a run of two
    z = np.zeros(10)
    fig = draw("timeline", _inputs_of(DailyData(dates, observed, z, z, z)))
    (bands,) = _by_gid(fig, "unobserved")
    spans = sorted((p.vertices[:, 0].min(), p.vertices[:, 0].max()) for p in bands.get_paths())
    day = mdates.date2num(dt.date(2026, 3, 1))
    assert spans == [(day + 1.5, day + 2.5), (day + 4.5, day + 6.5)]


def _inputs_of(data):  # type: ignore[no-untyped-def]
    from twitchlog.analysis.data import EpisodePoints
    from twitchlog.charts.render import compute

    e = np.array([])
    points = EpisodePoints(e.astype("datetime64[D]"), e, e.astype(bool), e.astype(int), e)
    return compute(data, points, analyse=False)


def test_timeline_average_uses_observed_days_only() -> None:
    from twitchlog.charts.common import rolling_mean

    y = np.array([4.0, np.nan, np.nan, 4.0, 4.0, 4.0, np.nan, 4.0, 4.0])
    avg = rolling_mean(y, 7, 3)
    assert np.allclose(avg[np.isfinite(avg)], 4.0)  # gaps never pull the average to zero


def test_forest_has_one_interval_per_estimated_row(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw("triggers", demo_inputs)
    findings = demo_inputs.report.findings
    estimated = [
        f
        for f in findings
        if f.verdict != "not enough data" and all(math.isfinite(v) for v in f.ratio_ci)
    ]
    assert len(_by_gid(fig, "interval")) == len(estimated) > 0
    assert fig.axes[0].get_xscale() == "log"
    assert len(fig.axes[0].get_yticklabels()) == len(findings)


def test_forest_greys_not_enough_rows_with_days_missing(one_day_inputs, demo_inputs) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from twitchlog.charts.forest import build_triggers

    report = demo_inputs.report
    before = len(_by_gid(build_triggers(report), "not-enough"))
    f0 = report.findings[0]
    assert f0.verdict != "not enough data"
    thin = dataclasses.replace(f0, verdict="not enough data", more_days=21)
    fig = build_triggers(dataclasses.replace(report, findings=(thin, *report.findings[1:])))
    assert len(_by_gid(fig, "not-enough")) == before + 1
    assert any("about 3 weeks more" in t.get_text() for ax in fig.axes for t in ax.texts)


def test_verdicts_differ_by_marker_not_only_colour() -> None:
    from twitchlog.charts.forest import verdict_style
    from twitchlog.charts.theme import LIGHT

    styles = [
        verdict_style(v, LIGHT)
        for v in ("clear link", "possible link", "too early to tell", "no clear link")
    ]
    assert len({(s["marker"], s["filled"]) for s in styles}) == 4


def test_factor_chart_one_bar_per_bin_with_day_counts(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw("factor", demo_inputs, "caffeine_mg")
    _, stats = bin_stats(demo_inputs.data, "caffeine_mg")
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(bars) == len(stats) >= 3
    counts = [t.get_text() for t in fig.axes[0].texts]
    assert counts == [f"{s.days} days" for s in stats]
    assert sum(s.days for s in stats) == int(
        np.count_nonzero(
            demo_inputs.data.observed & np.isfinite(demo_inputs.data.factors["caffeine_mg"])
        )
    )


def test_bins_follow_kind_and_threshold() -> None:
    from twitchlog.analysis.data import FactorInfo

    caffeine = FactorInfo("caffeine_mg", "Caffeine", "number", "mg", high_from=300)
    values = np.array([0] * 20 + list(range(50, 450, 5)), float)
    labels = [b.label for b in choose_bins(values, caffeine)]
    assert labels == ["0", "1–100", "101–200", "201–300", "301–400", "> 400 mg"]
    yesno = FactorInfo("b12", "B12", "yesno")
    assert [b.label for b in choose_bins(np.array([0.0, 1.0]), yesno)] == ["no", "yes"]
    sleep = FactorInfo("sleep_h", "Sleep", "number", "h", high_below=6)
    bins = choose_bins(np.linspace(4, 9, 60), sleep)
    assert bins[0].label.startswith("< ") and any(b.lo == 6 for b in bins)
    six = np.array([6.0])
    assert sum(bool(b.contains(six)[0]) for b in bins) == 1  # each value in exactly one bin


def test_calendar_hatches_each_unobserved_day(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.charts.calendar import month_grid

    data = demo_inputs.data
    fig = draw("calendar", demo_inputs)
    (hatched,) = _by_gid(fig, "unobserved")
    assert hatched.get_hatch()
    squares = hatched.get_path().to_polygons()
    assert len(squares) == int(np.count_nonzero(~data.observed)) > 0
    # each square sits on its day: column = day of the month, row = month
    _, state, _ = month_grid(data, "count")
    cells = {(round(sq[:, 1].min() + 0.5), round(sq[:, 0].min() - 0.5)) for sq in squares}
    assert cells == set(zip(*np.nonzero(state == 2), strict=True))
    assert any(isinstance(a, QuadMesh) for a in fig.axes[0].get_children())


def test_face_keeps_sides_apart_and_counts_both(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.analysis.data import EpisodePoints
    from twitchlog.charts.face import build_face, side_counts

    pts = demo_inputs.points
    fig = draw("face", demo_inputs)
    patches = [
        p for p in fig.axes[0].patches if isinstance(p, (Polygon, Rectangle)) and p.get_gid()
    ]
    assert len(patches) == 18  # nine regions on each side
    counts, _ = side_counts(pts)
    assert counts["left"]["upper_eyelid"] == pts.places.get(("left", "upper_eyelid"), 0)
    extra = EpisodePoints(
        pts.diary_date,
        pts.local_hour,
        pts.weekend,
        pts.severity,
        pts.duration_s,
        {**pts.places, ("both", "cheek"): 5},
        pts.signs,
    )
    counts2, both2 = side_counts(extra)
    assert both2 == 5
    assert counts2["right"]["cheek"] == counts["right"]["cheek"] + 5
    assert counts2["left"]["cheek"] == counts["left"]["cheek"] + 5
    build_face(extra)  # draws


def test_hours_normalised_per_day_of_each_kind(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.charts.hours import hour_profile

    wd, we, n_wd, n_we = hour_profile(demo_inputs.points, demo_inputs.data)
    pts = demo_inputs.points
    assert wd.sum() * n_wd == pytest.approx(np.count_nonzero(~pts.weekend))
    assert we.sum() * n_we == pytest.approx(np.count_nonzero(pts.weekend))
    fig = draw("hours", demo_inputs)
    assert len(_by_gid(fig, "weekday")) + len(_by_gid(fig, "weekend")) >= 0
    assert len([p for p in fig.axes[0].patches if isinstance(p, Rectangle)]) == 48


def test_treatments_chart_keeps_the_latest_rows_with_days(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from twitchlog.charts.treatments import MAX_ROWS, build_treatments, rows_to_show

    r = demo_inputs.treatments[0]
    many = [dataclasses.replace(r, name=f"t{i}") for i in range(MAX_ROWS + 5)]
    outside = dataclasses.replace(r, name="outside", before_days=0, after_days=0)
    shown = rows_to_show([*many, outside])
    assert [x.name for x in shown] == [x.name for x in many[-MAX_ROWS:]]
    fig = build_treatments([*many, outside], None)
    assert len(fig.axes[0].get_yticklabels()) == MAX_ROWS
    assert f"{MAX_ROWS} of {len(many) + 1}: the latest" in fig.axes[0].get_title(loc="left")
    assert is_empty_figure(build_treatments([outside], None))


def test_treatments_chart_shows_each_treatment_and_cycles(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw("treatments", demo_inputs)
    assert len(_by_gid(fig, "after")) + len(_by_gid(fig, "before")) >= len(demo_inputs.treatments)
    assert len(_by_gid(fig, "cycle")) == len(demo_inputs.cycles.starts)
    assert len(_by_gid(fig, "median")) == 1


@pytest.mark.parametrize("outcome", ["severity", "duration"])
def test_outcome_changes_the_numbers(outcome: str, demo_db_path: Path) -> None:
    from twitchlog.charts.render import compute
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.dataset import load_daily_data, load_episode_points

    db = open_database(str(demo_db_path))
    with db.read() as s:
        inputs = compute(load_daily_data(s), load_episode_points(s), outcome, analyse=False)
    db.close()
    fig = draw("timeline", inputs)
    (daily,) = _by_gid(fig, "daily")
    expected = inputs.data.outcome(outcome)
    assert np.allclose(daily.get_ydata(), expected, equal_nan=True)
    assert "twitches a day" not in fig.axes[0].get_ylabel()


def test_png_and_svg_export_are_valid_files(demo_inputs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fig = draw("calendar", demo_inputs)
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    save_figure(fig, png)
    save_figure(fig, svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "Twitching calendar" in svg.read_text()  # text stays text (vector, searchable)
    assert (png.stat().st_mode & 0o777) == 0o600
    with pytest.raises(ValueError):
        save_figure(fig, tmp_path / "c.gif")


def test_dark_theme_and_palette_colours(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw("timeline", demo_inputs, theme=DARK)
    assert fig.get_facecolor()[:3] == pytest.approx((0x1E / 255, 0x1F / 255, 0x22 / 255))
    t = theme_from_colors("#202020", "#f0f0f0")
    assert t.dark and t.sequential == "viridis"
    assert not theme_from_colors("#ffffff", "#000000").dark


def test_hover_reports_the_value_under_the_mouse(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.backend_bases import MouseEvent

    fig = draw("factor", demo_inputs, "caffeine_mg")
    fig.canvas.draw()
    ax = fig.axes[0]
    bar = next(p for p in ax.patches if isinstance(p, Rectangle))
    x, y = ax.transData.transform((bar.get_x() + bar.get_width() / 2, bar.get_height() / 2))
    event = MouseEvent("motion_notify_event", fig.canvas, x, y)
    text = hover_text(fig, event)
    assert text and "days" in text and "Caffeine" in text
    assert hover_text(fig, MouseEvent("motion_notify_event", fig.canvas, 1, 1)) is None


def test_scatter_points_are_the_days(demo_inputs) -> None:  # type: ignore[no-untyped-def]
    fig = draw("factor", demo_inputs, "sleep_h")
    dots = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    _, stats = bin_stats(demo_inputs.data, "sleep_h")
    assert sum(len(c.get_offsets()) for c in dots) == sum(s.days for s in stats)


@pytest.mark.parametrize("n", [2, 3, 6, 7, 8])
def test_timeline_of_the_first_week_has_one_point_per_day(n: int) -> None:
    """Fewer days than the 7-day average once crashed the timeline (shapes (3,) and (7,))."""
    from twitchlog.analysis.data import DailyData

    dates = np.arange(np.datetime64("2026-03-01"), np.datetime64("2026-03-01") + n)
    count = np.arange(n, dtype=float)
    z = np.zeros(n)
    fig = draw("timeline", _inputs_of(DailyData(dates, np.ones(n, bool), count, z, z)))
    fig.canvas.draw()
    (daily,) = _by_gid(fig, "daily")
    (average,) = _by_gid(fig, "average")
    assert list(daily.get_ydata()) == list(count)
    assert len(average.get_ydata()) == n


def test_twitches_without_check_ins_fill_the_face_and_the_hours(db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from twitchlog.charts.render import compute
    from twitchlog.diary.dataset import load_daily_data, load_episode_points
    from twitchlog.diary.episodes import log_episode
    from twitchlog.diary.records import Place

    with db.write() as session:
        for hour in (9, 14, 21):
            log_episode(
                session,
                started_at=dt.datetime(2026, 6, 29, hour, 0).astimezone(),
                places=[Place("left", "upper_eyelid")],
            )
    with db.read() as session:
        inputs = compute(load_daily_data(session), load_episode_points(session))
    said = {}
    for name in CHART_NAMES:
        fig = draw(name, inputs)
        said[name] = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
        assert is_empty_figure(fig) == (name not in ("face", "hours")), name
    assert "You logged 3 twitches but no check-in yet." in said["timeline"]
    assert "Add a treatment" in said["treatments"]
    assert "No factors recorded yet" in said["triggers"]
