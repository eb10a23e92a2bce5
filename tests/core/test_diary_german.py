"""Every sentence the storage side makes (refusals of bad input, import summaries and
conflicts, the doctor notice, check, backups, file refusals) exists in German, whole.

Each sentence is produced twice, in English and in German, on the same real diary and
files; the German one must differ, and must not keep an English word of the English one
(beyond a short list of names, units and the words the user types, which stay English).
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from twitchlog import catalog, i18n
from twitchlog.db.backup import BackupInfo
from twitchlog.db.check import check_file
from twitchlog.db.errors import explain
from twitchlog.db.lite import restore_advice
from twitchlog.db.migrate import open_database
from twitchlog.diary import days, episodes, factors, notices, rules, transfer, treatments
from twitchlog.diary.records import Episode, Place
from twitchlog.errors import DiaryError
from twitchlog.paths import check_diary_file
from twitchlog.safefile import check_target

DAY = dt.date(2026, 3, 9)

# Words that may stay the same in both: names, units, and what the user types or runs.
SAME_IN_BOTH = {
    "twitchlog",
    "sqlite",
    "csv",
    "utf",
    "excel",
    "libreoffice",
    "unicode",
    "mg",
    "min",
    "h",
    "episode",
    "db",
    "replace",
    "yes",
    "no",
    "x",
    "y",
    "n",
    "true",
    "false",
    "pipe",
    "socket",
    "e",
    "g",
    "s",
    "m",
    "hh",
    "mm",
    "dd",
    "yyyy",
    "today",
    "yesterday",
    "left",
    "right",
    "both",
    "number",
    "scale",
    "yesno",
    "medication",
    "therapy",
    "procedure",
    "injection",
    "product",
    "units",
    "ona",
    "factor",
    "treatment",
    "list",
    "add",
    "kind",
    "restore",
    "check",
    "nul",
    "date",
    "upper_eyelid",
    "chocolate",
    "cold_weather",
    "sleep_h",
    "april",
    "august",
    "september",
    "november",
    "pain",
    "numbness",
    "weakness",
    "vision",
    "drooping",
    "function",
    "process",
    "started_at",
    "no_twitches",
    "am",
    "in",
    "an",
    "so",
    "was",
    "die",
    "oder",
    "problem",
    "_",
    "vitamin",
    "d",
    "stress",
    "maximum",
    "minimum",
    "text",
    "bytes",
    "import",  # German words too
    "colour",
    "fika",
    "changed",
    "kept",  # typed into the files by this test
    *catalog.REGIONS,
    *catalog.SIGNS,  # the command line's place and sign words
}


@pytest.fixture
def in_language() -> Iterator[Callable[[str], None]]:
    yield i18n.set_language
    i18n.set_language("en")


def _said(action: Callable[[], object]) -> str:
    try:
        action()
    except DiaryError as exc:
        return str(exc)
    raise AssertionError("expected a refusal")


def _csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def sentences(folder: Path) -> dict[str, str]:
    """The storage side's sentences on one real diary and a few real files in `folder`."""
    folder.mkdir()
    db = open_database(str(folder / "diary.sqlite3"))
    out: dict[str, str] = {}
    try:
        with db.write() as s:
            factors.add_factor(s, "chocolate", kind="number", unit="g")
            days.check_in(s, DAY, {"sleep_h": 7}, note="kept")
            episodes.log_episode(
                s,
                started_at=dt.datetime(2026, 3, 9, 21, 15).astimezone(),
                places=["left:upper_eyelid"],
            )
            sleep = factors.factors_by_key(s)["sleep_h"]
            cases: dict[str, Callable[[], object]] = {
                "impossible day": lambda: rules.parse_date("2026-02-30"),
                "no month 13": lambda: rules.parse_date("2026-13-01"),
                "not a date": lambda: rules.parse_date("soon"),
                "future day": lambda: rules.parse_date("2999-01-01"),
                "before 1900": lambda: rules.parse_date("1899-12-31"),
                "not a time": lambda: rules.parse_when("later"),
                "future time": lambda: rules.parse_when("2999-01-01 10:00"),
                "duration": lambda: rules.parse_duration("long"),
                "duration too long": lambda: rules.parse_duration("25h"),
                "severity": lambda: rules.check_severity("9"),
                "count": lambda: rules.check_count("many"),
                "count range": lambda: rules.check_count("0"),
                "side": lambda: rules.parse_region("up:cheek"),
                "place": lambda: rules.parse_region("left:elbow"),
                "sign": lambda: rules.check_sign("itch"),
                "yes/no": lambda: rules.parse_yes_no("perhaps", what="Vitamin D taken"),
                "number": lambda: rules.parse_number("lots", what="Caffeine"),
                "infinite": lambda: rules.parse_number("inf", what="Sleep"),
                "too much sleep": lambda: factors.check_value(sleep, "25"),
                "negative": lambda: factors.check_value(sleep, "-1"),
                "scale": lambda: factors.check_value(factors.factors_by_key(s)["stress"], "2.5"),
                "factor key": lambda: rules.check_factor_key("9 lives"),
                "NUL": lambda: rules.check_text("a\x00b", what="note"),
                "long note": lambda: rules.check_text("x" * 10_001, what="note"),
                "factor kind": lambda: factors.add_factor(s, "tea", kind="colour"),
                "factor twice": lambda: factors.add_factor(s, "chocolate"),
                "min max": lambda: factors.add_factor(s, "tea", minimum="5", maximum="1"),
                "unknown factor": lambda: days.check_in(s, DAY, {"slep": 7}),
                "no check-in": lambda: days.delete_day(s, DAY - dt.timedelta(days=3)),
                "no episode": lambda: episodes.get_episode(s, 999),
                "no twitches": lambda: days.check_in(s, DAY, no_twitches=True),
                "treatment name": lambda: treatments.add_treatment(
                    s, " ", kind="therapy", start=DAY
                ),
                "treatment kind": lambda: treatments.add_treatment(s, "tea", kind="tea", start=DAY),
                "injection kind": lambda: treatments.add_treatment(
                    s, "botox", kind="injection", start=DAY
                ),
                "treatment end": lambda: treatments.add_treatment(
                    s, "tea", kind="therapy", start=DAY, end=DAY - dt.timedelta(days=1)
                ),
                "dose": lambda: treatments.add_treatment(
                    s, "tea", kind="medication", start=DAY, dose="0"
                ),
                "no treatment": lambda: treatments.end_treatment(s, 999, DAY),
                "csv folder": lambda: transfer.import_csv(s, folder),
                "csv missing": lambda: transfer.import_csv(s, folder / "none.csv"),
                "csv empty": lambda: transfer.import_csv(s, _csv(folder, "empty.csv", "")),
                "csv kind": lambda: transfer.import_csv(s, _csv(folder, "k.csv", "a,b\n1,2\n")),
                "csv NUL": lambda: transfer.import_csv(s, _csv(folder, "n.csv", "date\n\x00\n")),
                "csv ragged": lambda: transfer.import_csv(
                    s, _csv(folder, "r.csv", "date,note\n2026-03-01\n")
                ),
                "csv twice": lambda: transfer.import_csv(
                    s, _csv(folder, "t.csv", "date,note,note\n2026-03-01,a,b\n")
                ),
                "csv column": lambda: transfer.import_csv(
                    s, _csv(folder, "c.csv", "started_at,colour\n2026-03-01 10:00,red\n")
                ),
                "csv rows": lambda: transfer.import_csv(
                    s, _csv(folder, "b.csv", "started_at,severity\n,2\n2026-03-01 10:00,7\n")
                ),
                "csv conflict": lambda: transfer.import_csv(
                    s, _csv(folder, "x.csv", "date,sleep_h,note\n2026-03-09,8.5,changed\n")
                ),
                "csv days twice": lambda: transfer.import_csv(
                    s, _csv(folder, "d2.csv", "date,sleep_h\n2026-03-01,7\n2026-03-01,8\n")
                ),
                "diary path folder": lambda: check_diary_file(folder),
                "export onto folder": lambda: check_target(folder),
            }
            for name, action in cases.items():
                out[name] = _said(action)
            days_csv = _csv(folder, "days.csv", "date,sleep_h,fika\n2026-03-08,6.5,1\n")
            out["days summary"] = transfer.import_csv(s, days_csv).sentence()
            merge_csv = _csv(folder, "m.csv", "date,sleep_h,water_l\n2026-03-09,7,1.5\n")
            out["merge summary"] = transfer.import_csv(s, merge_csv).sentence()
            eps_csv = folder / "eps.csv"
            transfer.export_episodes(s, eps_csv)
            out["episodes summary"] = transfer.import_csv(s, eps_csv).sentence()
        full = explain(OSError(errno.ENOSPC, "No space left", str(folder / "out.csv")))
        assert full is not None
        out["disk full"] = str(full)
        out["check healthy"] = check_file(db.path).sentence()
        garbage = _csv(folder, "garbage.sqlite3", "not a database at all, just some words")
        out["check garbage"] = check_file(garbage).sentence()
        out["no backup"] = restore_advice(garbage)
        taken = dt.datetime(2026, 3, 9, 8, 30)
        out["backup"] = BackupInfo(folder / "b.sqlite3", taken, "before-import").describe()
        twitch = Episode(
            1,
            taken.astimezone(),
            DAY,
            4,
            places=tuple(
                Place(side, region)
                for side, region in [("left", "upper_eyelid"), ("left", "cheek"), ("left", "jaw")]
            ),
            signs=("numbness", "pain"),
        )
        early = Episode(2, taken.astimezone(), DAY - dt.timedelta(days=40), 2)
        notice = notices.assess([early, twitch], DAY)
        assert notice is not None
        out["notice"] = notice.text
        out["left eyelid"] = Place("left", "upper_eyelid").words
    finally:
        db.close()
    return out


def _words(text: str, folder: Path) -> set[str]:
    """The words of a sentence, without paths, quoted input, numbers and dates."""
    text = text.replace(str(folder), " ")
    text = re.sub(r"'[^']*'", " ", text)  # what the user typed, commands, file kinds
    text = re.sub(r"\S+\.(?:csv|sqlite3)\b", " ", text)  # file names
    return {w.casefold() for w in re.findall(r"[A-Za-zÄÖÜäöüß_]+", text)}


def test_every_storage_sentence_is_german_and_whole(
    tmp_path: Path, in_language: Callable[[str], None]
) -> None:
    in_language("en")
    english = sentences(tmp_path / "en")
    in_language("de")
    german = sentences(tmp_path / "de")
    assert english.keys() == german.keys()
    left_english = {}
    for name, en in english.items():
        de = german[name]
        assert de != en, f"{name}: not translated: {en!r}"
        kept = (_words(en, tmp_path / "en") & _words(de, tmp_path / "de")) - SAME_IN_BOTH
        if kept:
            left_english[name] = (sorted(kept), de)
    assert not left_english, left_english
    # a few sentences read as a German user should see them
    assert german["impossible day"] == (
        "'2026-02-30' ist kein Datum: der Februar hat in diesem Jahr 28 Tage, also gibt es den "
        "Tag 30 nicht."
    )
    assert "Zeile 2:" in german["csv rows"] and "Zeile 3:" in german["csv rows"]
    assert german["too much sleep"].startswith("Schlaf darf höchstens 24 h sein")
    assert (
        "1 Tag gelesen" in german["days summary"]
        and "Neue Faktoren: fika" in (german["days summary"])
    )
    assert "Schlaf (h) ist im Tagebuch 7 h, in der Datei 8,5 h" in german["csv conflict"]
    assert "hat 1 Zelle, die Kopfzeile aber 2" in german["csv ragged"]
    assert "(2 Tage mit Zucken seit dem 28.01.2026)" in german["notice"]
    assert german["left eyelid"] == "Oberlid links"
    assert "09.03.2026" in german["backup"]
