"""CSV headers speak the user's language; the files still import back losslessly in any.

A file exported in German imports into a diary used in English and the other way round,
because only the headers are translated (diary.csvheaders): the values stay ISO dates,
decimal points and the yes/no words, whatever the language.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from twitchlog import i18n
from twitchlog.db.migrate import open_database
from twitchlog.diary import days, episodes, factors, transfer
from twitchlog.diary.demo import fill_demo
from twitchlog.report.doctor_csv import export_doctor_csv

END = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def source_diary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Three weeks of demo diary plus factors of one's own, a decimal, and odd notes."""
    path = tmp_path_factory.mktemp("csvlang") / "source.sqlite3"
    db = open_database(str(path))
    with db.write() as s:
        fill_demo(s, 21, end=END)
        factors.add_factor(s, "chocolate", label="Chocolate", kind="number", unit="g")
        factors.add_factor(s, "cold_weather", label="Cold weather", kind="yesno")
        days.check_in(
            s,
            END,
            {"chocolate": 12.5, "cold_weather": 1, "sleep_h": 6.5},
            note='Kopfweh, "zitiert"; 1,5 h',
        )
        episodes.log_episode(
            s,
            started_at=dt.datetime(2026, 3, 20, 21, 15, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            severity=3,
            duration_s=90,
            places=["left:upper_eyelid", "both:cheek"],
            signs=["pain"],
            notes="=not a formula",
        )
    db.close()
    return path


def _snapshot(path: Path) -> tuple[object, ...]:
    db = open_database(str(path))
    try:
        with db.read() as s:
            eps = [
                (e.started_at, e.severity, e.duration_s, e.count, e.places, e.signs, e.notes)
                for e in episodes.list_episodes(s)
            ]
            ds = days.list_days(s)
            fs = sorted((f.key, f.kind) for f in factors.list_factors(s))  # no units in days files
    finally:
        db.close()
    return eps, ds, fs


def _export(source: Path, folder: Path, language: str) -> tuple[Path, Path, Path]:
    i18n.set_language(language)
    e, d, doc = folder / f"e-{language}.csv", folder / f"d-{language}.csv", folder / "doc.csv"
    db = open_database(str(source))
    try:
        with db.read() as s:
            transfer.export_episodes(s, e)
            transfer.export_days(s, d)
            export_doctor_csv(s, doc)
    finally:
        db.close()
    return e, d, doc


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))[1:]


@pytest.mark.parametrize(
    ("written", "read"), [("en", "en"), ("de", "de"), ("de", "en"), ("en", "de")]
)
def test_exported_files_import_back_losslessly_across_languages(
    source_diary: Path, tmp_path: Path, written: str, read: str
) -> None:
    e, d, doc = _export(source_diary, tmp_path, written)
    german = written == "de"
    assert _header(e)[0] == ("Beginn" if german else "started_at")
    assert _header(d)[0] == ("Datum" if german else "date")
    assert _header(d)[-2:] == (["Kein Zucken", "Notiz"] if german else ["no_twitches", "note"])
    assert "sleep_h" in _header(d)  # factor keys are the command line's words in both
    doctor = _header(doc)
    assert doctor[:2] == (["Datum", "Tagesbogen ausgefüllt"] if german else ["Date", "Checked in"])
    assert ("Schlaf (h)" if german else "Sleep (h)") in doctor
    assert {r[1] for r in _rows(doc)} <= (
        {"ja", "nein (Tag unbekannt)"} if german else {"yes", "no (unknown day)"}
    ) | ({"nein (nur Episoden erfasst)"} if german else {"no (only episodes logged)"})
    assert (_rows(doc)[-1][1] == "ja") == german  # a doctor reads the cells in the language too
    # values stay machine-readable: ISO dates and decimal points in both languages
    last = _rows(d)[-1]
    assert last[0] == END.isoformat() and "6.5" in last and "12.5" in last
    assert ["2026-03-20T21:15:00+01:00", "3", "90"] in [r[:3] for r in _rows(e)]

    i18n.set_language(read)
    fresh = tmp_path / "fresh.sqlite3"
    db = open_database(str(fresh))
    try:
        with db.write() as s:
            said = [transfer.import_csv(s, d).sentence(), transfer.import_csv(s, e).sentence()]
    finally:
        db.close()
    assert _snapshot(fresh) == _snapshot(source_diary)
    assert ("gelesen" in said[0]) == (read == "de")

    from_doctor = tmp_path / "from-doctor.sqlite3"
    db = open_database(str(from_doctor))
    try:
        with db.write() as s:
            summary = transfer.import_csv(s, doc)
            assert summary.new_factors == ("chocolate", "cold_weather")
            assert days.list_days(s) == _snapshot(source_diary)[1]
    finally:
        db.close()


@pytest.mark.parametrize(
    "text",
    [
        "date,sleep_h,Datum\n2026-03-01,7,2026-03-02\n",
        "started_at,severity,Stärke\n2026-03-01T21:15:00+01:00,2,3\n",
        "Date,Checked in,Episodes,Datum\n2026-03-01,yes,1,2026-03-02\n",
    ],
)
def test_a_column_named_twice_in_two_languages_is_refused(tmp_path: Path, text: str) -> None:
    """'date' and 'Datum' are one column: a file with both would lose one of them silently."""
    from twitchlog.errors import DiaryError

    path = tmp_path / "twice.csv"
    path.write_text(text, encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite3"
    db = open_database(str(fresh))
    try:
        with pytest.raises(DiaryError, match="in two languages"), db.write() as s:
            transfer.import_csv(s, path)
        with db.read() as s:
            assert days.list_days(s) == [] and episodes.list_episodes(s) == []
    finally:
        db.close()
