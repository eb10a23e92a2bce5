"""What "Export for a doctor visit" writes: the files for a range, and the CSV preview.

No Qt here: the window's Export dialog lays this out and runs each file's `write` on its
worker, one after the other. Files are named by their range, so a second export of another
range never overwrites the first; each writer writes its file atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from twitchlog.db.lite import Source
from twitchlog.i18n import _

PREVIEW_ROWS = 12  # days of the doctor CSV the dialog shows before exporting


@dataclass(frozen=True)
class ExportFile:
    """One file to write: what it is (for the progress text, in the language in use), where,
    and how."""

    label: str
    path: Path
    write: Callable[[Source], object]


def plan_exports(
    folder: Path,
    start: dt.date,
    end: dt.date,
    *,
    doctor: bool,
    episodes: bool,
    pdf: bool,
    name: str = "",
) -> list[ExportFile]:
    """The files chosen, in the order they are written (the slow PDF last)."""
    stem = f"{start.isoformat()}_to_{end.isoformat()}"
    files: list[ExportFile] = []
    if doctor:
        doctor_path = folder / f"twitchlog-doctor-{stem}.csv"

        def write_doctor(source: Source) -> int:
            from twitchlog.report.doctor_csv import export_doctor_csv

            return export_doctor_csv(source, doctor_path, start, end)

        files.append(ExportFile(_("doctor CSV"), doctor_path, write_doctor))
    if episodes:
        episodes_path = folder / f"twitchlog-episodes-{stem}.csv"

        def write_episodes(source: Source) -> int:
            from twitchlog.diary.transfer import export_episodes

            return export_episodes(source, episodes_path, start, end)

        files.append(ExportFile(_("episodes CSV"), episodes_path, write_episodes))
    if pdf:
        pdf_path = folder / f"twitchlog-report-{stem}.pdf"

        def write_pdf(source: Source) -> object:
            from twitchlog.report.pdf import export_report_pdf  # matplotlib: only when asked

            return export_report_pdf(source, pdf_path, start, end, name=name)

        files.append(ExportFile(_("PDF report"), pdf_path, write_pdf))
    return files


def preview_rows(source: Source, start: dt.date, end: dt.date) -> list[list[str]]:
    """Header plus the first days of the doctor CSV, as text exactly as the file has them."""
    from twitchlog.report.doctor_csv import iter_rows
    from twitchlog.report.doctor_data import load_doctor_table

    last = min(end, start + dt.timedelta(days=PREVIEW_ROWS - 1))
    table = load_doctor_table(source, start, last)
    return [["" if c is None else str(c) for c in row] for row in iter_rows(table)]
