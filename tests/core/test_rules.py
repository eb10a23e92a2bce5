"""The single set of input rules the CLI and the window share."""

from __future__ import annotations

import datetime as dt

import pytest

from twitchlog.diary import rules
from twitchlog.errors import ValidationError


@pytest.mark.parametrize(
    ("local", "hour", "expected"),
    [
        ("2026-11-02 00:30", 4, "2026-11-01"),  # half past midnight is still the evening
        ("2026-11-02 03:59", 4, "2026-11-01"),
        ("2026-11-02 04:00", 4, "2026-11-02"),
        ("2026-11-02 00:30", 0, "2026-11-02"),
        ("2026-11-02 23:59", 4, "2026-11-02"),
    ],
)
def test_day_boundary(local: str, hour: int, expected: str) -> None:
    assert rules.diary_date(dt.datetime.fromisoformat(local), hour).isoformat() == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45s", 45),
        ("2m", 120),
        ("90", 90),
        ("1m30s", 90),
        ("1h", 3600),
        ("1.5m", 90),
        ("", None),
        (None, None),
        (30, 30),
    ],
)
def test_durations(text: str | None, seconds: int | None) -> None:
    assert rules.parse_duration(text) == seconds


def test_when_accepts_offsets_and_local_times() -> None:
    aware = rules.parse_when("2026-03-01T10:00:00+05:30")
    assert aware.utcoffset() == dt.timedelta(hours=5, minutes=30)
    local = rules.parse_when("2026-03-01 10:00")
    assert local.tzinfo is not None and local.hour == 10


def test_region_parsing() -> None:
    assert rules.parse_region("left:upper_eyelid") == ("left", "upper_eyelid")
    assert rules.parse_region("chin") == ("both", "chin")
    assert rules.parse_region("Right:Upper Eyelid") == ("right", "upper_eyelid")
    with pytest.raises(ValidationError):
        rules.parse_region("left:elbow")


def test_numbers_accept_comma_decimals_and_refuse_words() -> None:
    assert rules.parse_number("6,5", what="Sleep") == 6.5
    with pytest.raises(ValidationError, match="must be a number"):
        rules.parse_number("yes", what="Caffeine")  # yes/no belongs to yes/no factors
    with pytest.raises(ValidationError, match="finite"):
        rules.parse_number("inf", what="Sleep")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6,5", 6.5),
        ("0,250", 0.25),
        ("1,000,000", 1_000_000.0),
        ("1,000.5", 1000.5),
        ("1.000,5", 1000.5),
        ("1.000.000", 1_000_000.0),
        ("12,34", 12.34),
        ("1.5", 1.5),
        ("-2", -2.0),
    ],
)
def test_thousands_separators_and_decimal_commas_are_told_apart(text: str, value: float) -> None:
    assert rules.parse_number(text, what="Caffeine") == value


@pytest.mark.parametrize("text", ["1,000", "12,345", "2,500"])
def test_a_number_that_could_be_either_is_refused_with_both_readings(text: str) -> None:
    whole, fraction = text.split(",")
    with pytest.raises(
        ValidationError, match=f"could mean {whole}{fraction} .* or {whole}.{fraction}"
    ):
        rules.parse_number(text, what="Caffeine")


@pytest.mark.parametrize("text", ["1,00,0", "1.000,000,5", "1_000", "0x10", "1 000"])
def test_malformed_groupings_are_not_numbers(text: str) -> None:
    with pytest.raises(ValidationError, match="must be a number"):
        rules.parse_number(text, what="Caffeine")


def test_one_yes_no_vocabulary() -> None:
    for word in ("yes", "Y", "TRUE", "1", "x", "X", "✓"):
        assert rules.parse_yes_no(word, what="B12") is True
    for word in ("no", "N", "false", "0"):
        assert rules.parse_yes_no(word, what="B12") is False
    assert rules.parse_yes_no("", what="B12") is None
    assert rules.parse_yes_no(" ", what="B12") is None
    with pytest.raises(ValidationError, match="B12 is yes or no"):
        rules.parse_yes_no("yesterday", what="B12")
    assert rules.is_yes_no_column(["x", "", "x", "✓"])
    assert not rules.is_yes_no_column(["x", "2"])
    assert not rules.is_yes_no_column(["", ""])


@pytest.mark.parametrize(("text", "value"), [("1,500", 1.5), ("2,500", 2.5), ("12,345", 12.345)])
def test_in_german_a_comma_before_three_digits_is_the_decimal_comma(
    in_german: None, text: str, value: float
) -> None:
    """A German writes 1,5 for one and a half; '1,500' is 1.5 to them, not fifteen hundred.
    The English reading of the same text stays refused (the test above)."""
    assert rules.parse_number(text, what="Water") == value
    assert rules.parse_number("1.000,5", what="Water") == 1000.5  # grouped: still told apart
    with pytest.raises(ValidationError, match="Wasser muss eine Zahl sein"):
        rules.parse_number("1,00,0", what="Water")
