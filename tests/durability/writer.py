"""A child process for the crash and concurrency tests: logs episodes through the real
diary services and prints "ack N" after each commit.

usage: python writer.py DB FIRST COUNT [--wait] [--hold]
With --wait it reads one line from stdin before writing (a start signal, so several
writers begin together). COUNT 0 means "until killed". With --hold it prints "held"
after COUNT entries and waits, diary still open, to be killed: its -wal then holds
exactly COUNT entries, however slowly the parent reads.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from twitchlog import catalog
from twitchlog.db.migrate import open_database
from twitchlog.diary.episodes import log_episode

BASE = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
_REGIONS = sorted(catalog.REGIONS)
_SIGNS = sorted(catalog.SIGNS)


def expected(i: int) -> dict[str, object]:
    """What entry number i holds: several places and signs, so half a write shows."""
    places = [
        f"{catalog.SIDES[(i + k) % 3]}:{_REGIONS[(i + k) % len(_REGIONS)]}"
        for k in range(1 + i % 3)
    ]
    signs = sorted({_SIGNS[(i + k) % len(_SIGNS)] for k in range(i % 4)})
    return {
        "started_at": BASE + dt.timedelta(seconds=i),
        "severity": 1 + i % 4,
        "duration_s": 5 + i % 100,
        "count": 1 + i % 7,
        "places": places,
        "signs": signs,
        "notes": f"entry {i} " + "n" * (1 + i % 300),
    }


def main() -> None:
    db_path, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if "--wait" in sys.argv:
        sys.stdin.readline()
    db = open_database(db_path)
    print("open", flush=True)
    i = first
    while count == 0 or i < first + count:
        with db.write() as session:
            log_episode(session, **expected(i))  # type: ignore[arg-type]
        print(f"ack {i}", flush=True)
        i += 1
    if "--hold" in sys.argv:
        print("held", flush=True)
        sys.stdin.readline()  # the parent kills us here, the diary still open
    db.close()


if __name__ == "__main__":
    main()
