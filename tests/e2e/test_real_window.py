"""End to end on a real X server: `twitchlog` runs in Xvfb (platform xcb, not offscreen) in
its own process and is driven only with key presses (xdotool, through XTEST, as a keyboard
would): log a twitch, check in, visit every view, quit. Then the diary file holds what was
typed. The test process itself stays on the offscreen platform like the rest of the suite.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool")
pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="needs Xvfb and xdotool (.ci/run installs them)",
)
TIMEOUT = 60.0


def _wait(
    what: str, check: Callable[[], object], timeout: float = TIMEOUT, *, fail: bool = True
) -> object:
    """Poll `check` until it holds or the deadline passes (then fail, or give None)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    if fail:
        raise AssertionError(f"timed out waiting for {what}")
    return None


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server; its number comes back on a pipe (-displayfd), so no guessing."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


class Keyboard:
    def __init__(self, display: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        return out.stdout.strip() if out.returncode == 0 else ""

    def key(self, *keys: str) -> None:
        self.run("key", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        self.run("type", "--delay", "60", text)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """What is on disk now, read-only beside the running window (WAL: readers never block)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute(sql).fetchall()


def _view_pref(config: Path) -> str:
    conf = config / "twitchlog" / "twitchlog.conf"
    if not conf.exists():
        return ""
    for line in conf.read_text().splitlines():
        if line.startswith("view="):
            return line.split("=", 1)[1]
    return ""


def test_keyboard_only_session_in_a_real_x_server(display: str, tmp_path: Path) -> None:
    from twitchlog.gui.main_window import VIEWS

    db = tmp_path / "mine.sqlite3"
    config = Path(os.environ["XDG_CONFIG_HOME"])
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "twitchlog", "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    keys = Keyboard(display)
    try:
        # The title names this (non-default) diary once it is open, and the program once
        # (Qt adds its name to a title that does not end with it).
        found = _wait("the window", lambda: keys.run("search", "--name", " — twitchlog$"))
        window = str(found).split()[0]
        assert keys.run("getwindowname", window) == f"{db} — twitchlog"
        # The launcher's StartupWMClass is the window's X11 class (docks group them by it).
        from twitchlog.launcher import entry_text

        wm_class = next(
            line.split("=", 1)[1]
            for line in entry_text(["twitchlog"]).splitlines()
            if line.startswith("StartupWMClass=")
        )
        assert window in keys.run("search", "--class", f"^{wm_class}$").split()
        keys.run("windowfocus", "--sync", window)
        _wait("the diary", lambda: db.exists() and _rows(db, "select count(*) from factor")[0][0])

        keys.key("ctrl+l")  # log a twitch
        _wait("the twitch", lambda: _rows(db, "select count(*) from episode")[0][0] == 1)

        keys.key("ctrl+d")  # check in: the keyboard lands in the first question (caffeine)
        _wait("the check-in view", lambda: _view_pref(config) == "checkin")
        # The form loads off the UI thread and nothing outside the window shows when it has:
        # select, type and save until the diary holds the value (Ctrl+S before the form has
        # loaded saves nothing), each try given a moment, all of it within the deadline.
        caffeine = "select v.value from factor_value v join factor f on f.id = v.factor_id"

        def saved() -> bool:
            return _rows(db, caffeine) == [(250.0,)]

        def type_and_save() -> bool:
            keys.key("ctrl+a")
            keys.type("250")
            keys.key("ctrl+s")
            return bool(_wait("a save", saved, timeout=1.0, fail=False))

        _wait("the check-in", type_and_save)

        for i, (name, _title, _target) in enumerate(VIEWS[:9], start=1):
            keys.key(f"ctrl+{i}")
            _wait(f"the {name} view", lambda n=name: _view_pref(config) == n)  # type: ignore[misc]

        keys.key("ctrl+q")
        code = app.wait(TIMEOUT)
        assert code == 0, app.stderr.read() if app.stderr else ""
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    from twitchlog.db.migrate import open_database
    from twitchlog.diary import days, episodes, rules, settings

    diary = open_database(str(db))
    try:
        with diary.read() as s:
            logged = episodes.list_episodes(s)
            day = days.get_day(s, rules.today(settings.day_start_hour(s)))
    finally:
        diary.close()
    assert len(logged) == 1
    assert day is not None and day.values.get("caffeine_mg") == 250.0
