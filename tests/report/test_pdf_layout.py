"""Report layout on the diaries people have: page 2 at every factor-name length, short totals."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from twitchlog.diary.days import check_in
from twitchlog.diary.episodes import log_episode
from twitchlog.diary.factors import add_factor

END = dt.date(2026, 6, 30)


def _texts(fig):  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.texts if t.get_text()]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Six weeks with a factor of one's own and caffeine: a page 2 of comparisons."""
    from twitchlog.db.migrate import open_database
    from twitchlog.report.summary import load_report

    db = open_database(str(tmp_path_factory.mktemp("layout") / "diary.sqlite3"))
    with db.write() as s:
        add_factor(s, "sweets", label="Sweets", kind="number", unit="g")
        for k in range(40):
            day = END - dt.timedelta(days=k)
            check_in(s, day, {"sweets": (k * 37) % 300, "caffeine_mg": (k * 53) % 600})
            for _ in range(k % 3):
                log_episode(s, started_at=dt.datetime.combine(day, dt.time(15)).astimezone())
    with db.read() as s:
        made = load_report(s)
    db.close()
    return made


@pytest.mark.parametrize("length", [1, 12, 30, 55, 80])
def test_page_two_cells_never_overlap(report, length: int) -> None:  # type: ignore[no-untyped-def]
    """Any factor name a person can give (up to 80 characters) stays in its column."""
    from dataclasses import replace

    from twitchlog.report.pdf import _table_page

    label = ("Chocolate and other sweets eaten late at night " * 2)[:length].strip()
    findings = [
        replace(f, label=label) if f.factor == "sweets" else f for f in report.triggers.findings
    ]
    page = _table_page(report, replace(report.triggers, findings=findings))
    texts = _texts(page.fig)
    assert any(label.split()[0] in t for t, _box in texts)
    overlaps = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
        if min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 1
        and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 1
    ]
    assert overlaps == []


def test_a_short_twitch_is_not_zero_hours(db) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.report.pdf import build_pages
    from twitchlog.report.summary import load_report

    with db.write() as s:
        check_in(s, END, {})
        log_episode(s, started_at=dt.datetime(2026, 6, 30, 15).astimezone(), duration_s=45)
    with db.read() as s:
        report = load_report(s)
    words = " ".join(t for t, _box in _texts(build_pages(report)[0]))
    assert "45 seconds in all" in words
    assert "0.0 hours" not in words
    assert "1 episode logged" in words
