"""Export → import round trips, idempotent imports, all-or-nothing with line numbers."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from twitchlog.db.migrate import open_database
from twitchlog.diary import days, demo, episodes, factors


def _snapshot(db):  # type: ignore[no-untyped-def]
    with db.read() as s:
        eps = [
            (
                e.started_at,
                e.severity,
                e.duration_s,
                e.count,
                e.places,
                e.signs,
                e.notes,
                e.diary_date,
            )
            for e in episodes.list_episodes(s)
        ]
        ds = days.list_days(s)
        fs = [(f.key, f.kind) for f in factors.list_factors(s)]
    return eps, ds, fs


def test_export_import_round_trip_into_an_empty_diary(run_cli, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    with db.write() as s:
        demo.fill_demo(s, 60, end=dt.date(2026, 10, 31))
        factors.add_factor(s, "chocolate", kind="yesno")
        days.check_in(
            s, dt.date(2026, 10, 30), {"chocolate": 1}, note='said "hi", then, left\nnew line ✓'
        )
        episodes.log_episode(
            s,
            started_at=dt.datetime(
                2026, 10, 30, 21, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))
            ),
            severity=4,
            places=["both:jaw"],
            signs=["vision", "pain"],
            notes="=SUM(A1) not a formula, ; semicolons",
        )
    eps_csv, days_csv = tmp_path / "e.csv", tmp_path / "d.csv"
    assert run_cli("export", "episodes", str(eps_csv))[0] == 0
    assert run_cli("export", "days", str(days_csv))[0] == 0
    assert oct(os.stat(eps_csv).st_mode & 0o777) == "0o600"
    fresh = tmp_path / "fresh.sqlite3"
    code, out, err = run_cli("import", str(days_csv), db=fresh)
    assert code == 0, err
    code, out, err = run_cli("import", str(eps_csv), db=fresh)
    assert code == 0, err
    new = open_database(str(fresh))
    before, after = _snapshot(db), _snapshot(new)
    assert after[0] == before[0]  # every episode, to the second, with offset and places
    assert after[1] == before[1]  # every day, every value, every note
    assert ("chocolate", "yesno") in after[2]


def test_import_twice_adds_nothing(run_cli, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    with db.write() as s:
        demo.fill_demo(s, 30, end=dt.date(2026, 10, 31))
    e, d = tmp_path / "e.csv", tmp_path / "d.csv"
    run_cli("export", "episodes", str(e))
    run_cli("export", "days", str(d))
    before = _snapshot(db)
    code, out, _ = run_cli("import", str(e))
    assert code == 0 and " 0 added" in out and "already in the diary" in out
    code, out, _ = run_cli("import", str(d))
    assert code == 0 and "0 added, 0 updated" in out
    assert _snapshot(db) == before


def test_bad_rows_are_all_reported_and_nothing_is_imported(run_cli, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    f = tmp_path / "bad.csv"
    f.write_text(
        "started_at,severity,duration_s,regions,count,signs,notes\n"
        "2026-11-01 10:00,2,30,left:upper_eyelid,,,fine\n"
        "2026-11-01 11:00,7,30,left:upper_eyelid,,,bad severity\n"
        "yesterday-ish,2,,,,,bad time\n"
        "2026-11-01 12:00,2,,left:ear,,,bad place\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("import", str(f))
    assert code == 2
    assert "Nothing was imported" in err
    assert "line 3:" in err and "line 4:" in err and "line 5:" in err and "line 2:" not in err
    with db.read() as s:
        assert episodes.list_episodes(s) == []


def test_days_file_with_bad_value_changes_nothing(run_cli, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    run_cli("day", "2026-11-01", "--sleep", "7")
    f = tmp_path / "days.csv"
    f.write_text(
        "date,sleep_h,caffeine_mg\n2026-11-01,8,100\n2026-11-02,31,100\n2026-11-02,7,\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("import", str(f))
    assert code == 2 and "line 3:" in err and "at most 24 h" in err
    with db.read() as s:
        assert [(d.date, d.values) for d in days.list_days(s)] == [
            (dt.date(2026, 11, 1), {"sleep_h": 7.0})
        ]


def test_days_import_detects_repeated_dates(run_cli, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    f = tmp_path / "days.csv"
    f.write_text("date,sleep_h\n2026-11-01,8\n2026-11-01,7\n", encoding="utf-8")
    code, _, err = run_cli("import", str(f))
    assert code == 2 and "line 3: 2026-11-01 is also on line 2" in err


def test_import_of_unknown_file_kind(run_cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    f = tmp_path / "x.csv"
    f.write_text("name,value\na,1\n", encoding="utf-8")
    code, _, err = run_cli("import", str(f))
    assert code == 2 and "neither a 'started_at' column" in err
    code, _, err = run_cli("import", str(tmp_path / "missing.csv"))
    assert code == 2 and "There is no file" in err


def test_semicolon_file_from_excel_imports(run_cli, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    f = tmp_path / "excel.csv"
    f.write_bytes("\ufeffdate;sleep_h;stress\r\n2026-11-01;6,5;4\r\n".encode())
    code, out, err = run_cli("import", str(f))
    assert code == 0, err
    with db.read() as s:
        assert days.get_day(s, dt.date(2026, 11, 1)).values == {"sleep_h": 6.5, "stress": 4.0}  # type: ignore[union-attr]


def test_demo_fills_only_a_new_diary(run_cli, db):  # type: ignore[no-untyped-def]
    code, out, err = run_cli("demo", "--days", "90")
    assert code == 0, err
    with db.read() as s:
        n_days = len(days.list_days(s))
        n_eps = len(episodes.list_episodes(s))
    assert 70 <= n_days < 90  # some days are left unobserved, like a real diary
    assert n_eps > 90
    code, _, err = run_cli("demo", "--days", "30")
    assert code == 2 and "already has entries" in err
