"""Review findings: the upgrade message in singular and plural, in English and German."""

from __future__ import annotations

from twitchlog.db.migrate import broken_references_message


def test_one_broken_reference_is_singular() -> None:
    assert "left 1 broken reference;" in broken_references_message(1)
    assert "left 3 broken references;" in broken_references_message(3)


def test_one_broken_reference_is_singular_in_german(in_german: None) -> None:
    assert "1 kaputten Verweis hinterlassen" in broken_references_message(1)
    assert "2 kaputte Verweise hinterlassen" in broken_references_message(2)
