"""Planning and following an n-of-1 experiment: storage rules and `twitchlog experiment`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from twitchlog import catalog
from twitchlog.diary import days, experiments, injections, rules, treatments
from twitchlog.errors import ValidationError

D0 = dt.date(2026, 3, 2)


def _plan(s, **kw):  # type: ignore[no-untyped-def]
    args = dict(changed="at most 1 cup", usual="as usual", start=D0, today=D0, seed=7)
    args.update(kw)
    return experiments.plan_experiment(s, "caffeine_mg", **args)


def test_plan_stores_the_schedule_drawn_from_its_seed(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        plan = _plan(s, pairs=4)
    with db.read() as s:
        again = experiments.get_experiment(s, plan.id)
    assert again == plan and again.seed == 7 and len(again.orders) == 4
    assert all(o in ("AB", "BA") for o in again.orders)
    blocks = again.blocks()
    assert [b.first for b in blocks][:2] == [D0, D0 + dt.timedelta(days=7)]
    assert blocks[-1].last == D0 + dt.timedelta(days=55) == again.end
    assert sorted(again.conditions()[:2]) == ["A", "B"]  # each pair has both conditions
    first = again.condition_words(again.conditions()[0])
    assert again.status_line(D0 + dt.timedelta(days=9)).startswith(
        "Experiment: day 3 of '"
    ) and "(block 2 of 8)" in again.status_line(D0 + dt.timedelta(days=9))
    assert first in again.status_line(D0 + dt.timedelta(days=2))


@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"block_days": 4}, "block length in days must be from 5"),
        ({"pairs": 1}, "number of pairs must be from 2"),
        ({"washout_days": 5}, "washout days must be from 0 to 4"),
        ({"block_days": "a week"}, "must be a whole number"),
        ({"changed": "  "}, "Describe both conditions"),
        ({"usual": "At most 1 cup"}, "must differ"),
        ({"start": D0 + dt.timedelta(days=200)}, "more than 90 days ahead"),
        ({"start": dt.date(1899, 12, 31)}, "before 1900; check the year"),
    ],
)
def test_bad_plans_are_refused_in_a_sentence_and_store_nothing(db, kw, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=words), db.write() as s:
        _plan(s, **kw)
    with db.read() as s:
        assert experiments.list_experiments(s) == []


def test_one_experiment_at_a_time_then_stop_with_reason(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        plan = _plan(s)
    with pytest.raises(ValidationError, match="stop it first"), db.write() as s:
        _plan(s)
    later = D0 + dt.timedelta(days=10)
    with db.write() as s:
        stopped = experiments.stop_experiment(s, plan.id, "could not keep it", later)
        assert experiments.current_experiment(s, later) is None
        _plan(s, start=later, today=later)  # a new one may follow
    assert stopped.stopped == later and stopped.stop_reason == "could not keep it"
    assert stopped.state(later) == "stopped"


def test_pause_moves_the_rest_of_the_schedule_back(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        plan = _plan(s)
        day3 = D0 + dt.timedelta(days=2)
        experiments.record_kept(s, plan.id, day3, "yes")
        paused = experiments.pause_experiment(s, plan.id, "holiday", day3)
    assert paused.state(day3) == "paused" and paused.end is None
    assert paused.pause_reasons == ("holiday",)
    back = day3 + dt.timedelta(days=5)
    with db.write() as s:
        resumed = experiments.resume_experiment(s, plan.id, back)
        assert experiments.kept_answers(s, plan.id) == {}  # the paused day's answer went
    assert resumed.pauses == ((day3, back - dt.timedelta(days=1)),)
    assert resumed.plan_day(back) == 2  # day 3 again, after the pause
    assert resumed.end == plan.end + dt.timedelta(days=5)
    assert resumed.plan_day(day3 + dt.timedelta(days=1)) is None


def test_kept_answers_are_checked_and_stored_per_day(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        plan = _plan(s)
        experiments.record_kept(s, plan.id, D0, "partly")
        experiments.record_kept(s, plan.id, D0, "Yes ")
        experiments.record_kept(s, plan.id, D0 + dt.timedelta(days=1), "no")
        experiments.record_kept(s, plan.id, D0 + dt.timedelta(days=1), None)
    with db.read() as s:
        assert experiments.kept_answers(s, plan.id) == {D0: "yes"}
        assert experiments.kept_on(s, D0) == (experiments.get_experiment(s, plan.id), "yes")
    with pytest.raises(ValidationError, match="use yes, partly or no"), db.write() as s:
        experiments.record_kept(s, plan.id, D0, "mostly")
    with pytest.raises(ValidationError, match="not a day of the experiment"), db.write() as s:
        experiments.record_kept(s, plan.id, D0 - dt.timedelta(days=1), "yes")


def test_warnings_name_injections_and_treatment_changes(db) -> None:  # type: ignore[no-untyped-def]
    day = dt.timedelta(days=1)
    with db.write() as s:
        for offset in (-10, 30, -15):
            injections.add_injection(s, D0 + offset * day, product="ona", units=50)
        treatments.add_treatment(s, "magnesium", kind="medication", start=D0 + 5 * day)
        treatments.add_treatment(
            s, "clonazepam", kind="medication", start=D0 - 100 * day, end=D0 + 20 * day
        )
        treatments.add_treatment(s, "old pill", kind="medication", start=D0 - 100 * day)
        warnings = experiments.plan_warnings(s, _plan(s))
    text = "\n".join(warnings)
    assert len(warnings) == 4, text
    assert "2026-02-20 is less than 14 days before the start" in text
    assert "2026-04-01 falls inside the plan" in text
    assert "magnesium starts on 2026-03-07" in text and "clonazepam ends on 2026-03-22" in text


def test_cli_plan_status_kept_result_stop(run_cli, db) -> None:  # type: ignore[no-untyped-def]
    start = dt.date.today() - dt.timedelta(days=60)
    with db.write() as s:
        for i in range(60):
            days.check_in(s, start + dt.timedelta(days=i), {})
    code, out, err = run_cli(
        "experiment", "plan", "caffeine_mg", "--changed", "at most 1 cup",
        "--start", start.isoformat(), "--pairs", "2", "--no-power",
    )  # fmt: skip
    assert code == 0, err
    assert "at most 1 cup" in out and "Block" in out and out.count("as usual") == 2
    code, out, err = run_cli("experiment", "kept", "partly", "--date", start.isoformat())
    assert code == 0 and "partly" in out, err
    code, out, _ = run_cli("experiment", "status", "--json")
    doc = json.loads(out)
    assert doc["state"] == "finished" and len(doc["blocks"]) == 4
    assert doc["kept"] == {start.isoformat(): "partly"}
    code, out, err = run_cli("experiment", "result", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["verdict"] == "inconclusive" and res["complete_pairs"] == 2
    assert res["mean_difference"] == 0.0 and res["adherence"] == 0.5 and res["low_adherence"]
    code, out, err = run_cli("experiment", "stop", "--reason", "done")
    assert code == 2 and "already finished" in err


def test_cli_without_an_experiment_says_how_to_plan_one(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("experiment", "status")
    assert code == 2 and "twitchlog experiment plan" in err
    code, _, err = run_cli("experiment", "plan", "nope", "--changed", "less")
    assert code == 2 and "There is no factor 'nope'" in err


def test_cli_end_to_end_on_a_demo_diary(run_cli, db) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.diary.demo import fill_demo

    # Ending yesterday, as the demo does: a demo day ending today could hold an evening
    # twitch later than the hour the test runs at, and the diary refuses the future.
    last = rules.today(catalog.DEFAULT_DAY_START_HOUR) - dt.timedelta(days=1)
    with db.write() as s:
        fill_demo(s, 62, end=last)
    start = (last - dt.timedelta(days=60)).isoformat()
    code, out, err = run_cli(
        "experiment", "plan", "caffeine_mg", "--changed", "at most 1 cup", "--start", start,
        "--pairs", "4", "--json", "--no-power",
    )  # fmt: skip
    assert code == 0, err
    plan = json.loads(out)
    assert plan["state"] == "finished" and len(plan["blocks"]) == 8
    assert plan["power"] is None  # asked not to simulate
    code, out, err = run_cli("experiment", "result", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["verdict"] in ("clear difference", "inconclusive")
    assert result["complete_pairs"] >= 3 and len(result["ci95"]) == 2
    assert result["orderings"] == 2 ** result["complete_pairs"]
    assert 0 < result["randomisation_p"] <= 1
    code, out, _ = run_cli("experiment", "result")
    assert out.splitlines()[1] == f"Result: {result['verdict']}."
