"""Review findings: doses and upgrade messages in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from twitchlog import i18n
from twitchlog.db.migrate import broken_references_message
from twitchlog.diary.records import Treatment
from twitchlog.report.doctor_data import treatment_words


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_a_dose_is_written_with_the_decimal_comma_in_german(german: None) -> None:
    t = Treatment(
        id=1, name="Magnesium", kind="supplement", start=dt.date(2026, 1, 1), dose=2.5, unit="mg"
    )
    assert treatment_words(t, dt.date(2026, 1, 5)) == "Magnesium 2,5 mg"


def test_a_whole_dose_has_no_decimals() -> None:
    t = Treatment(
        id=1, name="magnesium", kind="supplement", start=dt.date(2026, 1, 1), dose=250.0, unit="mg"
    )
    assert treatment_words(t, dt.date(2026, 1, 5)) == "magnesium 250 mg"


def test_one_broken_reference_is_singular() -> None:
    assert "left 1 broken reference;" in broken_references_message(1)
    assert "left 3 broken references;" in broken_references_message(3)


def test_one_broken_reference_is_singular_in_german(german: None) -> None:
    assert "1 kaputten Verweis hinterlassen" in broken_references_message(1)
    assert "2 kaputte Verweise hinterlassen" in broken_references_message(2)
