"""The hostile-input corpus: command lines and files that twitchlog must refuse cleanly.

Each case is data: a command line (with `{db}` for a copy of a filled diary, `{tmp}`
for the case's own folder and `{dev}` for a folder of private copies of the null and zero
devices), files to lay out first, and words the refusal must contain. The devices are the
case's own (made with mknod): code that wrongly replaced one replaces the copy, never the
machine's /dev/null.
Refused cleanly means: exit status 2, a sentence and no traceback, the diary logically
identical afterwards, and nothing outside the case's folder created or changed (no
`-journal` in /dev, /dev/null still a device). `test_corpus.py` runs them all under
`-m slow` and the cases marked `sample` in the default run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

HEADER = "started_at,severity,duration_s,regions,count,signs,notes"
SQL = "sql:"  # a file whose text starts so is made as an SQLite database running that SQL
NEWER_DIARY = "diary-from-a-newer-version"  # a copy of the diary with an unknown revision


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]
    words: str = ""  # the refusal mentions this (case-insensitive)
    files: dict[str, str | bytes] = field(default_factory=dict)
    fifos: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    sample: bool = False


def _urls() -> Iterator[Case]:
    urls = {
        "sqlite-memory": "sqlite://",
        "sqlite-file": "sqlite:///{tmp}/x.sqlite3",
        "sqlite-abs": "sqlite:////{tmp}/x.sqlite3",
        "postgresql": "postgresql://user:secret@localhost/twitch",
        "mysql": "mysql+pymysql://localhost/twitch",
        "file-uri": "file:{tmp}/x.sqlite3",
    }
    commands = {
        "log": ("log", "--note", "lost?"),
        "list": ("list",),
        "day": ("day", "--sleep", "7"),
        "backup": ("backup",),
        "check": ("check",),
        "restore": ("restore", "--yes"),
        "export": ("export", "episodes", "{tmp}/out.csv"),
        "import": ("import", "{tmp}/in.csv"),
        "settings": ("settings",),
        "demo": ("demo", "--days", "3"),
    }
    csv = {"in.csv": f"{HEADER}\n2025-03-01T08:00:00+01:00,2,30,left:cheek,,,fine\n"}
    for uname, url in urls.items():
        for cname, argv in commands.items():
            yield Case(
                f"url-{uname}-{cname}",
                (*argv, "--db", url),
                "not a database address",
                files=csv,
                sample=(uname, cname) in {("sqlite-memory", "log"), ("postgresql", "backup")},
            )
    yield Case(
        "url-in-environment",
        ("log",),
        "TWITCHLOG_DB takes the path",
        env={"TWITCHLOG_DB": "sqlite://"},
        sample=True,
    )


def _special_diaries() -> Iterator[Case]:
    places = {
        "dev-null": "{dev}/null",
        "dev-zero": "{dev}/zero",
        "folder": "{tmp}",
        "fifo": "{tmp}/pipe",
        "under-a-file": "{tmp}/plain.txt/diary.sqlite3",
    }
    for pname, where in places.items():
        for cname in ("log", "list", "backup", "check", "restore"):
            argv = ("restore", "--yes") if cname == "restore" else (cname,)
            yield Case(
                f"db-{pname}-{cname}",
                (*argv, "--db", where),
                files={"plain.txt": "not a folder\n"},
                fifos=("pipe",),
                sample=(pname, cname) in {("dev-zero", "log"), ("fifo", "check")},
            )


def _export_targets() -> Iterator[Case]:
    targets = {
        "dev-null": ("{dev}/null", "not a regular file"),
        "dev-zero": ("{dev}/zero", "not a regular file"),
        "fifo": ("{tmp}/pipe", "not a regular file"),
        "folder": ("{tmp}", "folder"),
        "the-diary": ("{db}", "belongs to the diary"),
        "diary-wal": ("{db}-wal", "belongs to the diary"),
        "diary-lock": ("{tmp}/.diary.sqlite3.lock", "belongs to the diary"),
        "in-backups": ("{tmp}/diary-backups/new.csv", "belongs to the diary"),
        "other-database": ("{tmp}/other.sqlite3", "is a database"),
        "under-a-file": ("{tmp}/plain.txt/out.csv", "not a folder"),
    }
    files: dict[str, str | bytes] = {
        "plain.txt": "not a folder\n",
        "other.sqlite3": b"SQLite format 3\x00" + bytes(84),
    }
    for tname, (where, words) in targets.items():
        for what in ("episodes", "days", "doctor"):
            yield Case(
                f"export-{what}-to-{tname}",
                ("export", what, where),
                words,
                files=files,
                fifos=("pipe",),
                sample=(what, tname) in {("days", "the-diary"), ("doctor", "dev-null")},
            )
    for what in ("episodes", "days", "doctor"):
        yield Case(  # the old file is kept: nothing is written for an impossible range
            f"export-{what}-backwards-range",
            ("export", what, "{tmp}/kept.csv", "--from", "2025-03-10", "--to", "2025-03-01"),
            "--to is before --from",
            files={"kept.csv": "date,note\n2025-01-01,keep me\n"},
            sample=what == "days",
        )


def _csv(rows: list[str], header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _imports() -> Iterator[Case]:
    ok = "2025-03-01T08:00:00+01:00,2,30,left:cheek,,,fine"
    files: dict[str, tuple[str | bytes, str]] = {
        "year-0999": (_csv([ok, "0999-06-01T12:00:00+01:00,2,30,left:cheek,,,typo"]), "1900"),
        "year-0001": (_csv(["0001-01-01T00:00:00+00:00,2,,,,,"]), "1900"),
        "year-9999": (_csv(["9999-12-31T23:59:00-05:00,2,,,,,"]), "future"),
        "year-1899": (_csv(["1899-12-31T23:00:00+00:00,2,,,,,"]), "1900"),
        "day-0001": ("date,sleep_h\n0001-01-01,7\n", "1900"),
        "day-future": ("date,sleep_h\n2999-01-01,7\n", "future"),
        "doctor-0001": ("Date,Checked in,Episodes\n0001-01-01,yes,0\n", "1900"),
        "wide-header": (",".join(f"c{i}" for i in range(200_000)) + "\n", "columns"),
        "301-columns": ("date," + ",".join(f"f{i:03d}" for i in range(300)) + "\n", "columns"),
        "duplicate-episode-column": (
            _csv([ok + ",x"], HEADER + ",notes"),
            "appears twice",
        ),
        "duplicate-day-column": ("date,sleep_h,sleep_h\n2025-03-01,7,9\n", "appears twice"),
        "duplicate-doctor-column": (
            "Date,Checked in,Episodes,Note,note\n2025-03-01,yes,0,a,b\n",
            "appears twice",
        ),
        "nul-byte": (_csv([ok.replace("fine", "a\x00b")]), "NUL"),
        "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "line"),
        "unclosed-quote": (_csv([ok, ok.replace("fine", '"never closed')]), "never closed"),
        "not-a-diary-file": ("name,price\napple,3\n", "started_at"),
        "control-chars-in-bad-row": (_csv(["\x1b]0;pwned\x07,2,,,,,"]), "not a time"),
        "doctor-checked-yesterday": (
            "Date,Checked in,Episodes\n2025-03-01,yesterday,0\n",
            "yes or no",
        ),
        "dst-gap-episode": (_csv(["2026-03-08T02:30:00,2,,,,,gap"]), "clocks were put forward"),
    }
    for name, (data, words) in files.items():
        yield Case(
            f"import-{name}",
            ("import", "{tmp}/in.csv"),
            words,
            files={"in.csv": data},
            env={"TZ": "America/New_York"} if "dst" in name else {},
            sample=name in {"year-0999", "wide-header", "duplicate-day-column"},
        )
    for name, where, words in (
        ("folder", "{tmp}", "folder"),
        ("fifo", "{tmp}/pipe", "not a regular file"),
        ("dev-zero", "{dev}/zero", "not a regular file"),
        ("dev-null", "{dev}/null", "not a regular file"),
        ("missing", "{tmp}/nothing.csv", "no file"),
    ):
        yield Case(
            f"import-from-{name}",
            ("import", where),
            words,
            fifos=("pipe",),
            sample=name == "fifo",
        )
    new_factors = ",".join(f"own_{i:03d}" for i in range(101))
    yield Case(
        "import-101-new-factors",
        ("import", "{tmp}/in.csv"),
        "most it keeps",
        files={"in.csv": f"date,{new_factors}\n2025-03-01," + ",".join("1" * 101) + "\n"},
    )


def _dates() -> Iterator[Case]:
    ny = {"TZ": "America/New_York"}
    cases = [
        ("log-0999", ("log", "--at", "0999-06-01 12:00"), "1900", {}),
        ("log-0001", ("log", "--at", "0001-01-01 00:00"), "1900", {}),
        ("log-0001-offset", ("log", "--at", "0001-01-01T00:00+14:00"), "1900", {}),
        ("log-1899", ("log", "--at", "1899-12-31 23:59"), "1900", {}),
        ("log-9999-new-york", ("log", "--at", "9999-12-31 23:59"), "future", ny),
        ("log-9999-offset", ("log", "--at", "9999-12-31T23:59-12:00"), "future", {}),
        ("log-2099", ("log", "--at", "2099-01-01 10:00"), "future", {}),
        ("log-dst-gap", ("log", "--at", "2026-03-08 02:30"), "clocks were put forward", ny),
        ("day-0001", ("day", "0001-01-01", "--sleep", "7"), "1900", {}),
        ("day-1899", ("day", "1899-12-31", "--sleep", "7"), "1900", {}),
        ("day-9999", ("day", "9999-12-31", "--sleep", "7"), "future", {}),
        ("list-from-0001", ("list", "--from", "0001-01-01"), "1900", {}),
        ("export-from-0001", ("export", "doctor", "{tmp}/d.csv", "--from", "0001-01-01"), "", {}),
        ("analyze-to-0001", ("analyze", "--to", "0001-01-01"), "1900", {}),
        ("list-backwards", ("list", "--from", "2025-03-10", "--to", "2025-03-01"), "swap", {}),
        (
            "treatment-0001",
            ("treatment", "add", "drops", "--kind", "medication", "--start", "0001-01-01"),
            "1900",
            {},
        ),
    ]
    for name, argv, words, env in cases:
        yield Case(
            f"date-{name}",
            argv,
            words,
            env=env,
            sample=name in {"log-0999", "log-9999-new-york", "log-dst-gap", "day-0001"},
        )


def _values() -> Iterator[Case]:
    cases = [
        ("note-nul", ("log", "--note", "a\x00b"), "NUL"),
        ("note-too-long", ("log", "--note", "n" * 10_001), "10,000"),
        ("severity-5", ("log", "--severity", "5"), "Severity"),
        ("duration-25h", ("log", "--duration", "25h"), "24 hours"),
        ("count-0", ("log", "--count", "0"), "count"),
        ("place-unknown", ("log", "--where", "left:elbow"), "Unknown place"),
        ("sleep-30h", ("day", "--sleep", "30"), "24"),
        ("caffeine-negative", ("day", "--caffeine", "-5"), "negative"),
        ("factor-nan", ("day", "--set", "sleep_h=nan"), "number"),
        ("factor-unknown", ("day", "--set", "nope=1"), "Unknown factor"),
    ]
    for name, argv, words in cases:
        yield Case(f"value-{name}", argv, words, sample=name == "note-nul")


def _restores() -> Iterator[Case]:
    alembic_only = "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"
    cases = {
        "alembic-only": ("other.sqlite3", SQL + alembic_only, "not a twitchlog diary"),
        "csv": ("b.csv", "date,note\n2025-01-01,x\n", "not a good backup"),
        "empty-file": ("b.sqlite3", "", "not a good backup"),
        "zeros": ("b.sqlite3", bytes(4096), "not a good backup"),
    }
    for name, (fname, data, words) in cases.items():
        yield Case(
            f"restore-{name}",
            ("restore", "--yes", f"{{tmp}}/{fname}"),
            words,
            files={fname: data},
            sample=name == "alembic-only",
        )
    yield Case("restore-folder", ("restore", "--yes", "{tmp}"), "no backup file")
    yield Case("restore-dev-zero", ("restore", "--yes", "{dev}/zero"), "no backup file")
    yield Case(
        "restore-newer-diary",
        ("restore", "--yes", "{tmp}/newer.sqlite3"),
        "newer version",
        files={"newer.sqlite3": NEWER_DIARY},
    )


def all_cases() -> list[Case]:
    found = [
        c
        for group in (
            _urls,
            _special_diaries,
            _export_targets,
            _imports,
            _dates,
            _values,
            _restores,
        )
        for c in group()
    ]
    ids = [c.id for c in found]
    assert len(ids) == len(set(ids)), "case ids are unique"
    return found


CASES = all_cases()
