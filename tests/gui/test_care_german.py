"""The Experiments view and the injection parts of the window in German (issue 18): on a
diary with injections and a running experiment, every word shown in English is compared
with what German shows, and any sentence left in English fails the test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import wait_idle
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)
from walk_helpers import texts_of

CHANGED, USUAL = "at most 1 cup", "as usual"
ALLOWED = {
    "twitchlog",
    "Experiment",  # the same word in German
    "Pause",
    "Name",
    CHANGED,  # the person's own words for the two conditions
    USUAL,
    "Sites (pick on the face, then Add)",
}
"""Words that are the same in both languages, or the person's own."""
PRODUCTS = re.compile(r"^\w+botulinumtoxinA \(\w+\)$")  # generic names and brands: the same


@pytest.fixture
def care_diary(db_path: Path) -> Path:
    """Two injections (the next one due in 4 days), a medication begun during a running
    experiment, three days of check-ins and twitches."""
    from twitchlog.db.lite import open_diary
    from twitchlog.diary import days, episodes, experiments, settings, treatments
    from twitchlog.diary import injections as inj

    db = open_diary(str(db_path))
    try:
        with db.write() as s:
            today = settings.diary_today(s)
            start = today - dt.timedelta(days=2)
            for ago in (164, 80):
                inj.add_injection(
                    s,
                    today - dt.timedelta(days=ago),
                    product="ona",
                    units=50,
                    sites=["left:upper_eyelid"],
                    side_effects={"ptosis": 1},
                )
            experiments.plan_experiment(
                s, "caffeine_mg", changed=CHANGED, usual=USUAL, start=start, today=start, seed=3
            )
            treatments.add_treatment(s, "magnesium", kind="medication", start=today)
            for k in range(3):
                day = start + dt.timedelta(days=k)
                days.check_in(s, day, {"caffeine_mg": 80, "sleep_h": 6.5})
                # 04:00, the diary day's start: over already, whatever hour CI runs at
                at = dt.datetime.combine(day, dt.time(4, 0)).astimezone()
                episodes.log_episode(s, started_at=at)
    finally:
        db.close()
    return db_path


def _texts(root: QWidget) -> set[str]:
    """Every sentence a person can read on `root` and its visible children."""
    out = set()
    for text in texts_of(root):
        for part in re.split(r"<br>|\n| — |(?<=[.!?])\s+", text):
            part = re.sub(r"<[^>]+>", "", part).replace("&", "").strip()
            if re.search(r"[A-Za-z]{2}", part):  # words, not a number, date or unit sign
                out.add(part)
    return out


def _show_all(qtbot: Any, db_path: Path) -> dict[str, set[str]]:
    from twitchlog.gui.main_window import MainWindow
    from twitchlog.gui.tasks import TaskRunner

    r = TaskRunner()
    w = MainWindow(r)
    qtbot.addWidget(w)
    w.resize(1280, 900)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(r.opened, timeout=10_000):
        r.open(str(db_path), on_error=w.open_failed)
    wait_idle(qtbot, r)
    shown: dict[str, set[str]] = {}
    try:
        w.show_view("today")
        wait_idle(qtbot, r)
        shown["today"] = _texts(w.views["today"].injection)
        w.show_view("experiments")
        wait_idle(qtbot, r)
        view = w.views["experiments"]
        shown["experiments"] = _texts(view)
        view.open_plan()  # the plan form, with its power estimate and warnings
        qtbot.waitUntil(lambda: "%" in view.power.text(), timeout=20_000)
        shown["plan"] = _texts(view.form)
        w.show_view("settings")
        wait_idle(qtbot, r)
        panel = w.views["settings"].injections
        shown["injections"] = _texts(panel)
        panel.list.setCurrentRow(1)
        panel.open_edit()
        qtbot.waitExposed(panel.dialog)
        shown["dialog"] = _texts(panel.dialog)
        return shown
    finally:
        wait_idle(qtbot, r)
        w._close_ok = True
        w.close()
        r.shutdown()


def test_experiments_and_injections_leave_no_english_in_german(
    qtbot: Any, qapp: QApplication, care_diary: Path
) -> None:
    from twitchlog.gui import translate

    english = _show_all(qtbot, care_diary)
    translate.install(qapp, "de")
    try:
        german = _show_all(qtbot, care_diary)
    finally:
        translate.install(qapp, "en")
    assert "Die Wirkung lässt nach" in german["today"]
    assert any(t.startswith("Ihre nächste Injektion ist etwa am") for t in german["today"])
    assert any("in 4 Tagen" in t for t in german["today"])  # the dative, not "in 4 Tage"
    assert "Geprüft wird Koffein:" in " ".join(german["experiments"])
    left = {}
    for part in english:
        same = english[part] & german[part]
        left[part] = sorted(t for t in same - ALLOWED if not PRODUCTS.match(t))
    left = {part: texts for part, texts in left.items() if texts}
    assert not left, f"still English in German: {left}"
