"""Private files whatever the umask; no network connection, ever."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from twitchlog.db.backup import backup_now, maybe_daily_backup
from twitchlog.db.lock import acquire_window_lock, lock_path
from twitchlog.db.migrate import open_database
from twitchlog.diary import transfer
from twitchlog.diary.episodes import log_episode
from twitchlog.paths import backups_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_every_file_is_private_even_with_umask_0(tmp_path: Path, open_umask: None) -> None:
    folder = tmp_path / "new" / "place"
    path = folder / "diary.sqlite3"
    db = open_database(str(path))
    lock = acquire_window_lock(path)
    try:
        with db.write() as session:
            log_episode(session, severity=3, notes="private")
        for side in ("-wal", "-shm"):
            assert _mode(path.with_name(path.name + side)) == 0o600, side
        daily = maybe_daily_backup(db)
        manual = backup_now(path, "manual")
        export = tmp_path / "exports" / "episodes.csv"
        with db.read() as session:
            transfer.export_episodes(session, export)
    finally:
        lock.release()
        db.close()
    assert daily is not None
    assert _mode(folder) == 0o700
    assert _mode(backups_dir(path)) == 0o700
    for f in (path, daily, manual, export, lock_path(path)):
        assert _mode(f) == 0o600, f
    for f in backups_dir(path).iterdir():
        assert _mode(f) == 0o600, f


def test_restored_diary_is_private(tmp_path: Path, open_umask: None, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "diary.sqlite3"
    assert run_cli("demo", "--days", "10", db=path)[0] == 0
    assert run_cli("backup", db=path)[0] == 0
    assert run_cli("restore", "--yes", db=path)[0] == 0
    assert _mode(path) == 0o600
    for f in backups_dir(path).iterdir():
        assert _mode(f) == 0o600, f


def test_the_test_suite_blocks_network_access() -> None:
    """The session-wide block in tests/conftest.py is active (else the test below proves
    little): connecting anywhere, even to localhost, fails loudly."""
    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(RuntimeError, match="network"):
        socket.getaddrinfo("example.org", 443)
    with socket.socket() as s, pytest.raises(RuntimeError, match="network"):
        s.connect(("127.0.0.1", 9))


GUARD = textwrap.dedent(
    """
    import socket, sys

    def refuse(event, args):
        if event.startswith(("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                             "socket.sendto", "socket.bind")):
            sys.stderr.write(f"NETWORK ATTEMPT: {event} {args!r}\\n")
            sys.stderr.flush()
            import os
            os._exit(99)

    sys.addaudithook(refuse)
    from twitchlog.cli import main

    raise SystemExit(main(sys.argv[1:]))
    """
)


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GUARD, *args], capture_output=True, text=True, env=env
    )


def test_a_full_command_line_flow_opens_no_connection(tmp_path: Path) -> None:
    env = {
        "PYTHONPATH": str(ROOT),
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "MPLBACKEND": "Agg",
    }
    # First prove the guard works: a connection attempt in the child is caught.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            GUARD.replace(
                "from twitchlog.cli import main", "socket.create_connection(('127.0.0.1', 9))"
            ),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert probe.returncode == 99 and "NETWORK ATTEMPT" in probe.stderr

    out = tmp_path / "out"
    flow = [
        ["demo", "--days", "40"],
        ["log", "--severity", "3", "--note", "after coffee"],
        ["list"],
        ["export", "episodes", str(out / "episodes.csv")],
        ["export", "days", str(out / "days.csv")],
        ["backup"],
        ["check"],
        ["import", str(out / "days.csv")],
        ["restore", "--yes"],
    ]
    for args in flow:  # the default diary location, as a user would run it
        done = _cli(*args, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "NETWORK ATTEMPT" not in done.stderr
    assert (tmp_path / "data" / "twitchlog" / "diary.sqlite3").exists()
