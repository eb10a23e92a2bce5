"""Moving to a new laptop: the doctor CSV's days and the episodes CSV come back exactly."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from twitchlog.db.migrate import open_database
from twitchlog.diary import days, episodes, factors, transfer
from twitchlog.diary.demo import fill_demo
from twitchlog.errors import ImportFailed
from twitchlog.report.doctor_csv import export_doctor_csv

D0 = dt.date(2024, 3, 1)
SUMMARY_ONLY = {
    "Checked in",
    "Episodes",
    "Highest severity (1–4)",
    "Average severity (1–4)",
    "Total duration (min)",
    "Places",
    "Warning signs",
    "Treatments",
    "Injection",  # injections, like treatments, are summaries here: not re-created
    "Injection side effects",
    "Felt wearing off",
}


def day_columns(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Header and, per checked-in day, every factor cell and the note."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    keep = [i for i, h in enumerate(header) if h not in SUMMARY_ONLY]
    return [header[i] for i in keep], {r[0]: [r[i] for i in keep] for r in rows if r[1] == "yes"}


def test_doctor_csv_round_trip_into_an_empty_diary(db, tmp_path: Path) -> None:
    with db.write() as s:
        fill_demo(s, 120, end=dt.date(2024, 6, 30))
        factors.add_factor(s, "chocolate", label="Chocolate", kind="number", unit="g")
        factors.add_factor(s, "cold", label="Cold weather", kind="yesno")
        factors.add_factor(s, "mood", label="Mood", kind="scale")
        factors.add_factor(s, "temp", label="=Outside", kind="number", unit="°C", minimum=-40)
        days.check_in(
            s,
            dt.date(2024, 6, 30),
            {"chocolate": 35.5, "cold": 1, "mood": 7, "temp": -8},
            note='=cmd "quoted", 日本 😀\nnext line',
        )
    first = tmp_path / "first.csv"
    with db.read() as s:
        export_doctor_csv(s, first)

    new = open_database(str(tmp_path / "new.sqlite3"))
    try:
        with new.write() as s:
            summary = transfer.import_csv(s, first)
        text = summary.sentence()
        assert "not re-created" in text and "episodes CSV" in text
        assert summary.added > 100
        assert set(summary.new_factors) == {"chocolate", "cold_weather", "mood", "outside"}
        second = tmp_path / "second.csv"
        with new.read() as s:
            kinds = {f.label: (f.kind, f.unit) for f in factors.list_factors(s)}
            export_doctor_csv(s, second)
            assert episodes.list_episodes(s) == []
        assert kinds["Chocolate"] == ("number", "g")
        assert kinds["Cold weather"] == ("yesno", "")
        assert kinds["Mood"] == ("scale", "")
        assert kinds["=Outside"] == ("number", "°C")
        head1, days1 = day_columns(first)
        head2, days2 = day_columns(second)
        assert head1 == head2
        assert days1 == days2
        assert days2["2024-06-30"][-1] == '\'=cmd "quoted", 日本 😀\nnext line'

        # importing the same file again changes nothing
        with new.write() as s:
            again = transfer.import_csv(s, first)
        assert again.added == again.changed == 0
    finally:
        new.close()


def test_bad_row_imports_nothing(db, tmp_path: Path) -> None:
    path = tmp_path / "doctor.csv"
    path.write_text(
        "\ufeffDate,Checked in,Episodes,Caffeine (mg),Note\r\n"
        "2024-03-01,yes,1,200,fine\r\n"
        "2024-03-02,yes,0,lots,bad\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as err, db.write() as s:
        transfer.import_csv(s, path)
    assert "line 3" in str(err.value)
    with db.read() as s:
        assert days.list_days(s) == []


@pytest.mark.parametrize(
    "note",
    ["=1+1", "+cmd", "-minus", "@SUM(A1)", "'=already", "''@two", "'quoted' word", "plain"],
)
def test_episodes_csv_neutralised_and_lossless(db, tmp_path: Path, note: str) -> None:
    """Decision: the episodes/days CSVs neutralise notes too; the importer strips the ' ."""
    when = dt.datetime(2024, 3, 1, 9, 30).astimezone()
    with db.write() as s:
        episodes.log_episode(s, started_at=when, severity=2, notes=note)
        days.check_in(s, D0, {"caffeine_mg": 95}, note=note)
    eps, dys = tmp_path / "episodes.csv", tmp_path / "days.csv"
    with db.read() as s:
        transfer.export_episodes(s, eps)
        transfer.export_days(s, dys)
    with eps.open(encoding="utf-8", newline="") as fh:
        cell = next(iter(csv.DictReader(fh)))["notes"]
    assert not cell.startswith(("=", "+", "-", "@"))
    new = open_database(str(tmp_path / "new.sqlite3"))
    try:
        with new.write() as s:
            transfer.import_csv(s, eps)
            transfer.import_csv(s, dys)
        with new.read() as s:
            assert episodes.list_episodes(s)[0].notes == note
            assert days.get_day(s, D0).note == note  # type: ignore[union-attr]
    finally:
        new.close()


def test_cli_import_of_a_doctor_csv_says_episodes_are_summaries(  # type: ignore[no-untyped-def]
    db, tmp_path: Path, run_cli
) -> None:
    with db.write() as s:
        fill_demo(s, 60, end=dt.date(2024, 6, 30))
    out = tmp_path / "doctor.csv"
    code, _, err = run_cli("export", "doctor", str(out))
    assert code == 0, err
    code, text, err = run_cli("import", str(out), db=tmp_path / "new.sqlite3")
    assert code == 0, err
    assert text.startswith("Read ") and "checked-in days from the doctor CSV" in text
    assert "were not re-created; import the episodes CSV" in text
