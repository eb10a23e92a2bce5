"""`log` and `export doctor` run on the stdlib driver when the diary needs nothing done.

What a user would check: the same entry and the same file as through the full path, the
quick path never taken for a diary that must be created, upgraded or refused, and no
SQLAlchemy import on the everyday commands (that import alone costs ~0.17 s).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from twitchlog.db import lite
from twitchlog.db import models as m
from twitchlog.db.migrate import open_database
from twitchlog.diary import days, episodes, injections
from twitchlog.diary.records import Place
from twitchlog.errors import ValidationError
from twitchlog.report.doctor_csv import export_doctor_csv

ROOT = Path(__file__).resolve().parents[2]
TZ = dt.timezone(dt.timedelta(hours=1))


def _modules_after(argv: list[str]) -> list[str]:
    """Run the CLI in a fresh process; which heavy libraries did it import?"""
    code = (
        "import sys; from twitchlog.cli import main; rc = main(sys.argv[1:]); "
        "print(rc, *[m for m in ('sqlalchemy', 'alembic', 'numpy') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    ).stdout
    return out.strip().splitlines()[-1].split()


def test_everyday_commands_do_not_import_sqlalchemy(db_path: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("log")[0] == 0  # creates the diary (the full path)
    # The exit code, and no heavy module named after it.
    assert _modules_after(["log", "--severity", "3", "--db", str(db_path)]) == ["0"]
    out = tmp_path / "doctor.csv"
    assert _modules_after(["export", "doctor", str(out), "--db", str(db_path)]) == ["0"]
    assert out.stat().st_size > 0
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT severity FROM episode ORDER BY id").fetchall() == [(2,), (3,)]


def test_quick_path_is_refused_when_opening_has_work_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "new.sqlite3"
    assert lite.open_lite(str(missing)) is None and not missing.exists()
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert lite.open_lite(str(other)) is None  # the full path refuses it with a sentence
    assert lite.open_lite("sqlite:///" + str(other)) is None
    diary = tmp_path / "diary.sqlite3"
    open_database(str(diary)).close()
    quick = lite.open_lite(str(diary))
    assert quick is not None
    quick.close()
    con = sqlite3.connect(diary)
    con.execute("UPDATE factor SET label = 'Old name' WHERE key = 'caffeine_mg'")
    con.commit()
    con.close()
    assert lite.open_lite(str(diary)) is None  # the catalog must be brought up to date first
    open_database(str(diary)).close()
    assert lite.open_lite(str(diary)) is not None


def test_an_episode_logged_quickly_reads_back_through_the_orm(tmp_path: Path) -> None:
    diary = tmp_path / "diary.sqlite3"
    open_database(str(diary)).close()
    quick = lite.open_lite(str(diary))
    assert quick is not None
    at = dt.datetime(2026, 11, 1, 9, 30, tzinfo=TZ)
    with quick.write() as conn:
        logged = episodes.log_episode(
            conn,
            started_at=at,
            severity=3,
            duration_s="1m30s",
            places=["left:upper_eyelid", "right:cheek"],
            signs=["pain"],
            notes="after coffee",
        )
    quick.close()
    db = open_database(str(diary))
    with db.read() as s:
        row = s.get(m.Episode, logged.id)
        assert row is not None
        assert row.started_utc == dt.datetime(2026, 11, 1, 8, 30)
        assert row.diary_date == dt.date(2026, 11, 1)
        assert [(r.side, r.region) for r in row.regions] == [
            ("left", "upper_eyelid"),
            ("right", "cheek"),
        ]
        assert [x.sign for x in row.signs] == ["pain"]
        assert episodes.list_episodes(s) == [logged]
    db.close()
    assert logged.places == (Place("left", "upper_eyelid"), Place("right", "cheek"))
    assert logged.started_at == at


def test_a_refused_entry_leaves_nothing_half_written_on_the_quick_path(tmp_path: Path) -> None:
    diary = tmp_path / "diary.sqlite3"
    open_database(str(diary)).close()
    quick = lite.open_lite(str(diary))
    assert quick is not None
    with pytest.raises(ValidationError, match="Severity must be"), quick.write() as conn:
        episodes.log_episode(conn, severity=2)
        episodes.log_episode(conn, severity=9)  # the whole transaction is refused
    with quick.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM episode").fetchone() == (0,)
    quick.close()


def test_doctor_csv_is_the_same_file_by_either_driver(tmp_path: Path) -> None:
    diary = tmp_path / "diary.sqlite3"
    db = open_database(str(diary))
    with db.write() as s:
        days.check_in(s, dt.date(2026, 10, 1), {"caffeine_mg": 300, "sleep_h": 5.5}, note="=1+1")
        days.check_in(s, dt.date(2026, 10, 3), {}, no_twitches=True)
        for hour, sev in ((9, 2), (15, 4)):
            episodes.log_episode(
                s,
                started_at=dt.datetime(2026, 10, 1, hour, tzinfo=TZ),
                severity=sev,
                duration_s=60,
                places=["left:upper_eyelid"],
            )
        episodes.log_episode(s, started_at=dt.datetime(2026, 10, 2, 8, tzinfo=TZ), severity=1)
        injections.add_injection(s, dt.date(2026, 10, 2), product="ona", units=25)
    full, quick_csv = tmp_path / "full.csv", tmp_path / "quick.csv"
    with db.read() as s:
        assert export_doctor_csv(s, full) == 3
    db.close()
    quick = lite.open_lite(str(diary))
    assert quick is not None
    with quick.read() as conn:
        assert export_doctor_csv(conn, quick_csv) == 3
    quick.close()
    assert quick_csv.read_bytes() == full.read_bytes()
    text = full.read_text(encoding="utf-8-sig")
    assert "2026-10-02,no (only episodes logged),1," in text
    assert "'=1+1" in text  # the note stays text in a spreadsheet
