"""Fixtures for the hostile-input tests: a filled diary to copy, a logical dump to compare."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def filled_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed diary with 30 days of made-up entries (made once; tests copy it)."""
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.demo import fill_demo

    path = tmp_path_factory.mktemp("filled") / "diary.sqlite3"
    db = open_database(str(path))
    with db.write() as session:
        fill_demo(session, 30, seed=5)
    db.close()
    return path


@pytest.fixture
def diary(filled_diary: Path, tmp_path: Path) -> Path:
    """A private copy of the filled diary in this test's folder."""
    path = tmp_path / "diary.sqlite3"
    shutil.copyfile(filled_diary, path)
    path.chmod(0o600)
    return path


def private_devices(folder: Path) -> Path:
    """`folder`/dev holding its own null and zero devices (mknod, as root), so a test of
    "never replace a device" cannot harm the machine's /dev even when the code is wrong."""
    import os
    import stat

    dev = folder / "dev"
    dev.mkdir(exist_ok=True)
    for name, minor in (("null", 3), ("zero", 5)):
        node = dev / name
        if not node.exists():
            try:
                os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
            except PermissionError:
                pytest.skip("making a private device node needs root")
    return dev


def dump(path: Path) -> list[str]:
    """The diary's content as SQL, read-only and independent of the code under test."""
    con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()
