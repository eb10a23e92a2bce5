"""A command line that helps: 'did you mean …?', what is wrong with a date, file names."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_a_mistyped_command_gets_a_suggestion(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("lgo")
    assert code == 2 and out == ""
    assert "no command 'lgo'" in err and "Did you mean 'log'?" in err
    code, _out, err = run_cli("zzzz")
    assert code == 2 and "Did you mean" not in err and "--help" in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("log", "--where", "eyelid"), "Did you mean 'left:upper_eyelid' or 'left:lower_eyelid'?"),
        (("log", "--where", "lfet:cheek"), "Did you mean 'left'?"),
        (("log", "--where", "right:cheeck"), "Did you mean 'right:cheek'"),
        (("log", "--sign", "numb"), "Did you mean 'numbness'?"),
        (("day", "--set", "sleep=7"), "Did you mean 'sleep_h'"),
        (("day", "--set", "stres=7"), "Did you mean 'stress'?"),
    ],
)
def test_a_mistyped_place_sign_or_factor_gets_a_suggestion(run_cli, args, said) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(*args)
    assert code == 2, out
    assert said in err
    assert "factor add" not in err  # never advise a second "Sleep" beside sleep_h
    code, out, _err = run_cli("list")
    assert "The diary is empty" in out  # nothing was written


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2026-11-31", "November has 30 days"),
        ("2026-02-29", "February has 28 days that year"),
        ("2026-13-01", "there is no month 13"),
    ],
)
def test_a_wrong_date_says_what_is_wrong(run_cli, text: str, said: str) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run_cli("day", text)
    assert code == 2 and said in err
    code, _out, err = run_cli("log", "--at", f"{text} 09:00")
    assert code == 2 and said in err


def test_log_at_takes_the_date_words_of_day(run_cli) -> None:  # type: ignore[no-untyped-def]
    # Always in the past whatever the hour CI runs at (day start 4:00): 'yesterday 00:01' is
    # the small hours after yesterday's evening, 'today 04:00' the start of today's diary day.
    # ('today 00:01' is tonight, the future for most of the day, and is refused.)
    for words in ("yesterday 21:15", "yesterday 00:01", "today 04:00", "0:01"):
        code, out, err = run_cli("log", "--at", words)
        assert code == 0, err
        assert "Logged episode" in out


def test_export_refuses_a_name_that_does_not_match_the_format(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wrong = tmp_path / "for-doctor.xlsx"
    code, _out, err = run_cli("export", "doctor", str(wrong))
    assert code == 2 and "name it for-doctor.csv" in err
    assert not wrong.exists()
    bare = tmp_path / "for-doctor"
    code, out, err = run_cli("export", "episodes", str(bare))
    assert code == 0, err
    assert (tmp_path / "for-doctor.csv").exists() and "for-doctor.csv" in out
