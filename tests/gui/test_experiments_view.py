"""The Experiments view end to end: plan, follow on Today and in the check-in, see the result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui_helpers import wait_idle
from PySide6.QtCore import QDate, Qt

from twitchlog import catalog
from twitchlog.diary import days, episodes, experiments, rules


def test_plan_check_in_and_see_the_result(qtbot: Any, window: Any, diary: Any) -> None:
    today = rules.today(catalog.DEFAULT_DAY_START_HOUR)
    start = today - dt.timedelta(days=19)  # 2 pairs of 5-day blocks: today is the last day
    window.show_view("experiments")
    view = window.views["experiments"]
    wait_idle(qtbot, window.runner)
    assert view.status.text().startswith("No experiment yet")

    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert view.form.isVisible()
    view.factor.setCurrentIndex(view.factor.findData("caffeine_mg"))
    qtbot.keyClicks(view.changed, "at most 1 cup")
    view.start.setDate(QDate(start.year, start.month, start.day))
    view.block_days.setValue(5)
    view.pairs.setValue(2)
    view.washout.setValue(1)
    # The whole schedule is shown before anything is stored, with the chance of success.
    assert view.schedule.rowCount() == 4
    assert view.schedule.item(0, 2).text() == start.strftime("%a %d %b %Y")
    qtbot.waitUntil(lambda: "found about" in view.power.text(), timeout=20_000)
    shown = [view.schedule.item(r, 1).text().replace(" ← today", "") for r in range(4)]
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        [plan] = experiments.list_experiments(s)
    assert [plan.condition_words(c) for c in plan.conditions()] == shown  # as previewed
    assert (plan.block_days, plan.pairs, plan.washout_days) == (5, 2, 1)

    # Twenty days of diary: fewer twitches on the 'at most 1 cup' blocks.
    with diary.write() as s:
        for k in range(19):
            day = start + dt.timedelta(days=k)
            days.check_in(s, day, {"caffeine_mg": 80})
            n = 1 if plan.conditions()[k // 5] == "A" else 4
            for i in range(n):
                at = dt.datetime.combine(day, dt.time(12, i)).astimezone()
                episodes.log_episode(s, started_at=at)
    window.refresh_all()
    wait_idle(qtbot, window.runner)
    line = window.views["today"].experiment.text()
    words = plan.condition_words(plan.conditions()[3])
    assert line == f"Experiment: day 5 of '{words}' (block 4 of 4)"

    window.show_view("checkin")
    checkin = window.views["checkin"]
    qtbot.waitUntil(lambda: checkin.kept.isVisible(), timeout=5000)
    assert "Did you keep to it today?" in checkin.kept.title()
    qtbot.mouseClick(checkin.kept.buttons["partly"], Qt.MouseButton.LeftButton)
    checkin.form.fields["caffeine_mg"].set_value(95)  # the factor's own value still recorded
    qtbot.mouseClick(checkin.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.runner)
    with diary.read() as s:
        assert experiments.kept_answers(s, plan.id) == {today: "partly"}
        assert days.get_day(s, today).values["caffeine_mg"] == 95

    window.show_view("experiments")
    wait_idle(qtbot, window.runner)
    text = view.result_text.text()
    assert "Result: clear difference." in text
    assert "with at most 1 cup you logged 3 fewer twitches a day than as usual" in text
    assert "Low adherence" in text  # 'partly' on the one day answered: 50%
    assert view._canvas is not None and view._canvas.isVisible()
    assert view.status.text().startswith("<b>Experiment: day 5 of")


def test_pausing_and_stopping_can_be_undone(qtbot: Any, window: Any, diary: Any) -> None:
    today = rules.today(catalog.DEFAULT_DAY_START_HOUR)
    start = today - dt.timedelta(days=2)
    with diary.write() as s:
        plan = experiments.plan_experiment(
            s, "caffeine_mg", changed="at most 1 cup", usual="as usual", start=start, today=start
        )
    window.show_view("experiments")
    view = window.views["experiments"]
    wait_idle(qtbot, window.runner)
    assert view.pause_button.isVisibleTo(view) and view.stop_button.isVisibleTo(view)
    for action, state in (("pause", "paused"), ("stop", "stopped")):
        view._change(action, "holiday")  # what the button does once the reason is typed
        wait_idle(qtbot, window.runner)
        with diary.read() as s:
            assert experiments.get_experiment(s, plan.id).state(today) == state
        assert window.undo_action.isEnabled()
        words = {"pause": "pausing", "stop": "stopping"}[action]
        assert window.undo_action.text() == f"&Undo {words} the experiment"
        window.undo()
        wait_idle(qtbot, window.runner)
        with diary.read() as s:
            assert experiments.get_experiment(s, plan.id) == plan  # as it was
        assert view.resume_button.isHidden() and view.pause_button.isVisibleTo(view)


def test_the_result_chart_follows_the_text_size(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    from twitchlog.charts import experiment as chart
    from twitchlog.gui import display

    window.show_view("experiments")
    view = window.views["experiments"]
    wait_idle(qtbot, window.runner)
    themes: list[Any] = []
    monkeypatch.setattr(chart, "draw_experiment", lambda result, fig, theme: themes.append(theme))
    monkeypatch.setattr(display, "text_scale", lambda: 150)
    view._draw(object())  # type: ignore[arg-type]
    (theme,) = themes
    assert theme.font_size == 13.5
    assert theme.background == view.palette().window().color().name()
