"""What Export for a doctor visit writes, planned without Qt: names, order, the preview."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from twitchlog.diary import days, episodes
from twitchlog.report.export_plan import PREVIEW_ROWS, plan_exports, preview_rows

START, END = dt.date(2025, 4, 1), dt.date(2025, 6, 30)


def test_files_are_named_by_their_range_and_the_pdf_comes_last(tmp_path: Path) -> None:
    plan = plan_exports(tmp_path, START, END, doctor=True, episodes=True, pdf=True)
    assert [(f.label, f.path.name) for f in plan] == [
        ("doctor CSV", "twitchlog-doctor-2025-04-01_to_2025-06-30.csv"),
        ("episodes CSV", "twitchlog-episodes-2025-04-01_to_2025-06-30.csv"),
        ("PDF report", "twitchlog-report-2025-04-01_to_2025-06-30.pdf"),
    ]
    assert all(f.path.parent == tmp_path for f in plan)
    assert plan_exports(tmp_path, START, END, doctor=False, episodes=False, pdf=False) == []


def test_the_preview_is_the_head_of_the_file_the_plan_writes(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    noon = dt.datetime.combine(START, dt.time(12)).astimezone()
    with db.write() as c:
        episodes.log_episode(c, started_at=noon, severity=3)
        days.check_in(c, START, {"stress": 7})
        (doctor,) = plan_exports(tmp_path, START, END, doctor=True, episodes=False, pdf=False)
        doctor.write(c)
        shown = preview_rows(c, START, END)
    with doctor.path.open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh))
    assert len(shown) == 1 + PREVIEW_ROWS  # the header and the first twelve days
    assert shown == written[: 1 + PREVIEW_ROWS]
    assert shown[1][:3] == ["2025-04-01", "yes", "1"]


def test_in_german_the_words_change_and_the_file_stays_machine_readable(
    db,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Labels and the doctor table's words follow the language; names, dates and decimal
    points in the file do not."""
    from twitchlog import i18n
    from twitchlog.diary import injections, treatments

    noon = dt.datetime.combine(START, dt.time(12)).astimezone()
    with db.write() as c:
        episodes.log_episode(c, started_at=noon, places=["left:upper_eyelid"], signs=["numbness"])
        days.check_in(c, START, {})
        treatments.add_treatment(
            c, "magnesium", kind="medication", start=START, dose=250.5, unit="mg"
        )
        injections.add_injection(c, START - dt.timedelta(days=3), product="ona", units=50)
    before = i18n.language()
    try:
        i18n.set_language("de")
        plan = plan_exports(tmp_path, START, END, doctor=True, episodes=True, pdf=True)
        with db.read() as c:
            shown = preview_rows(c, START, END)
    finally:
        i18n.set_language(before)
    assert [f.label for f in plan] == ["Arzt-CSV", "Episoden-CSV", "PDF-Bericht"]
    assert plan[0].path.name == "twitchlog-doctor-2025-04-01_to_2025-06-30.csv"
    first = shown[1]
    assert first[0] == "2025-04-01"  # ISO in the file
    assert "Oberlid links ×1" in first and "Taubheitsgefühl ×1" in first
    (treated,) = [cell for cell in first if "magnesium" in cell]
    assert "magnesium 250.5 mg" in treated  # a decimal point in the file
    assert "Tag 3 nach der Injektion" in treated
