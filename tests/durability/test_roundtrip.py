"""Export then import into an empty diary gives back every note, whatever its text."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchlog.db.migrate import open_database
from twitchlog.diary import days, episodes, transfer

NOTE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
START = dt.datetime(2025, 5, 1, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def _roundtrip(fill, export, read):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = open_database(str(folder / "a.sqlite3"))
        target = open_database(str(folder / "b.sqlite3"))
        try:
            with source.write() as session:
                fill(session)
            with source.read() as session:
                export(session, folder / "out.csv")
                want = read(session)
            with target.write() as session:
                transfer.import_csv(session, folder / "out.csv")
            with target.read() as session:
                got = read(session)
        finally:
            source.close()
            target.close()
    return want, got


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(NOTE, min_size=1, max_size=6))
def test_episode_notes_survive_export_and_import(notes: list[str]) -> None:
    def fill(session) -> None:  # type: ignore[no-untyped-def]
        for i, note in enumerate(notes):
            episodes.log_episode(
                session,
                started_at=START + dt.timedelta(hours=i),
                severity=1 + i % 4,
                places=["left:upper_eyelid", "right:cheek"][: 1 + i % 2],
                signs=["pain"] if i % 2 else [],
                notes=note,
            )

    def read(session):  # type: ignore[no-untyped-def]
        return [
            (e.started_at, e.severity, e.places, e.signs, e.notes)
            for e in episodes.list_episodes(session)
        ]

    want, got = _roundtrip(fill, transfer.export_episodes, read)
    assert got == want
    assert sorted(e[-1] for e in got) == sorted(n.strip() for n in notes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(NOTE, min_size=1, max_size=5), caffeine=st.integers(0, 1990))
def test_day_notes_and_values_survive_export_and_import(notes: list[str], caffeine: int) -> None:
    def fill(session) -> None:  # type: ignore[no-untyped-def]
        for i, note in enumerate(notes):
            days.check_in(
                session,
                dt.date(2025, 5, 1) + dt.timedelta(days=i),
                {"caffeine_mg": caffeine + i, "stress": i % 11},
                note=note,
                no_twitches=bool(i % 2),
            )

    def read(session):  # type: ignore[no-untyped-def]
        return [(d.date, d.values, d.note, d.no_twitches) for d in days.list_days(session)]

    want, got = _roundtrip(fill, transfer.export_days, read)
    assert got == want
    assert [d[2] for d in got] == [n.strip() for n in notes]
