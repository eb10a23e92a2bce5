"""`twitchlog log`, `day`, `list`, `factor`, `treatment`, `settings` as a user runs them."""

from __future__ import annotations

import datetime as dt

import pytest

from twitchlog.diary import days, episodes, factors, summaries, treatments
from twitchlog.diary.rules import now_local, today


def _eps(db):  # type: ignore[no-untyped-def]
    with db.read() as s:
        return episodes.list_episodes(s)


def test_log_now_with_everything(run_cli, db_path):  # type: ignore[no-untyped-def]
    code, out, err = run_cli(
        "log",
        "--severity",
        "3",
        "--duration",
        "1m30s",
        "--where",
        "left:upper_eyelid",
        "--where",
        "left:cheek",
        "--count",
        "12",
        "--sign",
        "pain",
        "--note",
        "at my desk",
    )
    assert code == 0, err
    assert "Logged episode 1" in out and "left upper eyelid" in out
    assert "talk to a doctor" in out  # a warning sign was noted
    from twitchlog.db.migrate import open_database

    db = open_database(str(db_path))
    [e] = _eps(db)
    assert (e.severity, e.duration_s, e.count, e.signs, e.notes) == (
        3,
        90,
        12,
        ("pain",),
        "at my desk",
    )
    assert [p.code for p in e.places] == ["left:upper_eyelid", "left:cheek"]
    assert abs((e.started_at - now_local()).total_seconds()) < 60
    assert e.started_at.utcoffset() == now_local().utcoffset()


def test_log_at_a_past_time_keeps_local_time_and_offset(run_cli, db):  # type: ignore[no-untyped-def]
    code, _, err = run_cli("log", "--at", "2026-01-15 21:15", "--duration", "45")
    assert code == 0, err
    [e] = _eps(db)
    assert e.started_at.strftime("%Y-%m-%d %H:%M") == "2026-01-15 21:15"
    assert e.duration_s == 45 and e.diary_date == dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--severity", "5"], "Severity must be 1, 2, 3 or 4"),
        (["--severity", "0"], "Severity must be 1, 2, 3 or 4"),
        (["--severity", "two"], "Severity must be 1, 2, 3 or 4"),
        (["--where", "left:ear"], "Unknown place 'ear'"),
        (["--where", "up:cheek"], "Unknown side 'up'"),
        (["--sign", "itch"], "Unknown warning sign 'itch'"),
        (["--duration", "abc"], "is not a duration"),
        (["--duration", "-5"], "is not a duration"),
        (["--duration", "30h"], "over 24 hours"),
        (["--count", "0"], "between 1 and"),
        (["--count", "1.5"], "whole number"),
        (["--at", "2099-01-01 10:00"], "in the future"),
        (["--at", "31/12/2025"], "is not a time"),
        (["--at", "2026-02-30 10:00"], "February has 28 days that year"),
    ],
)
def test_log_refuses_bad_input_and_writes_nothing(run_cli, db, args, words):  # type: ignore[no-untyped-def]
    code, out, err = run_cli("log", *args)
    assert code == 2
    assert words in err and out == ""
    assert err.count("\n") <= 2  # one clear sentence, no traceback
    assert _eps(db) == []


def test_day_check_in_and_update(run_cli, db):  # type: ignore[no-untyped-def]
    code, out, err = run_cli(
        "day",
        "2026-11-01",
        "--cups",
        "2",
        "--sleep",
        "6.5",
        "--stress",
        "7",
        "--screen",
        "9",
        "--note",
        "busy",
    )
    assert code == 0, err
    assert "Caffeine 190 mg" in out
    code, _, err = run_cli("day", "2026-11-01", "--alcohol", "1", "--set", "stress=")
    assert code == 0, err
    with db.read() as s:
        d = days.get_day(s, dt.date(2026, 11, 1))
    assert d is not None
    assert d.values == {
        "caffeine_mg": 190.0,
        "sleep_h": 6.5,
        "screen_h": 9.0,
        "alcohol_units": 1.0,
    }  # stress cleared, others kept
    assert d.note == "busy"


def test_day_none_records_an_observed_day_with_zero(run_cli, db):  # type: ignore[no-untyped-def]
    assert run_cli("day", "yesterday", "--none")[0] == 0
    with db.read() as s:
        yday = today(4) - dt.timedelta(days=1)
        [summary] = summaries.day_summaries(s, yday, yday)
    assert summary.observed and summary.episodes == 0


def test_day_none_refused_when_twitches_were_logged(run_cli, db):  # type: ignore[no-untyped-def]
    run_cli("log", "--at", "2026-11-01 10:00")
    code, _, err = run_cli("day", "2026-11-01", "--none")
    assert code == 2 and "You logged 1 twitch on 2026-11-01" in err
    with db.read() as s:
        assert days.get_day(s, dt.date(2026, 11, 1)) is None


def test_logging_after_no_twitches_corrects_the_day(run_cli, db):  # type: ignore[no-untyped-def]
    run_cli("day", "2026-11-01", "--none")
    run_cli("log", "--at", "2026-11-01 10:00")
    with db.read() as s:
        d = days.get_day(s, dt.date(2026, 11, 1))
    assert d is not None and not d.no_twitches


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--caffeine", "-5"], "Caffeine cannot be negative"),
        (["--sleep", "30"], "at most 24 h"),
        (["--stress", "11"], "at most 10"),
        (["--stress", "6.5"], "whole number"),
        (["--water", "lots"], "must be a number"),
        (["--set", "chocolate=1"], "Unknown factor 'chocolate'"),
        (["--set", "nonsense"], "is not KEY=VALUE"),
        (["--cups", "2", "--caffeine", "100"], "not both"),
        (["--cups", "-1"], "cannot be negative"),
        (["--sleep", "nan"], "finite"),
        (["--note", "a\x00b"], "NUL"),
    ],
)
def test_day_refuses_bad_values_and_writes_nothing(run_cli, db, args, words):  # type: ignore[no-untyped-def]
    code, _, err = run_cli("day", "2026-11-01", "--sleep", "7", *args)
    assert code == 2 and words in err
    with db.read() as s:
        assert days.list_days(s) == []


def test_day_in_the_future_is_refused(run_cli, db):  # type: ignore[no-untyped-def]
    code, _, err = run_cli("day", (today(4) + dt.timedelta(days=2)).isoformat())
    assert code == 2 and "in the future" in err
    code, _, err = run_cli("day", "2026-13-01")
    assert code == 2 and "is not a date" in err


def test_custom_factor_add_list_and_use(run_cli, db):  # type: ignore[no-untyped-def]
    code, out, err = run_cli(
        "factor", "add", "chocolate", "--kind", "yesno", "--label", "Chocolate"
    )
    assert code == 0, err
    code, out, _ = run_cli("factor", "list")
    assert "chocolate" in out and "your own" in out and "caffeine_mg" in out
    assert run_cli("day", "2026-11-01", "--set", "chocolate=yes")[0] == 0
    code, _, err = run_cli("day", "2026-11-02", "--set", "chocolate=3")
    assert code == 2 and "yes or no" in err
    code, _, err = run_cli("factor", "add", "chocolate")
    assert code == 2 and "already a factor" in err
    code, _, err = run_cli("factor", "add", "Bad Key!")
    assert code == 2 and "cannot be a factor key" in err
    with db.read() as s:
        assert [f.key for f in factors.list_factors(s)][-1] == "chocolate"


def test_treatments_add_list_end(run_cli, db):  # type: ignore[no-untyped-def]
    code, out, err = run_cli(
        "treatment",
        "add",
        "physiotherapy",
        "--kind",
        "therapy",
        "--start",
        "2026-09-01",
    )
    assert code == 0, err
    assert (
        run_cli(
            "treatment",
            "add",
            "magnesium",
            "--kind",
            "medication",
            "--start",
            "2026-08-01",
            "--dose",
            "250",
            "--unit",
            "mg",
        )[0]
        == 0
    )
    code, out, _ = run_cli("treatment", "list")
    assert "physiotherapy" in out and "250 mg" in out
    assert run_cli("treatment", "end", "2", "--on", "2026-10-01")[0] == 0
    code, _, err = run_cli("treatment", "end", "2", "--on", "2026-07-01")
    assert code == 2 and "before the start" in err
    code, _, err = run_cli("treatment", "end", "99")
    assert code == 2 and "no treatment number 99" in err
    code, _, err = run_cli(
        "treatment", "add", "x", "--kind", "medication", "--start", "2026-08-01", "--dose", "-3"
    )
    assert code == 2 and "more than 0" in err
    with db.read() as s:
        ts = treatments.list_treatments(s)
    assert [(t.name, t.end) for t in ts] == [
        ("magnesium", dt.date(2026, 10, 1)),
        ("physiotherapy", None),
    ]


def test_list_shows_days_and_episodes(run_cli):  # type: ignore[no-untyped-def]
    code, out, _ = run_cli("list")
    assert code == 0 and "The diary is empty" in out
    run_cli("day", "2026-11-01", "--caffeine", "300", "--note", "coffee day")
    run_cli("log", "--at", "2026-11-01 10:00", "--where", "right:cheek", "--severity", "4")
    run_cli("log", "--at", "2026-11-03 10:00")
    code, out, _ = run_cli("list", "--from", "2026-11-01", "--to", "2026-11-03")
    assert code == 0
    lines = out.splitlines()
    assert any(ln.startswith("2026-11-01  yes") and "300" in ln for ln in lines)
    assert any(ln.startswith("2026-11-03  no") for ln in lines)  # logged, not checked in
    assert not any(ln.startswith("2026-11-02") for ln in lines)  # unknown day not shown as 0
    assert "right cheek" in out
    code, _, err = run_cli("list", "--from", "2026-11-03", "--to", "2026-11-01")
    assert code == 2 and "swap" in err


def test_day_boundary_setting(run_cli, db):  # type: ignore[no-untyped-def]
    run_cli("log", "--at", "2026-11-02 00:30")
    code, out, _ = run_cli("settings", "--day-start", "0")
    assert code == 0 and "begins at 0:00" in out
    run_cli("log", "--at", "2026-11-02 00:40")
    assert [e.diary_date for e in _eps(db)] == [dt.date(2026, 11, 1), dt.date(2026, 11, 2)]
    code, _, err = run_cli("settings", "--day-start", "13")
    assert code == 2 and "0 to 12" in err


def test_no_command_prints_help(run_cli):  # type: ignore[no-untyped-def]
    from twitchlog.cli import build_parser

    assert "log" in build_parser().format_help()


def test_every_command_is_found_by_its_own_module() -> None:
    """A command line builds only its command's parser; the table must name them all."""
    import argparse

    from twitchlog.cli import COMMAND_MODULE, build_parser

    def names(parser: argparse.ArgumentParser) -> set[str]:
        [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        return set(sub.choices)

    assert names(build_parser()) == set(COMMAND_MODULE)
    for command, module in COMMAND_MODULE.items():
        assert command in names(build_parser((module,)))


def test_help_and_unknown_commands_still_list_everything(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("lgo")
    assert code == 2 and "no command 'lgo'" in err and "Did you mean 'log'?" in err
