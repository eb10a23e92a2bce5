"""The PDF report opens, is A4, one page (two with the trigger table), says what it should."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from twitchlog.diary import days, episodes
from twitchlog.diary.demo import fill_demo

A4_PT = (595.3, 841.9)
HEADINGS = (
    "summary for a doctor visit",
    "Episodes over time",
    "Severity and places",
    "Triggers with a clear or possible link",
    "Treatments: before and after",
    "Warning signs and when to see a doctor",
)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def assert_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4_PT[0], abs=1)
        assert float(box.height) == pytest.approx(A4_PT[1], abs=1)


def test_demo_year_report(db, tmp_path: Path, run_cli, db_path) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        fill_demo(s, 365, end=dt.date(2025, 6, 30))
    out = tmp_path / "report.pdf"
    code, text, err = run_cli(
        "report", str(out), "--from", "2024-07-01", "--to", "2025-06-30", "--name", "Ana Smith"
    )
    assert code == 0, err
    assert "2024-07-01 to 2025-06-30" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    reader = PdfReader(out)
    assert len(reader.pages) == 2  # page 2: the full trigger table
    assert_a4(reader)
    words = pdf_text(out)
    flat = " ".join(words.split())
    for heading in HEADINGS:
        assert heading in flat
    assert "All trigger comparisons" in flat
    assert "Period 2024-07-01 to 2025-06-30 (365 days)" in flat
    assert "Ana Smith" in flat
    assert "Association, not cause" in flat
    assert "onabotulinumtoxinA" in flat
    # a row per injection cycle: date, product and units, onset, wear-off, side effects
    assert "Botulinum toxin cycles" in flat and "onabotulinumtoxinA 25 units" in flat
    assert "Wear-off: measured / felt" in flat
    # fonts are embedded TrueType (vector text a doctor's PDF viewer can search)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object().get(
            "/FontDescriptor"
        )
        assert "/FontFile2" in desc.get_object()


def test_short_diary_is_one_page_and_says_too_little(db, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    d0 = dt.date(2025, 3, 3)
    with db.write() as s:
        days.check_in(s, d0, {"caffeine_mg": 200}, note="first day")
        episodes.log_episode(
            s,
            started_at=dt.datetime(2025, 3, 3, 10).astimezone(),
            severity=2,
            places=["left:upper_eyelid"],
            signs=["numbness"],
        )
    out = tmp_path / "short.pdf"
    code, _, err = run_cli("report", str(out))
    assert code == 0, err
    reader = PdfReader(out)
    assert_a4(reader)
    flat = " ".join(pdf_text(out).split())
    assert len(reader.pages) in (1, 2)
    assert "Period 2025-03-03 to 2025-03-03 (1 day)" in flat
    assert "numbness ×1" in flat
    # the applicable 'when to see a doctor' item is marked as seen
    assert "● Comes with weakness, numbness" in flat
    # a short diary's trend is drawn by day, not as one bar over the whole week
    assert "episodes a day" in flat and "day with a check-in" in flat
    assert "episodes a week" not in flat


def test_empty_diary_refuses_with_a_sentence(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("report", str(tmp_path / "r.pdf"))
    assert code == 2
    assert "nothing in this period" in err
    assert not (tmp_path / "r.pdf").exists()


def test_report_needs_pdf_name(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("report", str(tmp_path / "r.txt"))
    assert code == 2 and ".pdf" in err
