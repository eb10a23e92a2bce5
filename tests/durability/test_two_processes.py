"""Two processes never corrupt or lose each other's writes; one window per diary."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.durability.helpers import raw_rows, start_writer
from twitchlog.db.lock import acquire_window_lock, lock_path
from twitchlog.errors import DiaryUnavailable

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from twitchlog.db.lock import acquire_window_lock
lock = acquire_window_lock(sys.argv[1])
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


def _holder(db_path: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_window_is_refused_with_a_sentence(db_path: Path) -> None:
    proc = _holder(db_path)
    try:
        with pytest.raises(DiaryUnavailable) as err:
            acquire_window_lock(db_path)
        assert "already open in another twitchlog window" in str(err.value)
        assert f"process {proc.pid}" in str(err.value)
        proc.stdin.write("\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        assert proc.stdout.readline().strip() == "released"  # type: ignore[union-attr]
        proc.wait()
        with acquire_window_lock(db_path) as lock:  # free again once released
            assert lock.held
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_a_killed_window_is_reclaimed(db_path: Path) -> None:
    proc = _holder(db_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert lock_path(db_path).exists()  # the stale file is still there…
    lock = acquire_window_lock(db_path)  # …but the OS freed the lock with the process
    try:
        assert lock_path(db_path).read_text().strip() == str(os.getpid())
        assert stat.S_IMODE(lock_path(db_path).stat().st_mode) == 0o600
    finally:
        lock.release()


def test_two_windows_in_one_process_are_refused_too(db_path: Path) -> None:
    with acquire_window_lock(db_path), pytest.raises(DiaryUnavailable):
        acquire_window_lock(db_path)
    acquire_window_lock(db_path).release()


def test_concurrent_command_line_writes_all_land(db_path: Path) -> None:
    """N processes each log M episodes at the same time: exactly N×M rows, none lost."""
    from twitchlog.db.migrate import open_database

    open_database(str(db_path)).close()
    n, m = 5, 30
    procs = [start_writer(db_path, first=k * 1000, count=m, wait=True) for k in range(n)]
    for p in procs:  # release them together
        p.stdin.write("go\n")  # type: ignore[union-attr]
        p.stdin.flush()  # type: ignore[union-attr]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.count("ack ") == m
    assert raw_rows(db_path, "SELECT count(*) FROM episode") == [(n * m,)]
    got = {int(notes.split()[1]) for (notes,) in raw_rows(db_path, "SELECT notes FROM episode")}
    assert got == {k * 1000 + j for k in range(n) for j in range(m)}
    assert raw_rows(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_logging_beside_an_open_window_does_not_recheck_the_whole_diary(
    db_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The open window's -wal is live, not left over: no full integrity check per `log`."""
    import sqlite3

    from twitchlog.db import check

    assert run_cli("log")[0] == 0
    proc = _holder(db_path)  # the window's lock…
    live = sqlite3.connect(db_path, isolation_level=None)  # …and its connection
    try:
        live.execute("PRAGMA wal_autocheckpoint=0")
        live.execute("INSERT INTO setting VALUES ('probe', '1')")
        assert db_path.with_name(db_path.name + "-wal").stat().st_size > 32

        def whole_check(*_a: object, **_k: object) -> None:
            raise AssertionError("the whole diary was checked while a window had it open")

        monkeypatch.setattr(check, "check_file", whole_check)
        code, out, err = run_cli("log", "--severity", "3")
        assert code == 0, err
        assert raw_rows(db_path, "SELECT COUNT(*) FROM episode") == [(2,)]
    finally:
        live.close()
        proc.kill()
        proc.wait()


def test_a_window_opens_while_a_command_peeks_at_the_lock(db_path: Path) -> None:
    """`window_is_open` holds a shared lock for microseconds; a window starting then waits."""
    import fcntl
    import threading

    from twitchlog.db.lock import lock_path

    acquire_window_lock(db_path).release()  # the lock file exists
    fd = os.open(lock_path(db_path), os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # a peek in progress
    threading.Timer(0.01, os.close, (fd,)).start()  # …ends a moment later
    with acquire_window_lock(db_path) as lock:
        assert lock.held
