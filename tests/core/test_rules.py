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


def test_numbers_accept_comma_decimals_and_yes_no() -> None:
    assert rules.parse_number("6,5", what="Sleep") == 6.5
    assert rules.parse_number("yes", what="B12") == 1.0
    with pytest.raises(ValidationError, match="finite"):
        rules.parse_number("inf", what="Sleep")
