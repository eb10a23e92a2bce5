"""The 'talk to a doctor' rule: pure function over plain records, no Qt, no database."""

from __future__ import annotations

import datetime as dt

from twitchlog.diary.notices import NOT_ADVICE, assess
from twitchlog.diary.records import Episode, Place

TODAY = dt.date(2026, 11, 20)


def ep(days_ago: int, *places: str, severity: int = 2, signs: tuple[str, ...] = ()) -> Episode:
    day = TODAY - dt.timedelta(days=days_ago)
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return Episode(
        id=days_ago,
        started_at=moment,
        diary_date=day,
        severity=severity,
        places=tuple(Place(*p.split(":")) for p in places),
        signs=signs,
    )


def test_no_episodes_no_notice() -> None:
    assert assess([], TODAY) is None


def test_a_few_eyelid_twitches_in_one_week_are_not_flagged() -> None:
    eps = [ep(d, "left:upper_eyelid") for d in range(6)]
    assert assess(eps, TODAY) is None


def test_twitching_spread_over_more_than_three_weeks_is_flagged() -> None:
    eps = [ep(d, "left:upper_eyelid") for d in (0, 5, 10, 16, 23)]
    notice = assess(eps, TODAY)
    assert notice is not None
    assert "spread over 3 weeks" in notice.reasons[0]


def test_three_weeks_exactly_is_not_yet_flagged_and_old_episodes_stop_counting() -> None:
    assert assess([ep(d, "left:upper_eyelid") for d in (0, 21)], TODAY) is None
    # Long ago and finished: over three weeks, but the last one was 30 days ago.
    assert assess([ep(d, "left:upper_eyelid") for d in (30, 55)], TODAY) is None


def test_spreading_to_several_regions() -> None:
    eps = [ep(0, "left:upper_eyelid"), ep(1, "right:lower_eyelid"), ep(2, "right:eyebrow")]
    notice = assess(eps, TODAY)
    assert notice is not None
    assert any("spread to several places" in r for r in notice.reasons)


def test_one_whole_side_of_the_face() -> None:
    notice = assess([ep(0, "right:upper_eyelid", "right:mouth")], TODAY)
    assert notice is not None
    assert notice.reasons == ("twitching takes in the eye and the lower face on the right side",)


def test_warning_signs_and_function() -> None:
    notice = assess([ep(0, "left:upper_eyelid", signs=("numbness", "pain"))], TODAY)
    assert notice is not None
    assert notice.reasons == ("warning signs logged: numbness, pain",)
    severe = assess([ep(0, "left:upper_eyelid", severity=4)], TODAY)
    assert severe is not None
    assert severe.reasons == ("twitching got in the way of eating, speaking or seeing",)


def test_text_lists_reasons_and_key_changes_with_them() -> None:
    a = assess([ep(0, "left:upper_eyelid", signs=("vision",))], TODAY)
    b = assess([ep(0, "left:upper_eyelid", signs=("vision", "pain"))], TODAY)
    assert a is not None and b is not None
    assert "• warning signs logged: change in vision" in a.text
    assert a.key != b.key
    assert "not medical advice" in NOT_ADVICE
