"""Injections, side effects and felt wear-off: the diary rules and `twitchlog injection`."""

from __future__ import annotations

import datetime as dt
import shlex

import pytest

from twitchlog.diary import injections as inj
from twitchlog.diary.records import Place
from twitchlog.errors import NotFound, ValidationError

D = dt.date(2026, 3, 2)


def test_add_edit_delete_and_restore_keep_everything(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        first = inj.add_injection(
            s,
            D,
            product="Botox",
            units="50",
            sites=["left:upper_eyelid", "eyebrow", "left:upper_eyelid"],
            side_effects={"ptosis": "mild", "dry eye": 0},
            note="right side next time",
        )
        inj.add_injection(s, D + dt.timedelta(days=90), product="inco")
    assert first.product == "onabotulinumtoxinA" and first.units == 50
    assert first.sites == (Place("left", "upper_eyelid"), Place("both", "eyebrow"))
    assert first.side_effects == {"ptosis": 1, "dry_eye": 0}
    assert first.side_effect_words == "drooping eyelid mild"
    with db.write() as s:
        edited = inj.edit_injection(s, first.id, units=40, side_effects={"dry_eye": "severe"})
    assert edited.units == 40 and edited.sites == first.sites and edited.note == first.note
    assert edited.side_effects == {"ptosis": 1, "dry_eye": 3}
    with db.write() as s:
        gone = inj.delete_injection(s, first.id)
        assert [i.product for i in inj.list_injections(s)] == ["incobotulinumtoxinA"]
        back = inj.restore_injection(s, gone)
        assert back == gone
        assert [i.id for i in inj.list_injections(s)] == [first.id, first.id + 1]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"product": "aspirin"}, "Unknown product 'aspirin'"),
        ({"product": "ona", "units": "0"}, "more than 0"),
        ({"product": "ona", "units": "lots"}, "must be a number"),
        ({"product": "ona", "sites": ["left:toe"]}, "Unknown place 'toe'"),
        ({"product": "ona", "side_effects": {"itch": "mild"}}, "Unknown side effect 'itch'"),
        ({"product": "ona", "side_effects": {"tearing": "awful"}}, "How bad was the tearing"),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(db, kwargs, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err, db.write() as s:
        inj.add_injection(s, D, **kwargs)
    assert words in str(err.value)
    with db.read() as s:
        assert inj.list_injections(s) == []


def test_one_injection_a_day_future_days_refused_and_missing_numbers(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        inj.add_injection(s, D, product="ona")
    with pytest.raises(ValidationError, match="already on 2026-03-02"), db.write() as s:
        inj.add_injection(s, D, product="abo")
    with pytest.raises(ValidationError, match="in the future"), db.write() as s:
        inj.add_injection(s, dt.date.today() + dt.timedelta(days=3), product="ona")
    with pytest.raises(NotFound, match="no injection number 9"), db.write() as s:
        inj.edit_injection(s, 9, units=3)


def test_wearing_off_marker_once_a_day_and_undo(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        inj.mark_wearing_off(s, D, "blinking again")
        inj.mark_wearing_off(s, D)  # a second click keeps the note and one marker
        inj.mark_wearing_off(s, D + dt.timedelta(days=1))
        assert [(m.date, m.note) for m in inj.list_wearing_off(s)] == [
            (D, "blinking again"),
            (D + dt.timedelta(days=1), ""),
        ]
        assert inj.unmark_wearing_off(s, D) and not inj.unmark_wearing_off(s, D)


def test_injections_are_treatments_for_the_analysis_and_the_doctor(db) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.diary.treatments import add_treatment

    with db.write() as s:
        inj.add_injection(s, D, product="ona", units=25, sites=["left:upper_eyelid"])
        add_treatment(s, "magnesium", kind="medication", start=D - dt.timedelta(days=9))
        both = inj.all_treatments(s)
    assert [(t.name, t.kind) for t in both] == [
        ("magnesium", "medication"),
        ("onabotulinumtoxinA", "injection"),
    ]
    assert both[1].dose == 25 and both[1].sites == "left upper eyelid"
    with pytest.raises(ValidationError, match="twitchlog injection add"), db.write() as s:
        add_treatment(s, "Botox", kind="injection", start=D)


def test_cli_add_list_edit_delete_undo_and_wearing_off(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(
        "injection", "add", "2026-03-02", "--product", "ona", "--units", "50",
        "--site", "left:upper_eyelid", "--side-effect", "ptosis=mild", "--note", "it's fine",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("Added injection 1 on 2026-03-02: onabotulinumtoxinA 50 units;")
    code, _, err = run_cli("injection", "edit", "1", "--side-effect", "dry_eye")
    assert code == 2 and "EFFECT=GRADE" in err
    assert run_cli("injection", "edit", "1", "--side-effect", "tearing=moderate")[0] == 0
    assert run_cli("injection", "wearing-off", "2026-05-20")[0] == 0
    code, out, _ = run_cli("injection", "list")
    assert "drooping eyelid mild, tearing moderate" in out
    assert "Felt wearing off: 2026-05-20" in out
    code, out, _ = run_cli("injection", "delete", "1")
    assert code == 0 and "To undo: " in out
    undo = shlex.split(out.split("To undo: ")[1])
    assert run_cli(*undo[1:])[0] == 0
    code, out, _ = run_cli("injection", "list")
    assert "drooping eyelid mild, tearing moderate" in out and "left upper eyelid" in out
    assert "it's fine" in out
    code, _, err = run_cli("injection", "delete", "7")
    assert code == 2 and "no injection number 7" in err
    code, out, _ = run_cli("injection", "reminder", "off")
    assert "off" in out
    assert "3 days" in run_cli("injection", "reminder", "3")[1]


def test_cli_cycles_text_and_json(run_cli) -> None:  # type: ignore[no-untyped-def]
    import json

    code, out, _ = run_cli("cycles")
    assert code == 0 and "No injections yet" in out
    assert run_cli("demo", "--days", "200")[0] == 0
    code, out, err = run_cli("cycles")
    assert code == 0, err
    assert out.count("Injection of ") == 2 and "Next injection due around" in out
    code, out, _ = run_cli("cycles", "--json")
    got = json.loads(out)
    first = got["cycles"][0]
    assert first["product"] == "onabotulinumtoxinA" and first["units"] == 25
    assert first["baseline"]["source"] == "before the first injection"
    assert first["verdict"] in {"lower", "no clear change", "higher", "can't tell yet"}
    assert len(first["weekly_rates"]) == 13 and first["days"] == 91
    assert got["interval_days"] == 91 and got["reminder_days_before"] == 7


@pytest.mark.parametrize("hour", [0, 4, 12])
def test_the_diary_day_start_decides_which_days_have_begun(db, hour: int) -> None:  # type: ignore[no-untyped-def]
    """An injection or a wearing-off mark may be dated up to the diary's own today (its
    day-start hour), never the built-in 4:00 one."""
    from twitchlog.diary import settings

    with db.write() as s:
        settings.set_day_start_hour(s, hour)
        today = settings.diary_today(s)
        for day in (today + dt.timedelta(days=1),):
            with pytest.raises(ValidationError, match="future"):
                inj.add_injection(s, day, product="botox", units=20)
            with pytest.raises(ValidationError, match="future"):
                inj.mark_wearing_off(s, day)
        inj.add_injection(s, today, product="botox", units=20)
        inj.mark_wearing_off(s, today)
        assert [i.date for i in inj.list_injections(s)] == [today]
