"""A damaged diary is never written over: opening says what is wrong and how to restore."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.durability.helpers import start_writer
from twitchlog.db.backup import backup_now
from twitchlog.db.migrate import open_database
from twitchlog.errors import DiaryUnavailable


def _truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2 // 4096 * 4096])


def _truncate_mid_page(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) - 1000])


def _zero_header(p: Path) -> None:
    data = bytearray(p.read_bytes())
    data[:100] = bytes(100)
    p.write_bytes(bytes(data))


def _random_bytes(p: Path) -> None:
    p.write_bytes(random.Random(4).randbytes(p.stat().st_size))


def _not_a_database(p: Path) -> None:
    p.write_text("date,caffeine\n2026-01-01,95\n")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "truncated mid-page": _truncate_mid_page,
    "zeroed header": _zero_header,
    "random bytes": _random_bytes,
    "not a database": _not_a_database,
}


def _files(p: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in (p, p.with_name(p.name + "-wal")) if f.exists()}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_diary_is_refused_and_left_as_it_is(kind: str, demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    good = backup_now(demo_diary, "manual")
    DAMAGE[kind](demo_diary)
    before = _files(demo_diary)

    with pytest.raises(DiaryUnavailable) as err:
        open_database(str(demo_diary))
    message = str(err.value)
    assert "not changed" in message
    assert good.name in message and "twitchlog restore" in message

    code, _, stderr = run_cli("log", "--severity", "2", db=demo_diary)
    assert code == 2 and good.name in stderr
    code, out, _ = run_cli("check", db=demo_diary)
    assert code == 1 and "has problems" in out and good.name in out
    assert _files(demo_diary) == before  # not one byte written


def test_wal_left_by_another_diary_is_refused(demo_diary: Path, tmp_path: Path) -> None:
    """A -wal from another diary beside this one would be replayed into it by SQLite."""
    good = backup_now(demo_diary, "manual")
    other = tmp_path / "other.sqlite3"
    proc = start_writer(other, first=0, count=0)  # killed mid-way: its -wal stays
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.startswith("ack 3"):
            break
    proc.kill()
    proc.communicate()
    other_wal = other.with_name(other.name + "-wal")
    assert other_wal.stat().st_size > 0
    shutil.copy(other_wal, demo_diary.with_name(demo_diary.name + "-wal"))
    before = _files(demo_diary)

    with pytest.raises(DiaryUnavailable) as err:
        open_database(str(demo_diary))
    assert "-wal" in str(err.value) and good.name in str(err.value)
    assert _files(demo_diary) == before


def test_own_wal_after_a_crash_is_replayed(demo_diary: Path) -> None:
    """The check must not refuse the normal case: this diary's own -wal after a crash."""
    proc = start_writer(demo_diary, first=0, count=0)
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.startswith("ack 2"):
            break
    proc.kill()
    proc.communicate()
    db = open_database(str(demo_diary))
    db.close()


def test_check_reports_a_damaged_page_in_plain_words(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(demo_diary.read_bytes())
    page = 4096
    data[5 * page + 8 : 6 * page] = random.Random(1).randbytes(page - 8)
    demo_diary.write_bytes(bytes(data))
    code, out, _ = run_cli("check", db=demo_diary)
    assert code == 1
    assert "SQLite found damage" in out or "cannot read it" in out
    assert demo_diary.read_bytes() == bytes(data)


def test_check_says_a_healthy_diary_is_healthy(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli("check", db=demo_diary)
    assert code == 0 and "is healthy" in out and "episodes" in out


def test_check_finds_broken_references(demo_diary: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    con = sqlite3.connect(demo_diary)  # foreign keys off, as a careless tool would
    con.execute("INSERT INTO episode_region VALUES (999999, 0, 'left', 'nose')")
    con.commit()
    con.close()
    code, out, _ = run_cli("check", db=demo_diary)
    assert code == 1 and "point at something missing" in out and "episode_region" in out


def test_damage_without_any_backup_says_so(db_path: Path) -> None:
    db_path.write_bytes(b"\0" * 8192)
    with pytest.raises(DiaryUnavailable) as err:
        open_database(str(db_path))
    assert "no good backup" in str(err.value)
    assert db_path.read_bytes() == b"\0" * 8192
