"""Issue 14 item 16: importing 450,000 episodes peaked at 801 MB though memory was promised
bounded. The import now reads the file twice (check, then write in chunks), so its peak
does not grow with the number of rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEASURE = """
import resource, sys
from twitchlog.db.lite import open_diary
from twitchlog.diary.transfer import import_csv
db = open_diary(sys.argv[1])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with db.write() as conn:
    summary = import_csv(conn, sys.argv[2])
print(summary.added, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)
"""


def _peak_growth_mb(tmp_path: Path, rows: int) -> float:
    csv = tmp_path / f"{rows}.csv"
    with csv.open("w") as fh:
        fh.write("started_at,severity,duration_s,regions,count,signs,notes\n")
        for i in range(rows):
            day, minute = divmod(i, 1440)
            fh.write(
                f"2001-01-{1 + day % 28:02d}T{minute // 60:02d}:{minute % 60:02d}:{i % 60:02d}"
                f"+0{1 + day // 28 % 9}:00,{1 + i % 4},{i % 300},left:cheek;right:nose,"
                f"{1 + i % 20},,note number {i}\n"
            )
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path / f"{rows}.sqlite3"), str(csv)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    ).stdout.split()
    assert int(out[0]) == rows
    return int(out[1]) / 1024


@pytest.mark.slow
def test_an_import_four_times_longer_needs_no_more_memory(tmp_path: Path) -> None:
    small, large = _peak_growth_mb(tmp_path, 10_000), _peak_growth_mb(tmp_path, 40_000)
    print(f"peak growth: 10,000 rows {small:.1f} MB, 40,000 rows {large:.1f} MB")
    assert large - small < 10  # held in memory, the 30,000 more rows took 37 MB more
