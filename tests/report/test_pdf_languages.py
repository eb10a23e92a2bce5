"""The doctor PDF in English and in German, on the diaries people have (a demo year with
injections, three days, an injection with a finished experiment and an 80-character factor
name): no English left in the German PDF, page 1 still one page, no line past the margin or
into the footer, and the long factor name shown whole on the trigger table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader

from twitchlog import i18n
from twitchlog.diary import days, episodes, experiments, factors, injections
from twitchlog.diary.demo import fill_demo
from twitchlog.report.summary import ReportData, load_report

START = dt.date(2026, 2, 2)
MADE = dt.date(2026, 3, 21)
LONG_NAME = ("Chocolate and other sweets eaten late at night " * 2)[:80].strip()

# Words both PDFs may hold: what the person typed (name, factor name, experiment words),
# units, products and method names, and words German shares with English. Everything else
# the English PDF says must be gone from the German one.
SHARED = {
    "ana", "smith", "chocolate", "and", "other", "sweets", "eaten", "late", "at", "night",
    "no", "coffee", "as", "usual",  # typed by the person
    "twitchlog", "onabotulinumtoxina", "botox", "benjamini", "hochberg", "mg", "min",
    "magnesium", "stress", "experiment", "median", "person", "episode", "plan", "block",
    "blocks", "an", "in", "so", "was", "falls", "links",  # German too
}  # fmt: skip


def _demo(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        fill_demo(s, 365, end=dt.date(2025, 6, 30))


def _three_days(db) -> None:  # type: ignore[no-untyped-def]
    first = dt.date(2025, 3, 3)
    with db.write() as s:
        for k in range(3):
            day = first + dt.timedelta(days=k)
            days.check_in(s, day, {"caffeine_mg": 100 * k, "sleep_h": 7 - k}, note=f"day {k}")
            for i in range(k + 1):
                episodes.log_episode(
                    s,
                    started_at=dt.datetime.combine(day, dt.time(10 + i)).astimezone(),
                    severity=1 + (i + k) % 4,
                    duration_s=30 + 20 * i,
                    places=["left:upper_eyelid"],
                    signs=["numbness"] if k == 2 else [],
                )


def _injection_and_experiment(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        factors.add_factor(s, "sweets", label=LONG_NAME, kind="number", unit="g")
        injections.add_injection(
            s, START + dt.timedelta(days=20), product="ona", units=50,
            sites=["left:upper_eyelid"], side_effects={"ptosis": 1},
        )  # fmt: skip
        plan = experiments.plan_experiment(
            s, "caffeine_mg", changed="no coffee", usual="as usual", start=START,
            today=START, pairs=2, seed=3,
        )  # fmt: skip
        for k in range(28):
            day = START + dt.timedelta(days=k)
            days.check_in(s, day, {"sweets": (k * 37) % 300})
            experiments.record_kept(s, plan.id, day, "yes" if k % 4 else "no")
            for i in range(1 if plan.conditions()[k // 7] == "A" else 3):
                episodes.log_episode(
                    s,
                    started_at=dt.datetime.combine(day, dt.time(9, i)).astimezone(),
                    places=["right:cheek", "right:upper_eyelid"],
                )


DIARIES = {"demo year": _demo, "three days": _three_days, "care": _injection_and_experiment}


Box = tuple[str, float, float, float, float]  # text, x0, x1, y0, y1 as page fractions


class Made:
    """One diary's report and PDF in one language, and where each line of its pages sits."""

    def __init__(self, report: ReportData, pdf: Path, boxes: list[list[Box]]) -> None:
        self.report = report
        reader = PdfReader(pdf)
        self.pages = [p.extract_text() for p in reader.pages]
        meta = reader.metadata
        self.about = f"{meta.title} {meta.subject}" if meta else ""
        self.text = "\n".join(self.pages)
        self.boxes = boxes


def _boxes(fig: Figure) -> list[Box]:
    """The page's own lines (not the charts' insides) with their extents, measured at print
    resolution (screen resolutions widen hinted text) without drawing the page."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(300)
    canvas = FigureCanvasAgg(fig)
    w, h = canvas.get_width_height()
    renderer = canvas.get_renderer()
    out = []
    for t in fig.texts:
        if t.get_text():
            e = t.get_window_extent(renderer)
            out.append((t.get_text(), e.x0 / w, e.x1 / w, e.y0 / h, e.y1 / h))
    return out


@pytest.fixture(scope="module", params=list(DIARIES))
def both(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Made]]:
    from twitchlog.db.migrate import open_database
    from twitchlog.report.pdf import build_pages, write_report_pdf

    folder = tmp_path_factory.mktemp("languages")
    db = open_database(str(folder / "diary.sqlite3"))
    DIARIES[request.param](db)
    before = i18n.language()
    made: dict[str, Made] = {}
    try:
        for code in ("en", "de"):
            i18n.set_language(code)
            with db.read() as s:
                report = load_report(s, None, dt.date(2026, 3, 20), name="Ana Smith", made=MADE)
            path = folder / f"report-{code}.pdf"
            figures = build_pages(report)
            write_report_pdf(report, path, figures)
            # every German page; of the English one page 1 (page 2 has its own test)
            boxes = [_boxes(fig) for fig in (figures if code == "de" else figures[:1])]
            made[code] = Made(report, path, boxes)
    finally:
        i18n.set_language(before)
        db.close()
    yield made


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}


def test_no_english_is_left_in_the_german_pdf(both: dict[str, Made]) -> None:
    en, de = both["en"], both["de"]
    left = (_words(de.text + de.about) & _words(en.text + en.about)) - SHARED
    assert not left, f"English left in the German PDF: {sorted(left)}"
    # and the German is there: a heading and the footer's page words
    assert "Stärke und Stellen" in de.text and "Seite 1 von" in de.text
    assert len(de.pages) == len(en.pages)
    assert de.about.startswith("Tagebuch Gesichtszucken") and "Arztbesuch" in de.about


def test_page_one_fits_one_sheet_in_both_languages(both: dict[str, Made]) -> None:
    """Every line a page sets stays inside the margins and above the footer, and no two
    lines overlap (German words are longer)."""
    from twitchlog.report.pdf import footer_top

    bottom = footer_top()
    # the title is one line in both languages (German is set a little smaller)
    assert both["en"].boxes[0][0][0].endswith("summary for a doctor visit")
    assert both["de"].boxes[0][0][0].endswith("Zusammenfassung für den Arztbesuch")
    for code in ("en", "de"):
        for number, boxes in enumerate(both[code].boxes, 1):
            for i, (text, x0, x1, y0, _y1) in enumerate(boxes):
                where = f"{code} page {number}: {text[:40]!r}"
                assert x0 >= 0.05 and x1 <= 0.95, where
                if i < len(boxes) - 2:  # the last two are the footer and the page number
                    assert y0 >= bottom - 0.001, where
            overlaps = [
                (a[0][:30], b[0][:30])
                for i, a in enumerate(boxes)
                for b in boxes[i + 1 :]
                if min(a[2], b[2]) - max(a[1], b[1]) > 0.002
                and min(a[4], b[4]) - max(a[3], b[3]) > 0.001
            ]
            assert overlaps == [], f"{code} page {number}"
    de = both["de"]
    if de.report.triggers and any(f.label == LONG_NAME for f in de.report.triggers.findings):
        # the care diary's 80-character factor name, shown whole on page 2 (no last words cut)
        assert " ".join(LONG_NAME.split()[-4:]) in " ".join(de.pages[1].split())
