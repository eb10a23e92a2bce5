"""Shared test setup: offscreen Qt, a throwaway data folder, no network, fresh diaries."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TWITCHLOG_DB", None)


class NetworkBlocked(RuntimeError):
    pass


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise NetworkBlocked("twitchlog must never open a network connection")


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Any attempt to connect anywhere (IPv4/IPv6/DNS) fails the test that makes it."""
    saved = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
        socket.getaddrinfo,
    )
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
    socket.create_connection = _refuse  # type: ignore[assignment]
    socket.getaddrinfo = _refuse  # type: ignore[assignment]
    yield
    (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
        socket.getaddrinfo,
    ) = saved  # type: ignore[method-assign,assignment]


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own data/config folders, so nothing touches the real diary."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("TWITCHLOG_DB", raising=False)


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    """The window freezes what start-up made (`gc.freeze`, gui/app.py) for the life of the
    program; in a test process that would keep every earlier test's garbage forever."""
    yield
    import gc

    gc.unfreeze()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "diary.sqlite3"


@pytest.fixture
def db(db_path: Path):  # type: ignore[no-untyped-def]
    from twitchlog.db.migrate import open_database

    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def run_cli(db_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `twitchlog ARGS --db <tmp diary>` in-process; returns (exit code, stdout, stderr)."""
    from twitchlog.cli import main

    def run(*args: str, db: Path | None = None) -> tuple[int, str, str]:
        argv = list(args)
        if "--db" not in argv:
            argv += ["--db", str(db or db_path)]
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def open_runner(qtbot):  # type: ignore[no-untyped-def]
    """The window's own TaskRunner on a diary file; `runner.read` is what views are given."""
    from twitchlog.gui.tasks import TaskRunner

    made: list[TaskRunner] = []

    def open_(path: Path) -> TaskRunner:
        runner = TaskRunner()
        made.append(runner)
        with qtbot.waitSignal(runner.opened, timeout=10_000):
            runner.open(str(path))
        return runner

    yield open_
    for runner in made:
        qtbot.waitUntil(runner.is_idle, timeout=60_000)
        runner.shutdown()


@pytest.fixture
def in_german() -> Iterator[None]:
    """Words, numbers and dates in German for one test (Qt-free; the window's own German
    fixture in tests/gui also installs Qt's translator)."""
    from twitchlog import i18n

    i18n.set_language("de")
    try:
        yield
    finally:
        i18n.set_language("en")
