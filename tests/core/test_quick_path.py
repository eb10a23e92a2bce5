"""One way in: every use case runs on the stdlib sqlite3 connection, without SQLAlchemy.

What a user would check: the everyday commands and the window's loading stay fast (the
SQLAlchemy import alone costs ~0.17 s), rows written by plain SQL read back exactly
through the models that declare the schema, and a refused entry leaves nothing behind.
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
from twitchlog.diary import episodes
from twitchlog.diary.records import Place
from twitchlog.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]
TZ = dt.timezone(dt.timedelta(hours=1))
HEAVY = ("sqlalchemy", "alembic")


def _modules_after(code: str, *argv: str, watch: tuple[str, ...] = HEAVY) -> list[str]:
    """Run `code` in a fresh process; which of `watch` had it imported at the end?"""
    probe = f"; print('heavy:', *[m for m in {watch!r} if m in sys.modules])"
    out = subprocess.run(
        [sys.executable, "-c", "import sys; " + code + probe, *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    ).stdout
    return out.strip().splitlines()[-1].split()[1:]


def _cli(*argv: str) -> list[str]:
    run = "from twitchlog.cli import main; rc = main(sys.argv[1:]); assert rc == 0, rc"
    return _modules_after(run, *argv)


def test_use_cases_on_an_up_to_date_diary_import_no_sqlalchemy(
    db_path: Path, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("log")[0] == 0  # creates the diary (the one path that needs the models)
    db = ["--db", str(db_path)]
    assert _cli("log", "--severity", "3", "--at", "yesterday 21:15", *db) == []
    assert _cli("day", "yesterday", "--sleep", "7", "--cups", "2", *db) == []
    days_csv, episodes_csv = tmp_path / "days.csv", tmp_path / "episodes.csv"
    assert _cli("export", "days", str(days_csv), *db) == []
    assert _cli("export", "episodes", str(episodes_csv), *db) == []
    assert _cli("export", "doctor", str(tmp_path / "doctor.csv"), *db) == []
    assert _cli("import", str(days_csv), *db) == []
    assert _cli("import", str(episodes_csv), *db) == []
    assert _cli("settings", "--day-start", "5", *db) == []
    load = (
        "from twitchlog.db.lite import open_diary; "
        "from twitchlog.diary.dataset import load_daily_data, load_episode_points; "
        "d = open_diary(sys.argv[1]); c = d.read().__enter__(); "
        "print(load_daily_data(c).n_days, len(load_episode_points(c).severity))"
    )
    assert _modules_after(load, str(db_path)) == []
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT severity FROM episode ORDER BY id").fetchall() == [(2,), (3,)]


def test_export_doctor_imports_only_what_it_uses(db_path: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """The doctor CSV is measured against a bare sqlite3 + csv script (goal: 1.3x); its
    command skips dataclasses (and the code each one generates), json and strptime, which
    cost it ~20 ms. The diary holds what each column reads: places, signs, values, a
    treatment, an injection and today's backup."""
    db = ["--db", str(db_path)]
    for argv in (
        ("log", "--at", "yesterday 9:00", "--where", "left:upper_eyelid", "--sign", "pain"),
        ("day", "yesterday", "--sleep", "7", "--note", "=1+2"),
        ("treatment", "add", "magnesium", "--kind", "medication", "--start", "yesterday"),
        ("injection", "add", "yesterday", "--product", "ona", "--units", "25"),
    ):
        assert run_cli(*argv)[0] == 0, argv
    out = tmp_path / "doctor.csv"
    run = "from twitchlog.cli import main; rc = main(sys.argv[1:]); assert rc == 0, rc"
    unused = ("dataclasses", "json", "_strptime")
    assert _modules_after(run, "export", "doctor", str(out), *db, watch=unused) == []
    assert "'=1+2" in out.read_text(encoding="utf-8-sig")  # the file itself was written


def test_the_window_opens_and_loads_an_up_to_date_diary_without_sqlalchemy(
    run_cli, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("day", "yesterday", "--sleep", "7")[0] == 0
    shot = tmp_path / "window.png"
    argv = ["gui", "--db", str(db_path), "--screenshot", str(shot), "--wait-loaded"]
    assert _cli(*argv) == []  # the worker opened it with open_diary and filled Today
    assert shot.stat().st_size > 0


def test_a_new_or_changed_diary_is_prepared_by_the_same_opener(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(Exception, match="not a twitchlog diary"):
        lite.open_diary(str(other))
    diary = tmp_path / "diary.sqlite3"
    lite.open_diary(str(diary)).close()  # created from the models
    con = sqlite3.connect(diary)
    con.execute("UPDATE factor SET label = 'Old name' WHERE key = 'caffeine_mg'")
    con.commit()
    con.close()
    # A catalog from an older version is brought up to date, still without SQLAlchemy.
    code = "from twitchlog.db.lite import open_diary; open_diary(sys.argv[1]).close(); print()"
    assert _modules_after(code, str(diary)) == []
    label = (
        sqlite3.connect(diary)
        .execute("SELECT label FROM factor WHERE key = 'caffeine_mg'")
        .fetchone()
    )
    assert label == ("Caffeine",)


def test_an_episode_written_in_sql_reads_back_through_the_models(tmp_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from twitchlog.db import models as m

    diary = tmp_path / "diary.sqlite3"
    opened = lite.open_diary(str(diary))
    at = dt.datetime(2026, 11, 1, 9, 30, tzinfo=TZ)
    with opened.write() as conn:
        logged = episodes.log_episode(
            conn,
            started_at=at,
            severity=3,
            duration_s="1m30s",
            places=["left:upper_eyelid", "right:cheek"],
            signs=["pain"],
            notes="after coffee",
        )
    opened.close()
    engine = create_engine(f"sqlite:///{diary}")
    with Session(engine) as s:
        row = s.get(m.Episode, logged.id)
        assert row is not None
        assert row.started_utc == dt.datetime(2026, 11, 1, 8, 30)
        assert row.diary_date == dt.date(2026, 11, 1)
        assert [(r.side, r.region) for r in row.regions] == [
            ("left", "upper_eyelid"),
            ("right", "cheek"),
        ]
        assert [x.sign for x in row.signs] == ["pain"]
    engine.dispose()
    assert logged.places == (Place("left", "upper_eyelid"), Place("right", "cheek"))
    assert logged.started_at == at


def test_a_refused_entry_leaves_nothing_half_written(tmp_path: Path) -> None:
    opened = lite.open_diary(str(tmp_path / "diary.sqlite3"))
    with pytest.raises(ValidationError, match="Severity must be"), opened.write() as conn:
        episodes.log_episode(conn, severity=2)
        episodes.log_episode(conn, severity=9)  # the whole transaction is refused
    with opened.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM episode").fetchone() == (0,)
    opened.close()
