"""The window's operations as diary functions (issue 12): each view asks one typed call,
so what it shows is tested here without Qt, on the diaries people have: empty, one day,
a treatment (an injection) on day one."""

from __future__ import annotations

import datetime as dt

import pytest

from twitchlog.diary import days, episodes, experiments, history, settings
from twitchlog.diary import injections as inj
from twitchlog.errors import ValidationError


def _today(db) -> dt.date:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return settings.diary_today(s)


def _plan(s, start: dt.date, **kw):  # type: ignore[no-untyped-def]
    args = dict(changed="at most 1 cup", usual="as usual", start=start, block_days=5, pairs=2)
    args.update(kw)
    return experiments.plan_experiment(s, "caffeine_mg", seed=3, **args)


# -- empty diary ---------------------------------------------------------------------------


def test_an_empty_diary_shows_no_experiment_no_injection_and_no_days(db) -> None:  # type: ignore[no-untyped-def]
    today = _today(db)
    with db.read() as s:
        page = experiments.experiment_page(s)
        due = inj.due_state(s)
        listing = history.days_listing(s, today - dt.timedelta(days=30), today)
        details = history.day_details(s, today)
        prefs = settings.settings_page(s)
        assert experiments.status_today(s) is None
    assert (page.today, page.plan, page.result, page.warnings) == (today, None, None, [])
    assert "caffeine_mg" in [f.key for f in page.factors]  # built-in factors to pick from
    assert (due.today, due.has_injections, due.next_due, due.remind) == (today, False, None, False)
    assert (listing.days, listing.twitches) == ([], {})
    assert (details.checkin, details.episodes) == (None, [])
    assert prefs.day_start == 4 and prefs.treatments == [] and prefs.factors == listing.factors


# -- one day -------------------------------------------------------------------------------


def test_one_day_with_an_experiment_from_today(db) -> None:  # type: ignore[no-untyped-def]
    today = _today(db)
    with db.write() as s:
        plan = _plan(s, today)
        record = experiments.check_in_and_answer(
            s, today, {"caffeine_mg": 80}, experiment_id=plan.id, kept="partly"
        )
        episodes.log_episode(s, started_at=dt.datetime.now().astimezone() - dt.timedelta(seconds=5))
    with db.read() as s:
        page = experiments.experiment_page(s)
        line = experiments.status_today(s)
        listing = history.days_listing(s, today, today)
        details = history.day_details(s, today)
        assert experiments.kept_answers(s, plan.id) == {today: "partly"}
    assert record.values["caffeine_mg"] == 80
    assert page.plan == plan and page.done_days == 0 and page.warnings == []
    assert page.result is not None  # one day: analysed, nothing to conclude yet
    assert line is not None and line.startswith("Experiment: day 1 of")
    assert experiments.block_on(plan, today) == 1
    assert [d.date for d in listing.days] == [today]
    assert sum(listing.twitches.values()) == 1 == len(details.episodes)


def test_a_refused_answer_stores_no_check_in_either(db) -> None:  # type: ignore[no-untyped-def]
    today = _today(db)
    with db.write() as s:
        plan = _plan(s, today)
    with pytest.raises(ValidationError, match="is not an answer"), db.write() as s:
        experiments.check_in_and_answer(s, today, {}, experiment_id=plan.id, kept="maybe")
    with db.read() as s:
        assert days.get_day(s, today) is None


# -- an injection (a treatment) on day one ---------------------------------------------------


def test_an_injection_on_day_one(db) -> None:  # type: ignore[no-untyped-def]
    today = _today(db)
    form = inj.InjectionForm(today, "ona", units="50", sites=("left:upper_eyelid",))
    with db.write() as s:
        shot = inj.save_injection(s, form)
        marker = inj.mark_wearing_off(s)  # today by default: the diary's own today
        draft = experiments.check_draft(s, _plan(s, today + dt.timedelta(days=3)))
    assert shot.units == 50 and [p.code for p in shot.sites] == ["left:upper_eyelid"]
    assert marker.date == today
    with db.read() as s:
        due = inj.due_state(s)
    assert due.has_injections and due.marked_today
    assert due.next_due == today + dt.timedelta(days=84) and not due.remind  # 12 weeks on
    assert "%" in draft.power
    assert len(draft.warnings) == 1 and "less than 14 days before the start" in draft.warnings[0]
    # Changing it with the units left blank clears them (the form's blank means "not given").
    with db.write() as s:
        changed = inj.save_injection(s, inj.InjectionForm(today, "inco", units=" "), shot.id)
    assert (changed.id, changed.units, changed.sites) == (shot.id, None, ())
    assert changed.product == "incobotulinumtoxinA"


# -- pause, resume, stop and their undo -------------------------------------------------------


def _running(db, days_ago: int):  # type: ignore[no-untyped-def]
    today = _today(db)
    start = today - dt.timedelta(days=days_ago)
    with db.write() as s:
        plan = _plan(s, start, today=start)
        for k in range(days_ago + 1):
            experiments.record_kept(s, plan.id, start + dt.timedelta(days=k), "yes")
    return plan, today


@pytest.mark.parametrize("action", ["pause", "stop"])
def test_pause_or_stop_then_undo_puts_everything_back(db, action) -> None:  # type: ignore[no-untyped-def]
    plan, today = _running(db, 2)
    with db.read() as s:
        kept_before = experiments.kept_answers(s, plan.id)
    with db.write() as s:
        change = experiments.change_experiment(s, plan.id, action, "holiday")
    assert change.plan.state(today) == ("paused" if action == "pause" else "stopped")
    assert change.before.plan == plan and change.before.kept == kept_before
    with db.write() as s:
        back = experiments.restore_experiment(s, change.before)
        assert experiments.kept_answers(s, plan.id) == kept_before  # today's answer too
    assert back == plan and back.state(today) == "running"


def test_undo_of_a_resume_pauses_again(db) -> None:  # type: ignore[no-untyped-def]
    plan, today = _running(db, 2)
    with db.write() as s:
        paused = experiments.change_experiment(s, plan.id, "pause", "ill")
    with db.write() as s:  # a pause begun today and resumed today leaves nothing behind
        resumed = experiments.change_experiment(s, plan.id, "resume")
        assert resumed.plan.pauses == ()
        again = experiments.restore_experiment(s, resumed.before)
    assert again == paused.plan and again.state(today) == "paused"


def test_undo_of_a_stop_is_refused_once_another_experiment_began(db) -> None:  # type: ignore[no-untyped-def]
    plan, today = _running(db, 1)
    with db.write() as s:
        stop = experiments.change_experiment(s, plan.id, "stop", "could not keep it")
        _plan(s, today, changed="no screens after 21:00", usual="screens as usual")
    with pytest.raises(ValidationError, match="has begun since"), db.write() as s:
        experiments.restore_experiment(s, stop.before)
    with db.read() as s:
        assert experiments.get_experiment(s, plan.id).stopped == today  # unchanged


# -- a "last N days" range ---------------------------------------------------------------------


def test_the_last_days_never_start_before_the_diary(db) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.diary import ranges

    today = _today(db)
    with db.read() as s:  # empty: the whole range, up to the diary's today
        assert ranges.last_days(s, 30) == (today - dt.timedelta(days=29), today)
    with db.write() as s:  # one day, three days ago
        days.check_in(s, today - dt.timedelta(days=3), {"sleep_h": 7})
    with db.read() as s:
        assert ranges.last_days(s, 30) == (today - dt.timedelta(days=3), today)
        assert ranges.last_days(s, 2) == (today - dt.timedelta(days=1), today)
