"""The layer rules of DESIGN.md, checked by import-linter on every test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.fail(
            "import-linter is part of the test extras; install them: pip install -e '.[test]'"
        )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(
        [exe, "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "KEPT" in res.stdout and "BROKEN" not in res.stdout


def test_python_is_new_enough() -> None:
    assert sys.version_info >= (3, 11)
