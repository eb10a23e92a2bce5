"""The doctor CSV as a person opening it in a spreadsheet would check it."""

from __future__ import annotations

import csv
import datetime as dt
import stat
from pathlib import Path

import pytest

from twitchlog.diary import days, episodes, factors, injections, treatments
from twitchlog.diary.doctor_columns import TRAILING_COLUMNS
from twitchlog.diary.records import Factor
from twitchlog.diary.summaries import DaySummary
from twitchlog.report.doctor_csv import export_doctor_csv, neutralise, write_doctor_csv
from twitchlog.report.doctor_data import DoctorDay, DoctorTable

D0 = dt.date(2024, 3, 1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).astimezone()


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def diary(db):  # type: ignore[no-untyped-def]
    """Day 1 observed with two episodes, day 2 unknown, day 3 only episodes, day 4 quiet."""
    with db.write() as s:
        factors.add_factor(s, "chocolate", label="Chocolate", kind="number", unit="g")
        days.check_in(s, D0, {"caffeine_mg": 300, "sleep_h": 5.5, "b12": 1, "chocolate": 40})
        episodes.log_episode(
            s, started_at=at(D0, 9), severity=3, duration_s=120, places=["left:upper_eyelid"]
        )
        episodes.log_episode(
            s,
            started_at=at(D0, 15),
            severity=1,
            duration_s=30,
            places=["left:upper_eyelid", "left:cheek"],
            signs=["pain"],
        )
        episodes.log_episode(s, started_at=at(D0 + dt.timedelta(days=2)), severity=2)
        days.check_in(s, D0 + dt.timedelta(days=3), {"caffeine_mg": 0}, no_twitches=True)
        injections.add_injection(s, D0 - dt.timedelta(14), product="ona", units=50)
        treatments.add_treatment(s, "magnesium", kind="medication", start=D0, dose=250, unit="mg")
    return db


def test_header_names_every_factor_with_its_unit(diary, tmp_path: Path) -> None:
    out = tmp_path / "doctor.csv"
    with diary.read() as s:
        export_doctor_csv(s, out)
    head = read_rows(out)[0].keys()
    for name in (
        "Date",
        "Checked in",
        "Episodes",
        "Highest severity (1–4)",
        "Average severity (1–4)",
        "Total duration (min)",
        "Places",
        "Warning signs",
        "Caffeine (mg)",
        "Sleep (h)",
        "Stress / anxiety (0–10)",
        "Vitamin B12 taken",
        "Chocolate (g)",
        "Treatments",
        "Note",
    ):
        assert name in head


def test_bom_crlf_and_private_file(diary, tmp_path: Path) -> None:
    out = tmp_path / "doctor.csv"
    with diary.read() as s:
        export_doctor_csv(s, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 5  # header + 4 days
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_observed_unobserved_and_unknown_days(diary, tmp_path: Path) -> None:
    out = tmp_path / "doctor.csv"
    with diary.read() as s:
        n = export_doctor_csv(s, out)
    rows = read_rows(out)
    assert n == 4
    assert [r["Date"] for r in rows] == [(D0 + dt.timedelta(i)).isoformat() for i in range(4)]
    first, unknown, only_eps, quiet = rows
    assert first["Checked in"] == "yes"
    assert first["Episodes"] == "2"
    assert first["Highest severity (1–4)"] == "3"
    assert first["Average severity (1–4)"] == "2"
    assert first["Total duration (min)"] == "2.5"
    assert first["Places"] == "left upper eyelid ×2; left cheek ×1"
    assert first["Warning signs"] == "pain ×1"
    assert first["Caffeine (mg)"] == "300"
    assert first["Sleep (h)"] == "5.5"
    assert first["Vitamin B12 taken"] == "yes"
    assert first["Chocolate (g)"] == "40"
    assert first["Stress / anxiety (0–10)"] == ""
    assert "onabotulinumtoxinA, day 14 after injection" in first["Treatments"]
    assert "magnesium 250 mg" in first["Treatments"]
    # unknown: no check-in, no episodes -> empty counts, never 0
    assert unknown["Checked in"].startswith("no")
    assert unknown["Episodes"] == unknown["Total duration (min)"] == ""
    # episodes logged without a check-in: shown, marked, no factor values
    assert only_eps["Checked in"] == "no (only episodes logged)"
    assert only_eps["Episodes"] == "1"
    assert only_eps["Caffeine (mg)"] == ""
    # an observed quiet day is a real zero
    assert quiet["Checked in"] == "yes"
    assert quiet["Episodes"] == "0"
    assert quiet["Caffeine (mg)"] == "0"


def test_range_limits_rows(diary, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "doctor.csv"
    first = D0.isoformat()
    second = (D0 + dt.timedelta(1)).isoformat()
    code, text, err = run_cli("export", "doctor", str(out), "--from", first, "--to", second)
    assert code == 0, err
    assert "Wrote 2 days" in text
    assert [r["Date"] for r in read_rows(out)] == [first, second]


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r", "\x00"])
def test_every_formula_character_is_neutralised(tmp_path: Path, lead: str) -> None:
    """Written by the real writer from a table: tab, CR and NUL can't come through the
    diary services (notes are stripped, NUL refused), so the table is built by hand."""
    custom = Factor(99, "odd", f"{lead}odd", "number", "", -50, 50, False, "custom")
    note = f"{lead}1+2 cmd|' /C calc'!A0"
    summary = DaySummary(D0, True, 0, None, None, 0)
    table = DoctorTable(D0, D0, (custom,), (DoctorDay(summary, values={"odd": -12.5}, note=note),))
    out = tmp_path / "doctor.csv"
    write_doctor_csv(table, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh))
    last_factor = -1 - len(TRAILING_COLUMNS)
    assert header[last_factor] == f"'{lead}odd"
    assert row[-1] == "'" + note
    assert row[last_factor] == "-12.5"  # a negative number stays a number, not text
    assert neutralise([-12.5, 3, "ok", "-5"]) == [-12.5, 3, "ok", "'-5"]


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_note_and_factor_label_from_the_diary_are_neutralised(
    db, tmp_path: Path, lead: str
) -> None:
    with db.write() as s:
        factors.add_factor(s, "temp", label=f"{lead}Temp", kind="number", unit="°C", minimum=-40)
        days.check_in(s, D0, {"temp": -3}, note=f"{lead}SUM(A1:A9)")
    out = tmp_path / "doctor.csv"
    with db.read() as s:
        export_doctor_csv(s, out)
    row = read_rows(out)[0]
    assert row["Note"] == f"'{lead}SUM(A1:A9)"
    assert row[f"'{lead}Temp (°C)"] == "-3"
    assert "\r\n-3," not in out.read_text(encoding="utf-8-sig")


def test_non_ascii_and_quoting_round_trip_through_csv(db, tmp_path: Path) -> None:
    note = 'Café "latte", 日本茶 and 😵‍💫\nsecond line; third, with "quotes"'
    with db.write() as s:
        days.check_in(s, D0, {}, note=note)
    out = tmp_path / "doctor.csv"
    with db.read() as s:
        export_doctor_csv(s, out)
    assert read_rows(out)[0]["Note"] == note
    assert "日本茶".encode() in out.read_bytes()


def test_empty_diary_writes_only_the_header(db, tmp_path: Path) -> None:
    out = tmp_path / "doctor.csv"
    with db.read() as s:
        assert export_doctor_csv(s, out) == 0
    assert read_rows(out) == []
    assert out.read_text(encoding="utf-8-sig").startswith("Date,Checked in,Episodes")


def test_injection_columns_name_the_shot_its_side_effects_and_felt_wear_off(
    db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        days.check_in(s, D0, {})
        injections.add_injection(
            s,
            D0,
            product="inco",
            units=40,
            sites=["left:upper_eyelid"],
            side_effects={"ptosis": "mild", "dry_eye": "none"},
        )
        injections.mark_wearing_off(s, D0 + dt.timedelta(days=2))
        days.check_in(s, D0 + dt.timedelta(days=2), {})
    out = tmp_path / "doctor.csv"
    with db.read() as s:
        export_doctor_csv(s, out)
    rows = read_rows(out)
    assert rows[0]["Injection"] == "incobotulinumtoxinA 40 units; left upper eyelid"
    assert rows[0]["Injection side effects"] == "drooping eyelid mild"
    assert [r["Felt wearing off"] for r in rows] == ["", "", "yes"]
    assert rows[2]["Injection"] == ""
    assert "incobotulinumtoxinA, day 2 after injection" in rows[2]["Treatments"]
