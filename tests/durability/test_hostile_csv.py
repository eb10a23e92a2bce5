"""Hostile or broken CSV files: a clear sentence with the line number, or a correct import;
never a crash, never a partial import, bounded memory."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from tests.durability.helpers import raw_rows

HEADER = "started_at,severity,duration_s,regions,count,signs,notes"
ROOT = Path(__file__).resolve().parents[2]


def _row(i: int, note: str = "fine") -> str:
    return (
        f"2025-03-{1 + i % 28:02d}T{8 + i % 12:02d}:{i % 60:02d}:00+01:00,2,30,left:cheek,,,{note}"
    )


def _counts(db: Path) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        raw_rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("episode", "day", "factor")
    )


def _import(run_cli, db: Path, file: Path) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    before = _counts(db)
    code, out, err = run_cli("import", str(file), db=db)
    if code != 0:
        assert _counts(db) == before, "a refused import changed the diary"
        assert "Traceback" not in err
    return code, out, err


def _write(tmp_path: Path, data: bytes | str) -> Path:
    f = tmp_path / "in.csv"
    if isinstance(data, str):
        f.write_text(data, encoding="utf-8", newline="")
    else:
        f.write_bytes(data)
    return f


BROKEN = {
    "unmatched quote": (
        f"{HEADER}\n{_row(1)}\n{_row(2, chr(34) + 'never closed')}\n{_row(3)}\n",
        ["line 3", "never closed"],
    ),
    "10 MB field": (f"{HEADER}\n{_row(1)}\n{_row(2, 'x' * 10_000_000)}\n", ["line 3", "longer"]),
    "NUL bytes": (
        f"{HEADER}\n{_row(1)}\n{_row(2)}\n{_row(3, 'a' + chr(0) + 'b')}\n",
        ["line 4", "NUL"],
    ),
    "invalid UTF-8": (
        (f"{HEADER}\n{_row(1)}\n").encode() + _row(2, "caf").encode() + b"\xe9\n",
        ["line 3", "not UTF-8"],
    ),
    "damaged UTF-16": (
        codecs.BOM_UTF16_LE + f"{HEADER}\n".encode("utf-16-le") + b"\x00\xd8",
        ["UTF-16"],
    ),
    "ragged rows": (
        f"{HEADER}\n{_row(1)}\n{_row(2)},extra\n{_row(3)}\n2025-03-04T08:00:00+01:00,2\n",
        ["line 3", "line 5", "8 cells", "2 cells"],
    ),
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["line"]),
    "bad values": (
        f"{HEADER}\n{_row(1)}\n{_row(2).replace(',2,', ',9,', 1)}\n",
        ["line 3", "everity"],
    ),
    "empty": ("", ["empty"]),
    "not a diary file": ("name,price\napple,3\n", ["started_at"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_refused_with_its_line(
    case: str, demo_diary: Path, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    data, words = BROKEN[case]
    code, _, err = _import(run_cli, demo_diary, _write(tmp_path, data))
    assert code == 2
    for w in words:
        assert w in err, f"{w!r} missing from: {err}"


def test_partial_import_never_happens(demo_diary: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """999 good rows and one bad one at the end: nothing at all is imported."""
    rows = [_row(i, f"n{i}") for i in range(999)] + [_row(5).replace("left:cheek", "left:knee")]
    code, _, err = _import(run_cli, demo_diary, _write(tmp_path, HEADER + "\n" + "\n".join(rows)))
    assert code == 2 and "line 1001" in err


GOOD = {
    "UTF-16 with BOM": lambda text: text.encode("utf-16"),
    "UTF-8 with BOM and CRLF": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
    "semicolons (Excel)": lambda text: text.replace(",", ";").encode(),
    "tabs": lambda text: text.replace(",", "\t").encode(),
}


@pytest.mark.parametrize("case", list(GOOD))
def test_spreadsheet_variants_import_correctly(
    case: str, empty_diary: Path, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "\n" + "\n".join(_row(i, f"note {i} ü") for i in range(5)) + "\n"
    code, out, err = _import(run_cli, empty_diary, _write(tmp_path, GOOD[case](text)))
    assert code == 0, err
    assert "5 added" in out
    notes = sorted(n for (n,) in raw_rows(empty_diary, "SELECT notes FROM episode"))
    assert notes == [f"note {i} ü" for i in range(5)]


def test_formula_cells_import_as_plain_text(empty_diary: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    formulas = ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", '=HYPERLINK("http://x","y")']
    rows = [_row(i, '"' + f.replace('"', '""') + '"') for i, f in enumerate(formulas)]
    code, _, err = _import(run_cli, empty_diary, _write(tmp_path, HEADER + "\n" + "\n".join(rows)))
    assert code == 0, err
    assert sorted(n for (n,) in raw_rows(empty_diary, "SELECT notes FROM episode")) == sorted(
        formulas
    )


MEASURE = """
import resource, sys
from twitchlog.diary.csvfiles import read_csv
from twitchlog.errors import ImportFailed
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_csv(sys.argv[1])
except ImportFailed as exc:
    print(exc)
print("peak_growth_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)
"""


def test_a_million_rows_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "million.csv"
    with big.open("w") as fh:
        fh.write(HEADER + "\n")
        for i in range(1_000_000):
            fh.write(_row(i, f"note {i}") + "\n")
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(big)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    ).stdout
    assert "line 500002" in out and "more than 500,000 rows" in out
    growth_mb = int(out.rsplit(" ", 1)[1]) / 1024
    print(f"peak memory growth refusing a 1,000,000-row file: {growth_mb:.1f} MB")
    assert growth_mb < 100  # the whole file (~60 MB) is never held at once
