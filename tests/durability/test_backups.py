"""Automatic backups: consistent, daily when something changed, rotated, restorable."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.durability.helpers import raw_rows
from twitchlog.db.backup import (
    backup_now,
    choose_kept,
    list_backups,
    maybe_daily_backup,
    prune_backups,
    restore_backup,
)
from twitchlog.db.migrate import open_database
from twitchlog.diary.episodes import log_episode
from twitchlog.paths import backups_dir

NOW = dt.datetime(2026, 11, 22, 9, 30)


def _count(path: Path, table: str = "episode") -> int:
    return raw_rows(path, f"SELECT count(*) FROM {table}")[0][0]


def _log(db, n: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        with db.write() as session:
            log_episode(session, severity=2, places=["left:upper_eyelid"], notes="x")


# --- rotation (pure) -------------------------------------------------------------------


def test_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    taken = [NOW - dt.timedelta(days=d) for d in range(800)]  # one backup a day
    kept = choose_kept(taken)
    days = {t.date() for t in kept}
    last7 = {NOW.date() - dt.timedelta(days=d) for d in range(7)}
    assert last7 <= days
    # newest of each of the last 4 ISO weeks and of the last 12 months
    weeks = sorted({t.isocalendar()[:2] for t in taken}, reverse=True)[:4]
    months = sorted({(t.year, t.month) for t in taken}, reverse=True)[:12]
    for w in weeks:
        assert max(t for t in taken if t.isocalendar()[:2] == w) in kept
    for mo in months:
        assert max(t for t in taken if (t.year, t.month) == mo) in kept
    assert min(kept) >= dt.datetime(2025, 12, 1)  # nothing older than 12 months survives
    assert len(kept) <= 7 + 4 + 12
    assert choose_kept(kept) == kept  # pruning twice removes nothing more


def test_rotation_keeps_newest_of_each_day_and_the_three_newest() -> None:
    taken = [NOW - dt.timedelta(hours=h) for h in range(0, 24 * 10, 2)]  # 12 a day
    kept = choose_kept(taken)
    assert set(sorted(taken, reverse=True)[:3]) <= kept
    for d in range(7):
        day = (NOW - dt.timedelta(days=d)).date()
        assert max(t for t in taken if t.date() == day) in kept
    assert len([t for t in kept if t.date() == (NOW - dt.timedelta(days=3)).date()]) == 1
    assert choose_kept([]) == set()


def test_prune_deletes_only_what_rotation_drops(demo_diary: Path) -> None:
    for d in range(40):
        backup_now(demo_diary, "daily", now=NOW - dt.timedelta(days=d))
    other = backups_dir(demo_diary) / "notes-i-keep.txt"
    other.write_text("mine")
    gone = prune_backups(demo_diary)
    left = {b.taken for b in list_backups(demo_diary)}
    assert left == choose_kept([NOW - dt.timedelta(days=d) for d in range(40)])
    assert len(gone) == 40 - len(left)
    assert other.read_text() == "mine"


# --- daily backups ----------------------------------------------------------------------


def test_daily_backup_only_when_something_changed(db_path: Path) -> None:
    db = open_database(str(db_path))
    try:
        assert maybe_daily_backup(db, now=NOW) is None  # an empty new diary: nothing to keep
        _log(db)
        first = maybe_daily_backup(db, now=NOW)
        assert first is not None and _count(first) == 1
        assert maybe_daily_backup(db, now=NOW + dt.timedelta(hours=3)) is None  # same day
        tomorrow = NOW + dt.timedelta(days=1)
        assert maybe_daily_backup(db, now=tomorrow) is None  # nothing changed since
        _log(db, 2)
        second = maybe_daily_backup(db, now=tomorrow)
        assert second is not None and _count(second) == 3
        assert _count(first) == 1  # the older backup is untouched
    finally:
        db.close()


def test_daily_backup_skips_a_copy_identical_to_the_last(db_path: Path) -> None:
    """Timestamps that move without a change (a checkpoint on close) add no backup."""
    db = open_database(str(db_path))
    _log(db)
    assert maybe_daily_backup(db, now=NOW) is not None
    db.close()  # the checkpoint on close rewrites the diary file
    db = open_database(str(db_path))
    try:
        assert maybe_daily_backup(db, now=NOW + dt.timedelta(days=1)) is None
        assert len(list_backups(db_path)) == 1
    finally:
        db.close()


def test_backup_during_an_open_write_holds_only_committed_data(demo_diary: Path) -> None:
    before = _count(demo_diary)
    db = open_database(str(demo_diary))
    try:
        with db.write() as session:
            log_episode(session, severity=4, notes="not yet committed")  # transaction open
            copy = backup_now(demo_diary, "manual")
        assert _count(demo_diary) == before + 1
    finally:
        db.close()
    assert _count(copy) == before
    assert raw_rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert not copy.with_name(copy.name + "-wal").exists()


def test_backup_copies_committed_data_still_in_the_wal(demo_diary: Path) -> None:
    db = open_database(str(demo_diary))
    try:
        _log(db, 3)
        wal = demo_diary.with_name(demo_diary.name + "-wal")
        assert wal.stat().st_size > 0  # the new rows live in the WAL only
        copy = backup_now(demo_diary, "manual")
        assert _count(copy) == _count(demo_diary)
    finally:
        db.close()


# --- restore ----------------------------------------------------------------------------


def _crash_with_wal(db_path: Path, first: int, n: int) -> None:
    """Leave exactly n committed entries in the -wal, as a killed program does."""
    from tests.durability.helpers import start_writer

    proc = start_writer(db_path, first=first, count=n, hold=True)
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.startswith("held"):
            break
    proc.kill()
    proc.communicate()


def test_restore_replaces_diary_and_never_mixes_in_the_stale_wal(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    base = _count(demo_diary)
    good = backup_now(demo_diary, "manual")
    _crash_with_wal(demo_diary, 0, 5)
    wal = demo_diary.with_name(demo_diary.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0

    code, out, err = run_cli("restore", "--yes", db=demo_diary)
    assert code == 0, err
    assert good.name in out and "before-restore" in out
    assert _count(demo_diary) == base
    assert not wal.exists() or wal.stat().st_size == 0
    assert raw_rows(demo_diary, "PRAGMA integrity_check") == [("ok",)]
    saved = [b for b in list_backups(demo_diary) if b.reason == "before-restore"]
    assert len(saved) == 1 and _count(saved[0].path) == base + 5  # WAL content kept there
    assert stat.S_IMODE(demo_diary.stat().st_mode) == 0o600
    db = open_database(str(demo_diary))  # and it opens as a normal diary
    db.close()


def test_restore_without_yes_lists_and_changes_nothing(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    backup_now(demo_diary, "manual", now=NOW - dt.timedelta(days=1))
    newest = backup_now(demo_diary, "manual", now=NOW)
    before = demo_diary.read_bytes()
    code, out, _ = run_cli("restore", db=demo_diary)
    assert code == 1
    lines = [ln for ln in out.splitlines() if ln.startswith("  ")]
    assert newest.name in lines[0]  # newest first
    assert "--yes" in out
    assert demo_diary.read_bytes() == before


def test_restore_skips_a_damaged_backup_and_uses_the_newest_good_one(
    demo_diary: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    good = backup_now(demo_diary, "manual", now=NOW - dt.timedelta(days=1))
    bad = backup_now(demo_diary, "manual", now=NOW)
    bad.write_bytes(b"\0" * 4096)
    code, out, err = run_cli("restore", "--yes", db=demo_diary)
    assert code == 0, err
    assert "damaged, skipped" in out and f"from {good.name}" in out


def test_restore_refuses_a_bad_backup_file(demo_diary: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database")
    before = demo_diary.read_bytes()
    code, _, err = run_cli("restore", "--yes", str(bogus), db=demo_diary)
    assert code == 2 and "not a good backup" in err
    assert demo_diary.read_bytes() == before


def test_restore_refuses_while_a_window_has_the_diary_open(demo_diary: Path) -> None:
    from twitchlog.db.lock import acquire_window_lock
    from twitchlog.errors import DiaryUnavailable

    good = backup_now(demo_diary, "manual")
    before = demo_diary.read_bytes()
    with acquire_window_lock(demo_diary), pytest.raises(DiaryUnavailable):
        restore_backup(demo_diary, good)
    assert demo_diary.read_bytes() == before


def test_restore_keeps_the_exact_bytes_of_a_damaged_diary(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    backup_now(demo_diary, "manual")
    damaged = bytearray(demo_diary.read_bytes())
    damaged[:100] = bytes(100)
    demo_diary.write_bytes(damaged)
    code, _, err = run_cli("restore", "--yes", db=demo_diary)
    assert code == 0, err
    kept = [b for b in list_backups(demo_diary) if b.reason == "before-restore-damaged"]
    assert kept[0].path.read_bytes() == bytes(damaged)
    assert raw_rows(demo_diary, "PRAGMA integrity_check") == [("ok",)]


def test_backup_command_prints_a_private_consistent_file(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli("backup", db=demo_diary)
    assert code == 0
    made = Path(out.strip())
    assert made.parent == backups_dir(demo_diary)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert _count(made) == _count(demo_diary)
    con = sqlite3.connect(made)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_a_failing_daily_backup_warns_but_the_entry_is_saved(
    run_cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import errno

    from twitchlog.db import backup as backup_mod

    assert run_cli("log", "--at", "2026-11-01 10:00")[0] == 0  # something worth backing up

    def full_disk(*_a: object, **_k: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_mod, "backup_now", full_disk)
    monkeypatch.setattr(backup_mod, "list_backups", lambda _p: [])  # so a daily one is due
    code, out, err = run_cli("log", "--at", "2026-11-01 11:00")
    assert code == 0 and "Logged episode 2" in out
    assert "warning: today's automatic backup failed" in err and "No space left" in err
