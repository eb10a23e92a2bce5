"""Ten years (3,650 days, ~30,000 episodes) export in seconds: measured, printed, not asserted.

Run with `pytest -m benchmark tests/report -s`; the figures go in the issue notes.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

import pytest

from twitchlog.diary.demo import fill_demo
from twitchlog.report.doctor_csv import export_doctor_csv
from twitchlog.report.pdf import write_report_pdf
from twitchlog.report.summary import load_report


@pytest.mark.benchmark
def test_ten_years_export(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        _, n_episodes = fill_demo(s, 3650, end=dt.date(2025, 12, 31))
    out = tmp_path / "doctor.csv"
    t0 = time.perf_counter()
    with db.read() as s:
        rows = export_doctor_csv(s, out)
    t_csv = time.perf_counter() - t0
    t0 = time.perf_counter()
    with db.read() as s:
        report = load_report(s)
    pages = write_report_pdf(report, tmp_path / "report.pdf")
    t_pdf = time.perf_counter() - t0
    print(
        f"\nten years: {rows} days, {n_episodes} episodes; doctor CSV {t_csv:.2f} s, "
        f"PDF ({pages} pages) {t_pdf:.2f} s"
    )
    assert rows == 3650
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == 3651
