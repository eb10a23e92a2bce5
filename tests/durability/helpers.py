"""Helpers for the durability tests: child writers, reading a diary back raw."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WRITER = HERE / "writer.py"


def start_writer(
    db_path: Path, first: int, count: int, *, wait: bool = False, hold: bool = False
) -> subprocess.Popen:
    args = [sys.executable, str(WRITER), str(db_path), str(first), str(count)]
    if wait:
        args.append("--wait")
    if hold:
        args.append("--hold")
    return subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def raw_rows(db_path: Path, sql: str) -> list[tuple]:
    """Read with plain sqlite3 (read-only), independent of the code under test."""
    con = sqlite3.connect(f"{Path(db_path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
