"""Counted words: one helper for every "1 day / 2 days" in the program, and no copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from twitchlog.words import duration_words, plural, unit_for

PACKAGE = Path(__file__).resolve().parents[2] / "twitchlog"


@pytest.mark.parametrize(
    ("n", "word", "said"),
    [
        (1, "check-in", "1 check-in"),
        (2, "check-in", "2 check-ins"),
        (0, "day", "0 days"),
        (1, "checked-in day", "1 checked-in day"),
        (3, "checked-in day", "3 checked-in days"),
        (1, "twitch", "1 twitch"),
        (2, "twitch", "2 twitches"),
        (1, "entry", "1 entry"),
        (4, "entry", "4 entries"),
        (1.5, "hour", "1.5 hours"),
    ],
)
def test_plural(n: float, word: str, said: str) -> None:
    assert plural(n, word) == said


def test_durations_in_the_unit_a_person_uses() -> None:
    assert duration_words(45) == "45 seconds"
    assert duration_words(1) == "1 second"
    assert duration_words(60) == "1 minute"
    assert duration_words(50 * 60) == "50 minutes"
    assert duration_words(3 * 3600) == "3 hours"


def test_units_follow_the_value() -> None:
    from twitchlog.diary.records import Factor

    assert unit_for(1, "drinks") == "drink" and unit_for(2, "drinks") == "drinks"
    alcohol = Factor(1, "alcohol_units", "Alcohol", "number", "drinks", 0, 40, True, "trigger")
    assert alcohol.format_value(1) == "1 drink"
    assert alcohol.format_value(3) == "3 drinks"


HAND_MADE = re.compile(r"""['"](e?s)['"] if |['"]['"] if \w+ == 1 else ['"]s['"]|\+ \(['"]es['"]""")


def test_no_hand_made_plurals_left() -> None:
    """Every counted word goes through twitchlog.words (one rule, not one per sentence)."""
    found = [
        f"{path.relative_to(PACKAGE)}:{i}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "words.py"
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if HAND_MADE.search(line)
    ]
    assert found == []


def test_power_sentence_for_a_two_day_diary_says_what_there_is() -> None:
    from twitchlog.analysis.power import power_sentence

    text = power_sentence(2)
    assert text.startswith("With 2 checked-in days so far")
    assert not text.startswith("With about three months")
