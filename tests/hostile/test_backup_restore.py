"""Backups never hold damage, restore loses no command's write, a full disk is named."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import dump
from twitchlog.db.backup import backup_now, list_backups
from twitchlog.paths import backups_dir

ROOT = Path(__file__).resolve().parents[2]


def _damage_a_page(diary: Path) -> None:
    data = bytearray(diary.read_bytes())
    page = 4096
    data[5 * page + 8 : 6 * page] = random.Random(1).randbytes(page - 8)
    diary.write_bytes(bytes(data))


# Item 9: a damaged diary got backed up and pushed good backups out of the rotation.
def test_backup_refuses_a_damaged_diary_and_keeps_the_good_backups(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    good = [backup_now(diary, "manual") for _ in range(3)]
    _damage_a_page(diary)
    assert run_cli("list", db=diary)[0] == 2  # the damage is visible to the commands
    kept = sorted(p.name for p in backups_dir(diary).iterdir())
    for _ in range(4):
        code, out, err = run_cli("backup", db=diary)
        assert code == 2 and out == "", out
        assert "damaged" in err and "no backup was made" in err and good[-1].name in err
    assert sorted(p.name for p in backups_dir(diary).iterdir()) == kept
    assert all(g.exists() for g in good)


def test_the_daily_backup_of_a_damaged_diary_is_a_warning_not_a_copy(diary: Path) -> None:
    from twitchlog.db.backup import daily_backup_warning
    from twitchlog.db.lite import Diary

    _damage_a_page(diary)
    warning = daily_backup_warning(Diary(diary, None))  # type: ignore[arg-type]
    assert warning is not None and "damaged" in warning
    assert list_backups(diary) == []


# Item 3: restore racing with `log` lost acknowledged entries.
LOOP = textwrap.dedent(
    """
    import pathlib, subprocess, sys, time
    from twitchlog.cli import main
    db, tag, n, processes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    for i in range(n):
        if i == 1:
            pathlib.Path(f"{db}.{tag}.started").touch()  # the restores may begin
        argv = ["log", "--db", db, "--at", "2026-01-01 10:00", "--note", f"{tag}-{i}"]
        if processes:
            code = subprocess.run([sys.executable, "-m", "twitchlog", *argv]).returncode
        else:  # in one process: the pause stands for a new process starting
            code = main(argv)
            time.sleep(0.03)
        print(f"{tag}-{i} {code}", flush=True)
    """
)


def _race(diary: Path, logs: int, restores: int, processes: bool, pause: float, run_cli) -> None:  # type: ignore[no-untyped-def]
    base = backup_now(diary, "manual")
    loops = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, str(diary), tag, str(logs), "1" if processes else "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        for tag in ("A", "B")
    ]
    deadline = time.monotonic() + 120
    while not all(Path(f"{diary}.{tag}.started").exists() for tag in "AB"):
        assert time.monotonic() < deadline and all(p.poll() is None for p in loops)
        time.sleep(0.02)
    done = 0
    while done < restores and any(proc.poll() is None for proc in loops):
        code, _, err = run_cli("restore", "--yes", str(base), db=diary)
        assert code == 0, err
        done += 1
        time.sleep(pause)
    assert done >= 2, "the restores ran while the commands logged"
    acknowledged, errors = [], []
    for proc in loops:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        lines = out.splitlines()
        acknowledged += [line.split()[0] for line in lines if line.strip().endswith(" 0")]
        errors.append(err)
    missing = sorted({f"{t}-{i}" for t in "AB" for i in range(logs)} - set(acknowledged))
    assert not missing, errors  # every log was acknowledged…
    kept = "\n".join(
        line for p in (diary, *(b.path for b in list_backups(diary))) for line in dump(p)
    )
    lost = [note for note in acknowledged if f"'{note}'" not in kept]
    assert lost == [], f"{len(lost)} acknowledged entries are in no diary or backup"


def test_restore_while_commands_log_loses_nothing(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _race(diary, logs=40, restores=6, processes=False, pause=0.1, run_cli=run_cli)


@pytest.mark.slow
def test_restore_twelve_times_during_300_logs_loses_nothing(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _race(diary, logs=150, restores=12, processes=True, pause=2.0, run_cli=run_cli)


def test_restore_waits_for_a_running_command(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.db import lock

    base = backup_now(diary, "manual")
    lock.hold_for_command(diary)  # a command is in the middle of its work
    try:
        lock.RESTORE_WAIT_S, saved = 0.3, lock.RESTORE_WAIT_S
        code, _, err = run_cli("restore", "--yes", str(base), db=diary)
    finally:
        lock.RESTORE_WAIT_S = saved
        lock.release_command_locks()
    assert code == 2 and "kept the diary busy" in err and "nothing was changed" in err
    assert run_cli("restore", "--yes", str(base), db=diary)[0] == 0


# Item 13: a full disk before the -shm file exists was called an I/O error or damage.
@pytest.fixture
def full_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 1 MB file system of its own (tmpfs), so filling it touches nothing else."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_is_called_full_not_damage(full_disk: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    diary = full_disk / "diary.sqlite3"
    assert run_cli("log", "--note", "before the disk filled", db=diary)[0] == 0
    assert not diary.with_name(diary.name + "-shm").exists()
    with (full_disk / "filler").open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(bytes(4096))
        except OSError:
            pass
    before = diary.read_bytes()
    for command in ("list", "log"):
        code, _, err = run_cli(command, db=diary)
        assert code == 2 and "disk is full" in err, err
    code, out, err = run_cli("check", db=diary)
    assert code == 2 and "disk is full" in out + err
    assert "restore" not in out + err and "damage" not in (out + err).replace("about damage", "")
    assert diary.read_bytes() == before
    (full_disk / "filler").unlink()
    assert run_cli("check", db=diary)[0] == 0
    shutil.rmtree(backups_dir(diary), ignore_errors=True)
