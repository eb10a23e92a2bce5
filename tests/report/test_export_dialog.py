"""The Export dialog writes the chosen files into a folder and previews the doctor CSV."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from shiboken6 import isValid

pytest.importorskip("pytestqt")

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices

from twitchlog.diary.demo import fill_demo
from twitchlog.gui.export_dialog import ExportDialog

END = dt.date(2025, 6, 30)


@pytest.fixture
def dialog(db, db_path, open_runner, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with db.write() as s:
        fill_demo(s, 200, end=END)
    runner = open_runner(db_path)
    dlg = ExportDialog(runner.read, folder=tmp_path)
    qtbot.addWidget(dlg)
    dlg.show()
    # the diary's span arrives from the worker and fills the range, then the preview
    qtbot.waitUntil(lambda: dlg.end_edit.date() == QDate(2025, 6, 30), timeout=10_000)
    qtbot.waitUntil(lambda: dlg.model.rowCount() > 0, timeout=10_000)
    yield dlg
    qtbot.waitUntil(runner.is_idle, timeout=60_000)
    if isValid(dlg):  # pytest-qt may have closed and deleted it already
        dlg.close()


def test_preview_shows_the_first_days_of_the_doctor_csv(dialog) -> None:  # type: ignore[no-untyped-def]
    model = dialog.model
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:3] == ["Date", "Checked in", "Episodes"]
    assert "Caffeine (mg)" in headers
    first = model.index(0, 0).data()
    assert first == (END - dt.timedelta(days=199)).isoformat()
    assert model.rowCount() == 12


def test_export_writes_all_three_files(dialog, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog.start_edit.setDate(QDate(2025, 4, 1))
    dialog.name_edit.setText("Ana Smith")
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as blocker:
        dialog.export_button.click()
    paths = blocker.args[0]
    assert [p.suffix for p in paths] == [".csv", ".csv", ".pdf"]
    for p in paths:
        assert p.parent == tmp_path and p.stat().st_size > 0
    doctor = paths[0]
    with doctor.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["Date"] == "2025-04-01" and rows[-1]["Date"] == "2025-06-30"
    assert paths[2].read_bytes().startswith(b"%PDF")
    assert dialog.progress.value() == 3
    assert dialog.open_button.isVisible()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_button.click()
    assert opened and Path(opened[0].toLocalFile()) == tmp_path


def test_only_the_pdf_and_a_missing_folder(dialog, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.doctor_box.setChecked(False)
    dialog.episodes_box.setChecked(False)
    dialog.pdf_box.setChecked(False)
    assert not dialog.export_button.isEnabled()
    dialog.pdf_box.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "nope"))
    dialog.export_button.click()
    assert "no folder" in dialog.status.text()
    assert not any(tmp_path.iterdir()) or all(p.name != "nope" for p in tmp_path.iterdir())
