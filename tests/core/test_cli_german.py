"""The command line speaks German: every --help and a realistic session, run in English and
in German, with no English sentence left in the German output; typed decimal commas work;
a reader that closes the pipe early gets no traceback."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from twitchlog import catalog, i18n
from twitchlog.cli import build_parser, main

# Words that are the same in both languages, or are names and units.
_SAME_IN_BOTH = """twitchlog mg h g ml min botox xeomin dysport png svg pdf csv json id
    experiment block name stress start ok nr a4 n-of-1 home xdg pipx venv path gui episode
    ona inco abo onabotulinumtoxina incobotulinumtoxina abobotulinumtoxina"""
SAME_IN_BOTH = set(_SAME_IN_BOTH.split())
# English words no German sentence holds (German homographs such as 'in', 'an', 'so',
# 'was', 'will', 'war', 'die' are left out).
_ENGLISH_ONLY = """the to of and is are with from for not this that your you or on at by be
it there have has which what when where how yes no one day days show help usage options
arguments required invalid choice expected unrecognized error wrote logged checked added
deleted twitch twitches episodes diary none left right after before each every default
file files write read new older than its their into"""
ENGLISH_ONLY = set(_ENGLISH_ONLY.split())

_NUMBER = re.compile(r"[+\-−]?\d[\d.,:\-]*")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\{[^}]*\}|\[[^\]]*\]")


def _normal(line: str) -> str:
    return " ".join(_NUMBER.sub("#", line).split())


def _words(line: str, typed: set[str]) -> set[str]:
    """The words of a line a person reads: what is typed (commands, choices, quoted
    examples, options, keys, metavars, paths, numbers) and names left out."""
    line = _QUOTED.sub(" ", line)
    found = set()
    for token in re.split(r"[\s,;()“„…—–]+", line):
        token = token.strip(".:!?")
        if (
            not token
            or token.startswith(("-", "$"))
            or any(c in token for c in "_/=:.%<>")
            or any(c.isdigit() for c in token)
            or (token.isupper() and len(token) > 1)
            or token.lower() in SAME_IN_BOTH
            or token in typed
        ):
            continue
        found.add(token.lower())
    return found


def english_left(english: str, german: str, typed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """German lines that are still English: the same as an English line (numbers aside)
    with words to read, or holding a word no German sentence has."""
    english_lines = {_normal(line) for line in english.splitlines()}
    left = []
    for line in german.splitlines():
        words = _words(line, typed)
        if (words and _normal(line) in english_lines) or words & ENGLISH_ONLY:
            left.append(line)
    return left


def typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """What a user types: command names, choices, positional names, and the keys of places,
    sides, signs, side effects and their grades."""
    found = {"left", "right", "both", *catalog.REGIONS, *catalog.SIGNS}
    found |= {*catalog.SIDE_EFFECTS, *catalog.SIDE_EFFECT_GRADES}
    for action in parser._actions:
        found.update(str(c) for c in action.choices or ())
        if not action.option_strings:
            found.add(action.dest)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= typed_words(child)
    return found


def test_the_detector_finds_english_left_in_german() -> None:
    english = "Wrote 3 days to /tmp/x.csv.\nDays 2026-03-09 to 2026-03-10 (2 checked in)"
    assert english_left(english, "3 Tage in /tmp/x.csv geschrieben.") == []
    assert english_left(english, "Days 09.03.2026 to 10.03.2026 (2 checked in)")  # untouched
    assert english_left(english, "3 Tage to /tmp/x.csv geschrieben.")  # a fragment left
    assert english_left("", "Aufruf: twitchlog day [--set KEY=VALUE] DATE", {"day"}) == []


def _command_paths(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _command_paths(child, (*path, name))


def _run(capsys: pytest.CaptureFixture[str], language: str, argv: list[str]) -> tuple[int, str]:
    i18n.set_language(language)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        i18n.set_language("en")
    out, err = capsys.readouterr()
    return code, out + err


def test_every_help_is_german(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "100")
    parser = build_parser()
    typed = typed_words(parser)
    paths = list(_command_paths(parser))
    assert len(paths) > 40  # every command and action
    left: list[str] = []
    for path in paths:
        _code, english = _run(capsys, "en", [*path, "--help"])
        code, german = _run(capsys, "de", [*path, "--help"])
        assert code == 0 and german.startswith("Aufruf: twitchlog"), german[:200]
        assert "Optionen:" in german and "diese Hilfe zeigen und beenden" in german
        left += [f"{' '.join(path)}: {line}" for line in english_left(english, german, typed)]
    assert not left, "\n".join(left)


def _session(tmp: Path, comma: str) -> list[list[str]]:
    db = ["--db", str(tmp / "d.db")]
    bad = tmp / "bad.csv"
    bad.write_text("date,sleep_h\n2026-03-12,lots\n", encoding="utf-8")
    return [
        ["list", *db],
        [
            "log",
            "--at",
            "2026-03-09 09:15",
            "--severity",
            "3",
            "--duration",
            "45s",
            "--where",
            "left:upper_eyelid",
            "--sign",
            "numbness",
            "--note",
            "ok",
            *db,
        ],
        ["log", "--at", "2026-03-10 21:00", "--duration", "2m", "--count", "4", *db],
        ["day", "2026-03-09", "--sleep", f"6{comma}5", "--cups", "2", *db],
        ["day", "2026-03-10", "--set", f"sleep_h=7{comma}5", "--stress", "4", *db],
        ["day", "2026-03-11", "--none", "--note", "ok", *db],
        ["list", *db],
        ["analyze", *db],
        ["analyze", "--json", *db],
        ["export", "days", str(tmp / "days"), *db],
        ["export", "doctor", str(tmp / "doc.xlsx"), *db],
        ["import", str(bad), *db],
        ["import", str(tmp / "days.csv"), *db],
        ["treatment", "add", "gabapentin", "--kind", "medication", "--start", "2026-03-01", *db],
        ["treatment", "list", *db],
        ["injection", "list", *db],
        ["settings", *db],
        ["lgo", *db],
        ["day", "--sleep", *db],
        ["analyze", "--outcome", "many", *db],
        ["export", *db],
        ["list", "--from", "2026-03-11", "--to", "2026-03-09", *db],
        ["factor", "add", "chocolate", "--kind", "yesno", *db],
        ["factor", "list", *db],
        [
            "injection",
            "add",
            "2026-03-02",
            "--product",
            "ona",
            "--units",
            "50",
            "--site",
            "left:upper_eyelid",
            "--side-effect",
            "ptosis=mild",
            *db,
        ],
        ["injection", "list", *db],
        ["injection", "edit", "1", "--units", "40", *db],
        ["injection", "wearing-off", "2026-03-08", *db],
        ["injection", "wearing-off", "2026-03-07", "--undo", *db],
        ["injection", "reminder", "7", *db],
        ["treatment", "end", "1", "--on", "2026-03-10", *db],
        ["treatment", "delete", "1", *db],
        ["experiment", "status", *db],
        [
            "experiment",
            "plan",
            "caffeine_mg",
            "--changed",
            "1",
            "--start",
            "2026-03-05",
            "--no-power",
            *db,
        ],
        ["experiment", "kept", "partly", "--date", "2026-03-09", *db],
        ["experiment", "status", *db],
        ["experiment", "result", *db],
        ["restore", *db],
        ["chart", "timeline", "--out", str(tmp / "x.gif"), *db],
        ["injection", "delete", "1", *db],
        ["gui", "--wait-loaded", *db],
        ["settings", "--day-start", "13", *db],
        # refusals that name the value in words: `what=` phrases must be German too
        ["day", "2026-03-12", "--cups", "viele", *db],
        ["injection", "add", "2026-03-03", "--product", "ona", "--units", "viele", *db],
        ["factor", "add", "steps", "--kind", "number", "--max", "wenig", *db],
    ]


def test_a_session_in_german_leaves_no_english(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outputs: dict[str, list[tuple[int, str]]] = {}
    empty = tmp_path / "empty.db"
    assert main(["settings", "--db", str(empty)]) == 0  # made once, copied for each language
    capsys.readouterr()
    for language, comma in (("en", "."), ("de", ",")):
        folder = tmp_path / language
        folder.mkdir()
        shutil.copyfile(empty, folder / "d.db")
        runs = []
        for argv in _session(folder, comma):
            code, said = _run(capsys, language, argv)
            runs.append((code, said.replace(str(folder), "<dir>")))
        outputs[language] = runs
    typed = typed_words(build_parser())
    left = []
    for argv, (code_en, english), (code_de, german) in zip(
        _session(tmp_path, "."), outputs["en"], outputs["de"], strict=True
    ):
        assert code_en == code_de, (argv, english, german)
        assert german.strip(), argv
        if "--json" not in argv:  # for machines: English keys (checked below)
            left += [f"{argv[0]}: {line}" for line in english_left(english, german, typed)]
    assert not left, "\n".join(left)
    german = "\n".join(said for _code, said in outputs["de"])
    assert "Episode 1 festgehalten: 09.03.2026 09:15" in german
    assert "Meinten Sie 'log'?" in german and "ungültige Auswahl: 'many'" in german
    assert "6,5" in german and "7,5" in german  # typed with a comma, shown with one
    english = "\n".join(said for _code, said in outputs["en"])
    assert "6.5" in english and "2026-03-09" in english
    # Files and --json are for machines: the same bytes and keys in every language.
    # Only a CSV file's header is in the user's language (#18; diary.csvheaders reads both).
    for name in ("days.csv",):
        de_lines = (tmp_path / "de" / name).read_bytes().splitlines()
        en_lines = (tmp_path / "en" / name).read_bytes().splitlines()
        assert de_lines[1:] == en_lines[1:]
        assert de_lines[0].startswith(b"Datum,") and en_lines[0].startswith(b"date,")
    json_at = [argv[:2] for argv in _session(tmp_path, ".")].index(["analyze", "--json"])
    as_json = [json.loads(outputs[lang][json_at][1]) for lang in ("en", "de")]
    assert as_json[0].keys() == as_json[1].keys()
    assert as_json[0]["observed_days"] == as_json[1]["observed_days"] == 3


def test_german_comes_from_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run(
        [sys.executable, "-m", "twitchlog", "lgo", "--db", str(tmp_path / "d.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Es gibt keinen Befehl 'lgo'. Meinten Sie 'log'?" in done.stderr


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`twitchlog list | head -1`: the reader goes away before the listing is written."""
    db = tmp_path / "d.db"
    assert main(["demo", "--days", "5", "--db", str(db)]) == 0
    child = subprocess.Popen(
        [sys.executable, "-m", "twitchlog", "list", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like head after its first line: nobody reads any more
    errors = child.stderr.read().decode()
    code = child.wait(timeout=60)
    assert errors == "" and code == 141  # no traceback, the shell's SIGPIPE status
