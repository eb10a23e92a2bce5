"""A committed entry survives SIGKILL at any moment (SQLite's crash-test promise)."""

from __future__ import annotations

import random
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.durability.helpers import raw_rows, start_writer
from tests.durability.writer import expected


def _kill_many(db_path: Path, kills: int, seed: int) -> set[int]:
    """Start writers and SIGKILL each after a random number of acknowledged commits."""
    rnd = random.Random(seed)
    acked: set[int] = set()
    for k in range(kills):
        proc = start_writer(db_path, first=k * 100_000, count=0)
        assert proc.stdout is not None
        # Sometimes kill during start-up (open, migration check), mostly mid-writing.
        wanted = rnd.choice([0, 0, 1, 2, 3, 5, 8, 13, 21])
        got = 0
        if wanted:
            for line in proc.stdout:
                if line.startswith("ack "):
                    acked.add(int(line.split()[1]))
                    got += 1
                    if got >= wanted:
                        break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
        # Acks the writer printed before the kill landed but we had not read yet are
        # acknowledgements too: a slow parent must not count their entries as "extra".
        for line in proc.stdout:
            if line.startswith("ack "):
                acked.add(int(line.split()[1]))
        proc.stdout.close()
        proc.stdin.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    return acked


def _check_after_crashes(db_path: Path, acked: set[int]) -> None:
    from twitchlog.db.migrate import open_database
    from twitchlog.diary.episodes import list_episodes

    assert raw_rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert raw_rows(db_path, "PRAGMA foreign_key_check") == []
    db = open_database(str(db_path))  # a crashed diary opens without complaint
    try:
        with db.read() as session:
            episodes = list_episodes(session)
    finally:
        db.close()
    by_number = {int(e.notes.split()[1]): e for e in episodes}
    assert len(by_number) == len(episodes), "an entry was written twice"
    missing = acked - by_number.keys()
    assert not missing, f"acknowledged entries lost: {sorted(missing)[:10]}"
    for i, e in by_number.items():  # acknowledged or not, each entry is whole
        want = expected(i)
        assert e.started_at == want["started_at"]
        assert e.severity == want["severity"]
        assert e.count == want["count"] and e.duration_s == want["duration_s"]
        assert [p.code for p in e.places] == want["places"]
        assert list(e.signs) == want["signs"]
        assert e.notes == want["notes"]
    # At most the one entry in flight per killed writer can be there unacknowledged.
    extra = by_number.keys() - acked
    assert len({i // 100_000 for i in extra}) == len(extra)


def test_acknowledged_entries_survive_sigkill(db_path: Path) -> None:
    acked = _kill_many(db_path, kills=24, seed=1)
    assert len(acked) > 40  # the writers really wrote between kills
    _check_after_crashes(db_path, acked)


@pytest.mark.slow
def test_acknowledged_entries_survive_many_sigkills(db_path: Path) -> None:
    acked = _kill_many(db_path, kills=200, seed=2)
    _check_after_crashes(db_path, acked)


def test_a_half_done_transaction_leaves_nothing(db_path: Path) -> None:
    """The killed writer's open transaction never shows: the raw row counts match."""
    acked = _kill_many(db_path, kills=3, seed=5)
    n_ep = raw_rows(db_path, "SELECT count(*) FROM episode")[0][0]
    n_regions = raw_rows(db_path, "SELECT count(*) FROM episode_region")[0][0]
    n_expected = sum(
        len(expected(int(notes.split()[1]))["places"])  # type: ignore[arg-type]
        for (notes,) in raw_rows(db_path, "SELECT notes FROM episode")
    )
    assert n_ep >= len(acked)
    assert n_regions == n_expected
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
