"""Issue 14 item 6: the window survives any diary the command line accepts, including one
with every factor of one's own it allows (a 200,000-factor diary once aborted it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import wait_idle

from twitchlog import catalog


def _fill(db_path: Path) -> None:
    from twitchlog.db.migrate import open_database
    from twitchlog.diary import days, factors
    from twitchlog.errors import ValidationError

    db = open_database(str(db_path))
    with db.write() as session:
        for i in range(catalog.MAX_CUSTOM_FACTORS):
            factors.add_factor(session, f"own_{i:03d}", label=f"Own factor number {i}")
        with pytest.raises(ValidationError, match="the most it keeps"):
            factors.add_factor(session, "one_too_many")
        today = dt.date.today() - dt.timedelta(days=1)
        for back in range(10):
            values = {f"own_{i:03d}": (i + back) % 7 for i in range(catalog.MAX_CUSTOM_FACTORS)}
            days.check_in(session, today - dt.timedelta(days=back), values)
    db.close()


def test_every_view_opens_with_the_most_factors_allowed(qtbot: Any, db_path: Path) -> None:
    from twitchlog.gui.app import application
    from twitchlog.gui.main_window import VIEWS, MainWindow
    from twitchlog.gui.tasks import TaskRunner

    _fill(db_path)
    application()
    runner = TaskRunner()
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(runner.opened, timeout=20_000):
        runner.open(str(db_path), on_error=window.open_failed)
    try:
        for name, _title, _target in VIEWS:
            window.show_view(name)
            wait_idle(qtbot, runner)
            qtbot.wait(50)
            assert window.isVisible()
    finally:
        wait_idle(qtbot, runner)
        window.close()
        runner.shutdown()
