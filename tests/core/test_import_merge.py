"""Import never silently overwrites: filled, kept, or listed as a conflict (diary.merge)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DAY = "2026-11-20"


def _edit(path: Path, date: str, changes: dict[str, str]) -> None:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header = [h.lstrip("\ufeff") for h in rows[0]]
    for row in rows[1:]:
        if row[0] == date:
            for name, value in changes.items():
                row[header.index(name)] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows[1:]])


@pytest.fixture
def diary(run_cli):  # type: ignore[no-untyped-def]
    assert run_cli("day", DAY, "--sleep", "7", "--note", "long day")[0] == 0
    assert run_cli("day", "2026-11-21", "--stress", "4")[0] == 0
    return run_cli


@pytest.mark.parametrize(
    ("kind", "sleep", "note", "stress"),
    [
        ("doctor", "Sleep (h)", "Note", "Stress / anxiety (0–10)"),
        ("days", "sleep_h", "note", "stress"),
    ],
)
def test_a_conflict_is_listed_and_nothing_is_written(
    diary, tmp_path: Path, kind: str, sleep: str, note: str, stress: str
) -> None:  # type: ignore[no-untyped-def]
    """The issue's case: sleep 7 became 8.7 and the note went, with only '1 updated'."""
    path = tmp_path / "back.csv"
    assert diary("export", kind, str(path))[0] == 0
    before = diary("list")[1]
    _edit(path, DAY, {sleep: "8.7", note: ""})
    _edit(path, "2026-11-21", {sleep: "6"})
    code, _out, err = diary("import", str(path))
    assert code == 2
    assert f"{DAY}): Sleep (h) is 7 h in the diary, 8.7 h in the file" in err
    assert "--replace" in err
    assert diary("list")[1] == before  # nothing written, not even the empty value
    # Asked to replace: the file's value wins, the empty cell is filled, the note stays.
    code, out, err = diary("import", str(path), "--replace")
    assert code == 0, err
    assert "1 empty value filled" in out and "1 replaced" in out
    listed = diary("list")[1]
    assert "8.7" in listed and "long day" in listed
    assert stress  # the other columns came through unchanged
    code, out, _err = diary("import", str(path))  # again: everything is kept
    assert code == 0 and "0 replaced" in out and "0 empty values filled" in out


def test_empty_values_are_filled_and_equal_ones_kept(diary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "days.csv"
    assert diary("export", "days", str(path))[0] == 0
    _edit(path, DAY, {"caffeine_mg": "200"})
    code, out, err = diary("import", str(path))
    assert code == 0, err
    assert "1 empty value filled" in out and "kept as they were" in out
    assert "200" in diary("list")[1]


def test_a_different_note_is_a_conflict(diary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "days.csv"
    assert diary("export", "days", str(path))[0] == 0
    _edit(path, DAY, {"note": "short night"})
    code, _out, err = diary("import", str(path))
    assert code == 2 and "the note is “long day” in the diary, “short night” in the file" in err


def test_episodes_already_in_the_diary_are_kept_not_changed(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("log", "--at", "2026-11-20 09:00", "--severity", "3")[0] == 0
    path = tmp_path / "eps.csv"
    assert run_cli("export", "episodes", str(path))[0] == 0
    code, out, _err = run_cli("import", str(path))
    assert code == 0 and "Read 1 episode: 0 added, 1 already in the diary." in out
