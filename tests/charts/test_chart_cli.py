"""`twitchlog chart`: writes real files, refuses bad names, factors and file types."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path


def test_chart_writes_png_and_svg(run_cli, demo_db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "d.sqlite3"
    shutil.copy(demo_db_path, db)
    png = tmp_path / "t.png"
    code, out, err = run_cli("chart", "timeline", "--out", str(png), "--factor", "sleep_h", db=db)
    assert code == 0, err
    assert "timeline" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_mode & 0o777 == 0o600
    svg = tmp_path / "f.svg"
    code, _, err = run_cli(
        "chart",
        "factor",
        "--factor",
        "caffeine_mg",
        "--outcome",
        "severity",
        "--from",
        "2026-03-01",
        "--to",
        "2026-06-30",
        "--out",
        str(svg),
        db=db,
    )
    assert code == 0, err
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert "Caffeine" in svg.read_text()


def test_chart_rejects_bad_name_factor_and_suffix(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("chart", "pie", "--out", str(tmp_path / "x.png"))
    assert code == 2 and "invalid choice" in err and "timeline" in err
    code, _, err = run_cli(
        "chart", "factor", "--factor", "chocolate", "--out", str(tmp_path / "x.png")
    )
    assert code == 2 and "no factor called 'chocolate'" in err and "caffeine_mg" in err
    code, _, err = run_cli("chart", "calendar", "--out", str(tmp_path / "x.gif"))
    assert code == 2 and ".png, .svg or .pdf" in err
    assert not list(tmp_path.glob("x.*"))


def test_chart_of_empty_diary_is_friendly(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "e.svg"
    code, _, err = run_cli("chart", "triggers", "--out", str(out))
    assert code == 0, err
    assert "Nothing to show yet" in out.read_text()
