"""Dates outside 1900..today, clock gaps, odd stored rows, and control characters shown."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from twitchlog.diary import rules
from twitchlog.errors import ValidationError


# Item 5: a year before 1000 bricked the diary; a typo'd year made a 2,000-year report.
def test_the_window_paths_refuse_dates_outside_the_range(diary: Path) -> None:
    from twitchlog.db.migrate import open_database
    from twitchlog.diary import days, episodes, treatments

    db = open_database(str(diary))
    try:
        with db.write() as session:
            for bad in (
                dt.datetime(999, 6, 1, 12, tzinfo=dt.UTC),
                dt.datetime(1, 1, 1, tzinfo=dt.UTC),
            ):
                with pytest.raises(ValidationError, match="before 1900"):
                    episodes.log_episode(session, started_at=bad)
            with pytest.raises(ValidationError, match="before 1900"):
                days.check_in(session, dt.date(1, 1, 1), {"sleep_h": 7})
            with pytest.raises(ValidationError, match="in the future"):
                days.check_in(session, dt.date(9999, 12, 31), {"sleep_h": 7})
            with pytest.raises(ValidationError, match="before 1900"):
                treatments.add_treatment(
                    session, "drops", kind="medication", start=dt.date(1899, 12, 31)
                )
            episodes.log_episode(session, started_at=dt.datetime(1900, 1, 1, 12, tzinfo=dt.UTC))
    finally:
        db.close()


def test_an_odd_row_from_an_older_version_does_not_break_the_whole_diary(
    diary: Path, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(diary)  # as the old code stored year 999: unpadded
    con.execute(
        "INSERT INTO episode (started_utc, utc_offset_min, diary_date, severity, notes) "
        "VALUES ('999-06-01 12:00:00.000000', 0, '0999-06-01', 2, 'from long ago')"
    )
    con.commit()
    con.close()
    from twitchlog.db.lite import open_diary
    from twitchlog.diary.episodes import list_episodes

    lite = open_diary(str(diary))
    with lite.read() as conn:  # what `list` and every view read: the whole diary
        found = [e for e in list_episodes(conn) if e.notes == "from long ago"]
    lite.close()
    assert [e.started_at.year for e in found] == [999]
    assert run_cli("export", "episodes", str(tmp_path / "e.csv"), db=diary)[0] == 0
    assert "0999-06-01T12:00:00+00:00" in (tmp_path / "e.csv").read_text()


def test_years_are_stored_with_four_digits() -> None:
    from twitchlog.db.lite import datetime_text, to_datetime

    moment = dt.datetime(999, 6, 1, 12, 0)
    assert datetime_text(moment) == "0999-06-01 12:00:00.000000"
    assert datetime_text(dt.datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02 03:04:05.000000"
    assert to_datetime("999-06-01 12:00:00.000000") == moment


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# Item 16: a time the clocks skipped was silently moved by an hour.
def test_a_time_in_the_spring_forward_gap_is_refused(new_york: None) -> None:
    with pytest.raises(ValidationError, match="clocks were put forward"):
        rules.parse_when("2026-03-08 02:30")
    assert rules.parse_when("2026-03-08 03:30").strftime("%H:%M %z") == "03:30 -0400"
    assert rules.parse_when("2026-03-08 01:30").strftime("%H:%M %z") == "01:30 -0500"
    # The autumn hour that happens twice is a real time: the first one is taken.
    assert rules.parse_when("2026-11-01 01:30").strftime("%H:%M %z") == "01:30 -0400"


def test_year_9999_in_new_york_is_a_sentence_not_a_traceback(new_york: None, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("log", "--at", "9999-12-31 23:59")
    assert code == 2 and "in the future" in err and "Traceback" not in err


# Item 10: terminal escape sequences were printed raw.
HOSTILE = "ok\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\r"


def test_list_and_factor_list_show_control_characters_escaped(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("log", "--note", HOSTILE, db=diary)[0] == 0
    assert run_cli("factor", "add", "spooky", "--label", "Spooky\x1b[2J", db=diary)[0] == 0
    for command in (("list",), ("factor", "list")):
        code, out, err = run_cli(*command, db=diary)
        assert code == 0, err
        assert not any(c in out for c in "\x1b\x07\x9b\u202e\r"), command
    assert "ok\\u001b]0;pwned\\u0007\\u001b[2J" in run_cli("list", db=diary)[1]


def test_import_errors_show_control_characters_escaped(
    diary: Path, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("started_at,severity\n\x1b]0;pwned\x07,2\n")
    code, _, err = run_cli("import", str(bad), db=diary)
    assert code == 2 and "\\u001b]0;pwned\\u0007" in err and "\x1b" not in err


@pytest.mark.slow  # the analysis itself takes seconds
def test_analyze_shows_control_characters_escaped(diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.db.migrate import open_database
    from twitchlog.diary import days, factors

    db = open_database(str(diary))
    with db.write() as session:
        factors.add_factor(session, "spooky", label="Spooky\x1b[2J")
        for back in range(2, 30):
            day = dt.date.today() - dt.timedelta(days=back)
            days.check_in(session, day, {"spooky": back % 3})
    db.close()
    code, out, err = run_cli("analyze", db=diary)
    assert code == 0, err
    assert "Spooky\\u001b[2J" in out and "\x1b" not in out


def test_printable_keeps_layout_and_ordinary_text() -> None:
    from twitchlog.cli.output import printable

    assert printable("Kaffee 2×, naïve café\n\tnext") == "Kaffee 2×, naïve café\n\tnext"
    assert printable("a\nb", keep_newlines=False) == "a\\u000ab"
    assert printable("\x00\x7f\x85\u2066") == "\\u0000\\u007f\\u0085\\u2066"
