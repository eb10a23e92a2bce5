"""Nothing lost, nothing touched that isn't ours: exports, paths, folders, leftovers.

Each test reproduces a finding of issue 14 with the real command line.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import dump, private_devices

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The real `twitchlog` in a child process: (exit status, stdout, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "twitchlog", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


# Item 1: exporting onto the diary wiped it.
@pytest.mark.parametrize("what", ["days", "doctor"])
def test_export_onto_the_diary_is_refused_and_the_entry_kept(what: str, tmp_path: Path) -> None:
    diary = tmp_path / "d.sqlite3"
    assert cli("log", "--db", str(diary), "--note", "just logged")[0] == 0
    code, _, err = cli("export", what, str(diary), "--db", str(diary))
    assert code == 2 and "belongs to the diary" in err and "Traceback" not in err
    assert any("just logged" in line for line in dump(diary))


def test_export_into_the_backups_folder_is_refused(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli("backup", db=diary)
    backup = Path(out.strip())
    before = backup.read_bytes()
    for target in (backup, backup.with_name("notes.csv")):
        code, _, err = run_cli("export", "episodes", str(target), db=diary)
        assert code == 2 and "belongs to the diary" in err
    assert backup.read_bytes() == before and not backup.with_name("notes.csv").exists()


# Item 7: touching what isn't ours.
def test_export_to_a_null_device_leaves_the_device(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    null = private_devices(diary.parent) / "null"  # a copy of /dev/null: no risk to the real one
    code, _, err = run_cli("export", "days", str(null), db=diary)
    assert code == 2 and "not a regular file" in err
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_an_existing_shared_folder_keeps_its_mode(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    assert run_cli("log", "--note", "x", db=shared / "diary.sqlite3")[0] == 0
    assert run_cli("export", "days", str(shared / "days.csv"), db=shared / "diary.sqlite3")[0] == 0
    assert _mode(shared) == 0o1777  # the sticky bit is still there


def test_a_device_as_diary_leaves_nothing_beside_it(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    dev = private_devices(tmp_path)  # a copy of /dev/zero: no risk to the real one
    for command in ("log", "list", "backup", "check"):
        code, _, err = run_cli(command, db=dev / "zero")
        assert code == 2 and "not a regular file" in err, err
    assert sorted(p.name for p in dev.iterdir()) == ["null", "zero"]
    assert stat.S_ISCHR(os.stat(dev / "zero").st_mode)


# Item 14: files and folders outside the data folder.
def test_new_folders_and_the_settings_file_are_private_under_umask_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.gui import prefs

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    old = os.umask(0)
    try:
        from twitchlog.cli import main

        assert main(["log", "--note", "default place"]) == 0
        out = tmp_path / "exports" / "new" / "days.csv"
        assert run_cli("export", "days", str(out))[0] == 0
        prefs.put("reminder/time", "21:00")
    finally:
        os.umask(old)
    for folder in (
        tmp_path / "home" / ".local",
        tmp_path / "home" / ".local" / "share",
        tmp_path / "home" / ".local" / "share" / "twitchlog",
        tmp_path / "exports",
        tmp_path / "exports" / "new",
        tmp_path / "home" / ".config",
    ):
        assert _mode(folder) == 0o700, folder
    assert _mode(out) == 0o600
    assert _mode(prefs.settings_file()) == 0o600


# Item 4: paths with ?, %41 or # (all legal in folder names).
@pytest.mark.parametrize("folder", ["q?dir", "pct%41dir", "hash#dir", "sp ace&x=1"])
def test_odd_folder_names_reach_the_right_file(folder: str, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / folder
    diary = home / "diary.sqlite3"
    csv = tmp_path / "in.csv"
    csv.write_text(
        "started_at,severity,duration_s,regions,count,signs,notes\n"
        "2025-03-01T08:00:00+01:00,3,30,left:cheek,,,imported\n"
    )
    assert run_cli("log", "--note", "logged", db=diary)[0] == 0
    assert run_cli("import", str(csv), db=diary)[0] == 0
    assert run_cli("day", "--sleep", "7", db=diary)[0] == 0
    code, out, _ = run_cli("backup", db=diary)
    assert code == 0
    backup = Path(out.strip())
    assert backup.parent.parent == home
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder, "in.csv"])
    for path in (diary, backup):
        text = "\n".join(dump(path))
        assert "logged" in text and "imported" in text and 'INSERT INTO "day"' in text
    assert run_cli("check", db=diary)[0] == 0
    code, out, _ = run_cli("list", db=diary)
    assert "imported" in out and "logged" in out


def test_the_uri_quotes_every_special_character(tmp_path: Path) -> None:
    from twitchlog.db.connect import connect

    odd = tmp_path / "a?b#c%41d" / "x.sqlite3"
    odd.parent.mkdir()
    con = connect(odd)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    assert odd.is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["a?b#c%41d"]
    ro = connect(odd, read_only=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()


# Item 11: URL diaries are gone.
@pytest.mark.parametrize("url", ["sqlite://", "sqlite:////tmp/x.sqlite3", "postgresql://u@h/db"])
def test_a_database_url_is_refused_in_one_sentence(url: str, tmp_path: Path) -> None:
    code, out, err = cli("log", "--db", url, "--note", "where does this go?", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.startswith("twitchlog: --db takes the path of a diary file") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


# Item 8: "It was not changed" must be true for files in rollback-journal mode.
def _rollback_file(path: Path, sql: str) -> bytes:
    con = sqlite3.connect(path)
    con.executescript(sql)
    con.close()
    data = path.read_bytes()
    assert data[18:20] == b"\x01\x01"  # rollback journal, not WAL
    return data


def test_another_programs_database_is_left_byte_for_byte(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "photos.db"
    before = _rollback_file(other, "CREATE TABLE photo (id INTEGER, name TEXT);")
    for command in ("log", "list", "day"):
        code, _, err = run_cli(command, db=other)
        assert code == 2 and "not a twitchlog diary" in err and "not changed" in err
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_a_newer_diary_in_rollback_mode_is_left_byte_for_byte(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(diary)
    con.execute("UPDATE alembic_version SET version_num = '20991231_99'")
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    before = diary.read_bytes()
    assert before[18:20] == b"\x01\x01"
    for command in ("log", "list"):
        code, _, err = run_cli(command, db=diary)
        assert code == 2 and "newer version" in err
    assert diary.read_bytes() == before


# Item 15: leftovers after a kill are cleaned on the next run.
def test_stale_part_files_are_removed_and_live_ones_kept(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.paths import backups_dir

    assert run_cli("backup", db=diary)[0] == 0
    folder = backups_dir(diary)
    stale_backup = folder / "diary-20261101-101010-manual.sqlite3.part"
    stale_backup.write_bytes(b"x" * 100_000)
    out = diary.parent / "days.csv"
    stale_export = diary.parent / ".days.csv.abc123.part"
    stale_export.write_bytes(b"half a csv")
    stale_restore = diary.parent / ".diary.sqlite3.restore.part"
    stale_restore.write_bytes(b"half a diary")
    live = folder / "diary-20261130-101010-daily.sqlite3.part"  # another program writes it now
    live.write_bytes(b"being written")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert run_cli("backup", db=diary)[0] == 0
        assert run_cli("export", "days", str(out), db=diary)[0] == 0
        assert not stale_backup.exists() and not stale_export.exists()
        assert not stale_restore.exists()
        assert live.exists()
    finally:
        os.close(fd)
    assert run_cli("backup", db=diary)[0] == 0
    assert not live.exists()
