"""Every hostile case is refused cleanly: exit 2, a sentence, the diary as it was.

The whole corpus runs under `-m slow`; the default run takes the cases marked `sample`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import dump, private_devices
from tests.hostile.corpus import CASES, NEWER_DIARY, SQL, Case


def _lay_out(case: Case, tmp: Path, diary: Path) -> None:
    for name, data in case.files.items():
        target = tmp / name
        if data == NEWER_DIARY:
            shutil.copyfile(diary, target)
            con = sqlite3.connect(target)
            con.execute("UPDATE alembic_version SET version_num = '20991231_99'")
            con.commit()
            con.execute("PRAGMA journal_mode=DELETE")  # as backups are: no -wal to leave
            con.close()
        elif isinstance(data, str) and data.startswith(SQL):
            con = sqlite3.connect(target)
            con.execute(data[len(SQL) :])
            con.commit()
            con.close()
        elif isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8", newline="")
    for name in case.fifos:
        os.mkfifo(tmp / name)


def _argv(case: Case, tmp: Path, diary: Path) -> list[str]:
    argv = [
        a.replace("{db}", str(diary)).replace("{dev}", str(tmp / "dev")).replace("{tmp}", str(tmp))
        for a in case.argv
    ]
    return argv if "--db" in argv or "TWITCHLOG_DB" in case.env else [*argv, "--db", str(diary)]


def _tree(tmp: Path) -> dict[str, tuple[int, int]]:
    """Each file under the case folder with its type and size (the diary's own files and
    today's automatic backup, which opening may take, are not counted); a device replaced
    by a file shows as a change of type."""
    found = {}
    for p in tmp.rglob("*"):
        rel = p.relative_to(tmp).as_posix()
        if rel.startswith(("diary-backups", "diary.sqlite3", ".diary.sqlite3.")):
            continue
        st = p.lstat()
        found[rel] = (stat.S_IFMT(st.st_mode), st.st_size if stat.S_ISREG(st.st_mode) else 0)
    return found


def _devices() -> tuple[list[str], bool]:
    still = all(stat.S_ISCHR(os.stat(d).st_mode) for d in ("/dev/null", "/dev/zero"))
    return sorted(os.listdir("/dev")), still


def run_case(case: Case, tmp: Path, diary: Path, run, monkeypatch) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Run one case; returns the exit status and what it said on stderr."""
    _lay_out(case, tmp, diary)
    private_devices(tmp)
    monkeypatch.chdir(tmp)  # a path misread as relative would land here
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    time.tzset()
    before, tree, devices = dump(diary), _tree(tmp), _devices()
    kept = {n: (tmp / n).read_bytes() for n in case.files if (tmp / n).is_file()}
    try:
        code, _out, err = run(_argv(case, tmp, diary))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "Traceback" not in err, err
    assert dump(diary) == before, "the diary changed"
    assert _tree(tmp) == tree, "files beside the diary were created or changed"
    assert {n: (tmp / n).read_bytes() for n in kept} == kept, "an input file changed"
    assert _devices() == devices, "something in /dev was created or replaced"
    return code, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    from twitchlog.cli import main

    def run_(argv: list[str]) -> tuple[int, str, str]:
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refuses a malformed DATE itself
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run_


def _check(case: Case, tmp: Path, diary: Path, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, err = run_case(case, tmp, diary, run, monkeypatch)
    assert code == 2, err
    assert err.strip().startswith(("twitchlog:", "usage:")), err
    assert case.words.casefold() in err.casefold(), err


SAMPLE = [c for c in CASES if c.sample]


@pytest.mark.parametrize("case", SAMPLE, ids=[c.id for c in SAMPLE])
def test_sample_of_hostile_cases_is_refused_cleanly(
    case: Case, tmp_path: Path, diary: Path, run, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _check(case, tmp_path, diary, run, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_hostile_case_is_refused_cleanly(
    case: Case, tmp_path: Path, diary: Path, run, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _check(case, tmp_path, diary, run, monkeypatch)
