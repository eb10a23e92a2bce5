"""Disk full or I/O error: the diary and old exports are unchanged, the user gets a sentence."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from tests.durability.helpers import raw_rows
from twitchlog.db import lite
from twitchlog.db.errors import explain
from twitchlog.errors import DiaryError


def _enospc(*_a: object, **_k: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["os.replace", "os.fsync"])
def test_export_on_a_full_disk_keeps_the_old_file(
    where: str, demo_diary: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "for-doctor.csv"
    assert run_cli("export", "episodes", str(out), db=demo_diary)[0] == 0
    old = out.read_bytes()
    run_cli("backup", db=demo_diary)  # today's automatic backup is done before the failure
    monkeypatch.setattr(where, _enospc)
    code, _, err = run_cli("export", "days", str(out), db=demo_diary)
    monkeypatch.undo()
    assert code == 2
    assert "disk is full" in err and "unchanged" in err and "Traceback" not in err
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def _limit_pages(monkeypatch: pytest.MonkeyPatch, diary: Path, extra_pages: int) -> None:
    """The diary may grow only a little, by either driver: SQLite then reports SQLITE_FULL."""
    [(pages,)] = raw_rows(diary, "PRAGMA page_count")
    cap = f"PRAGMA max_page_count={pages + extra_pages}"
    monkeypatch.setattr(lite, "PRAGMAS", (*lite.PRAGMAS, cap))


def test_import_into_a_full_diary_changes_nothing(
    demo_diary: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.csv"
    lines = ["started_at,severity,duration_s,regions,count,signs,notes"]
    lines += [  # several import chunks (2,000 rows each) fit before the disk fills
        f"2025-06-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{i % 59:02d}+01:00,2,10,"
        f"left:cheek,1,,{i} {'long note ' * 90}"
        for i in range(6000)
    ]
    big.write_text("\n".join(lines) + "\n")
    before = raw_rows(demo_diary, "SELECT count(*) FROM episode")
    _limit_pages(monkeypatch, demo_diary, extra_pages=800)
    code, _, err = run_cli("import", str(big), db=demo_diary)
    assert code == 2
    assert "disk is full" in err and "not saved" in err and "Traceback" not in err
    monkeypatch.undo()
    assert raw_rows(demo_diary, "SELECT count(*) FROM episode") == before
    assert raw_rows(demo_diary, "PRAGMA integrity_check") == [("ok",)]


def test_logging_into_a_full_diary_says_so(
    demo_diary: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    before = raw_rows(demo_diary, "SELECT count(*) FROM episode")
    run_cli("backup", db=demo_diary)
    _limit_pages(monkeypatch, demo_diary, extra_pages=0)
    code, _, err = run_cli("log", "--severity", "2", "--note", "n" * 9000, db=demo_diary)
    assert code == 2 and "disk is full" in err
    monkeypatch.undo()
    assert raw_rows(demo_diary, "SELECT count(*) FROM episode") == before


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (sqlite3.OperationalError("disk I/O error"), "input/output error"),
        (sqlite3.OperationalError("database is locked"), "busy"),
        (sqlite3.DatabaseError("database disk image is malformed"), "twitchlog restore"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (OSError(errno.EIO, "Input/output error", "x.csv"), "input/output error"),
        (PermissionError(errno.EACCES, "Permission denied", "/x.csv"), "may not write"),
    ],
)
def test_storage_failures_become_sentences(error: Exception, words: str) -> None:
    from sqlalchemy.exc import DBAPIError

    wrapped = (
        [] if isinstance(error, OSError) else [DBAPIError.instance("X", {}, error, sqlite3.Error)]
    )
    for exc in (error, *wrapped):  # as sqlite3 raises it and as SQLAlchemy wraps it
        said = explain(exc)
        assert isinstance(said, DiaryError) and words in str(said)


def test_other_errors_are_not_disguised() -> None:
    assert explain(ValueError("a bug")) is None
    assert explain(sqlite3.OperationalError("no such table: x")) is None
