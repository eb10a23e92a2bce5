"""Speed benchmarks against bare baselines, on diaries of 1, 3 and 10 years.

Run:  python tests/benchmarks/bench.py            (all sizes, 5 runs each)
      python tests/benchmarks/bench.py --years 1 --runs 1   (a quick smoke run)

Each whole-process figure is a median over several runs, set against a minimal
program doing the same job measured in the same run: the two take turns, and the
verdict is the median of each round's ratio, so a slow or busy machine (or a load that
comes and goes during the run) does not change it. Not part of the default test run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# English unless a figure asks for German (see `german`); main() points the config and
# data folders into the benchmark's own folder, so the user's settings are never read.
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
ENV = {
    **{k: v for k, v in os.environ.items() if k not in _LOCALE_VARS},
    "PYTHONPATH": str(ROOT),
    "QT_QPA_PLATFORM": "offscreen",
    "LANG": "C.UTF-8",
}
PY = sys.executable


def isolate(folder: Path) -> None:
    """Config and data folders of the benchmark's own: the window reads its settings
    (theme, text size, last view) from there, not from the user's ~/.config."""
    for var, name in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        (folder / name).mkdir(mode=0o700, exist_ok=True)
        ENV[var] = str(folder / name)


# A bare window the size `twitchlog gui --screenshot` shows (1000×720): the same pixels to
# paint and to write into the PNG.
BASE_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    app = QApplication(sys.argv)
    w = QMainWindow(); w.setCentralWidget(QLabel("twitchlog")); w.resize(1000, 720); w.show()
    app.processEvents(); w.grab().save(sys.argv[1])
""")

BASE_INSERT = textwrap.dedent("""
    import datetime as dt, sqlite3, sys
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=FULL")
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO episode (started_utc, utc_offset_min, diary_date, severity, notes)"
                " VALUES (?, 0, ?, 2, '')", (now.isoformat(" "), now.date().isoformat()))
    con.execute("COMMIT"); con.close()
""")

# The doctor CSV's rows as directly as SQL allows: every calendar day of the diary with
# its episode totals, places, warning signs, one column per factor, treatments and note.
BASE_CSV = textwrap.dedent("""
    import csv, sqlite3, sys
    con = sqlite3.connect(sys.argv[1])
    factors = con.execute("SELECT id, label FROM factor ORDER BY id").fetchall()
    pivot = ", ".join(f"MAX(CASE v.factor_id WHEN {i} THEN v.value END)" for i, _ in factors)
    rows = con.execute(
        "WITH RECURSIVE span AS (SELECT MIN(d) AS lo, MAX(d) AS hi FROM (SELECT date AS d "
        " FROM day UNION ALL SELECT diary_date FROM episode)), "
        "cal(d) AS (SELECT lo FROM span UNION ALL SELECT date(d, '+1 day') FROM cal, span "
        " WHERE d < hi), "
        "agg AS (SELECT diary_date AS d, COUNT(*) AS n, MAX(severity) AS mx, "
        " ROUND(AVG(severity), 2) AS mean, ROUND(SUM(duration_s) / 60.0, 1) AS minutes "
        " FROM episode GROUP BY diary_date), "
        "plc AS (SELECT d, group_concat(side || ' ' || region || ' x' || n, '; ') AS places "
        " FROM (SELECT e.diary_date AS d, r.side, r.region, COUNT(*) AS n FROM episode_region r "
        "  JOIN episode e ON e.id = r.episode_id GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC) GROUP BY d), "
        "sgn AS (SELECT e.diary_date AS d, group_concat(s.sign, '; ') AS signs "
        " FROM episode_sign s JOIN episode e ON e.id = s.episode_id GROUP BY 1), "
        f"val AS (SELECT d.date AS d, d.note AS note, {pivot} FROM day d "
        " LEFT JOIN factor_value v ON v.day_id = d.id GROUP BY d.id) "
        "SELECT cal.d, val.d IS NOT NULL, agg.n, agg.mx, agg.mean, agg.minutes, plc.places, "
        " sgn.signs, val.*, (SELECT group_concat(name, '; ') FROM treatment t "
        "  WHERE t.start <= cal.d AND (t.\\"end\\" IS NULL OR t.\\"end\\" >= cal.d)) "
        "FROM cal LEFT JOIN agg ON agg.d = cal.d LEFT JOIN plc ON plc.d = cal.d "
        "LEFT JOIN sgn ON sgn.d = cal.d LEFT JOIN val ON val.d = cal.d ORDER BY cal.d")
    with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(["Date", "Checked in", "Episodes", "Highest", "Average", "Minutes",
                      "Places", "Signs", "day", "Note", *(label for _, label in factors),
                      "Treatments"])
        out.writerows(rows)
""")


def run(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one whole process (raises if it fails)."""
    t = time.perf_counter()
    subprocess.run(
        cmd, env=env or ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return time.perf_counter() - t


def german() -> dict[str, str]:
    return {**ENV, "LANG": "de_DE.UTF-8"}


SPREAD: dict[tuple[int, str], tuple[float, float]] = {}
"""(years, figure): the fastest and slowest of its runs, printed under the table."""
ROUNDS: dict[tuple[int, str], list[float]] = {}
"""(years, figure): its time in each round, in order, to pair it with its baseline's."""


def side_by_side(
    years: int, runs: int, jobs: dict[str, Callable[[], float]]
) -> dict[str, float | None]:
    """Median of each job over `runs` rounds, the jobs taking turns within each round, so
    a figure and its baseline meet the same load on a shared machine."""
    for fn in jobs.values():
        fn()  # warm the OS file cache once; not counted
    times: dict[str, list[float]] = {key: [] for key in jobs}
    for _ in range(runs):
        for key, fn in jobs.items():
            times[key].append(fn())
    for key, seen in times.items():
        SPREAD[(years, key)] = (min(seen), max(seen))
        ROUNDS[(years, key)] = seen
    return {key: statistics.median(seen) for key, seen in times.items()}


def build_diary(folder: Path, years: int) -> Path:
    path = folder / f"diary-{years}y.sqlite3"
    if not path.exists():
        subprocess.run(
            [PY, "-m", "twitchlog", "demo", "--days", str(365 * years), "--db", str(path)],
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def has_command(name: str) -> bool:
    res = subprocess.run(
        [PY, "-m", "twitchlog", name, "--help"], env=ENV, capture_output=True, text=True
    )
    return res.returncode == 0


def peak_rss_mib(cmd: list[str]) -> float:
    """Peak resident memory of a child process (Linux reports ru_maxrss in KiB)."""
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [PY, "-c", code, *cmd], env=ENV, check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def in_process_ms(snippet: str, db: Path, runs: int) -> float:
    """Median milliseconds of `snippet` inside one process after its imports are warm."""
    code = textwrap.dedent(f"""
        import statistics, sys, time
        from twitchlog.db.lite import open_diary
        db = open_diary(sys.argv[1])
        {textwrap.indent(snippet, "        ").strip()}
        step()
        times = []
        for _ in range({runs}):
            t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
        print(statistics.median(times) * 1000)
    """)
    out = subprocess.run(
        [PY, "-c", code, str(db)], env=ENV, check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


ANALYSIS = """
from twitchlog.analysis.triggers import analyze_triggers
from twitchlog.diary.dataset import load_daily_data
def step():
    with db.read() as s:
        data = load_daily_data(s)
    analyze_triggers(data)
"""

CHART_SWITCH = """
import json, statistics, sys, time
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from twitchlog.gui.charts_view import ChartsView
from twitchlog.gui.tasks import TaskRunner

def until(signal, action):
    # ms from `action` until `signal`, then the paint it queued (what a person waits for)
    loop, fired = QEventLoop(), []
    done = lambda *_: (fired.append(1), loop.quit())
    signal.connect(done)
    QTimer.singleShot(60_000, loop.quit)
    t = time.perf_counter()
    action()
    loop.exec()
    app.processEvents()
    signal.disconnect(done)
    if not fired:
        sys.exit("timed out")
    return (time.perf_counter() - t) * 1000

runner = TaskRunner()  # the window's own worker, as in the app
until(runner.opened, lambda: runner.open(sys.argv[1]))
view = ChartsView(runner.read)
view.resize(1000, 640)
until(view.drawn, view.show)  # the timeline of the last 365 days
box = view.range_box
res = {"chart_all_first_ms": until(view.drawn, lambda: box.setCurrentIndex(3))}
times = {i: [] for i in (2, 1, 0, 3)}  # 365, 90, 30 days, All: each range in turn
for _ in range(int(sys.argv[2])):
    for i, ms in times.items():
        ms.append(until(view.drawn, lambda: box.setCurrentIndex(i)))
res["chart_switch_ms"] = max(statistics.median(ms) for ms in times.values())
runner.shutdown()
print(json.dumps(res))
"""


def chart_switch(db: Path, runs: int) -> dict[str, float | None]:
    """Range switches in a real Charts view (offscreen): the slowest range's median time
    from choosing it until the chart is drawn, and the first time "All" is shown."""
    import json

    out = subprocess.run(
        [PY, "-c", CHART_SWITCH, str(db), str(runs)],
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(years: int, folder: Path, runs: int) -> dict[str, float | None]:
    db = build_diary(folder, years)
    res: dict[str, float | None] = {}
    shot = folder / "shot.png"
    gui = [PY, "-m", "twitchlog", "gui", "--db", str(db), "--screenshot", str(shot)]
    base_window = [PY, "-c", BASE_WINDOW, str(shot)]
    if has_command("gui"):
        # First paint: `--screenshot` grabs the window the moment it is first painted.
        window = {
            "start_base_s": lambda: run(base_window),
            "start_s": lambda: run(gui),
            "loaded_s": lambda: run([*gui, "--wait-loaded"]),
        }
    else:
        window = {"start_base_s": lambda: run(base_window)}
    res.update(side_by_side(years, runs, window))
    scratch = folder / f"log-{years}y.sqlite3"
    shutil.copy(db, scratch)  # a quiet copy: the benchmark itself must not change the diary
    log = [PY, "-m", "twitchlog", "log", "--db", str(scratch)]
    logs = {
        "log_base_s": lambda: run([PY, "-c", BASE_INSERT, str(scratch)]),
        "log_s": lambda: run(log),
        "log_de_s": lambda: run(log, german()),
    }
    res.update(side_by_side(years, runs, logs))
    out = folder / "doctor.csv"
    export = [PY, "-m", "twitchlog", "export", "doctor", str(out), "--db", str(db)]
    exports = {"export_base_s": lambda: run([PY, "-c", BASE_CSV, str(db), str(out)])}
    if _has_doctor_export():
        exports["export_s"] = lambda: run(export)
    res.update(side_by_side(years, runs, exports))
    try:
        res["analysis_ms"] = in_process_ms(ANALYSIS, db, runs)
    except subprocess.CalledProcessError:
        res["analysis_ms"] = None
    try:
        res.update(chart_switch(db, runs))
    except subprocess.CalledProcessError:
        res["chart_switch_ms"] = res["chart_all_first_ms"] = None
    # On Charts, once the diary is loaded and the charts are drawn.
    res["window_mib"] = (
        peak_rss_mib([*gui, "--view", "charts", "--wait-loaded"]) if has_command("gui") else None
    )
    return res


def _has_doctor_export() -> bool:
    res = subprocess.run(
        [PY, "-m", "twitchlog", "export", "doctor", "--help"],
        env=ENV,
        capture_output=True,
        text=True,
    )
    return res.returncode == 0


def fmt(v: float | None, unit: str = "") -> str:
    return "n/a" if v is None else f"{v:.3g}{unit}"


def ratio(years: int, key: str, base: str) -> str:
    """The median of the rounds' ratios: each round runs the figure and its baseline back to
    back, so a load that comes and goes over the run weighs on both sides of each ratio."""
    seen, against = ROUNDS.get((years, key)), ROUNDS.get((years, base))
    if not seen or not against:
        return "n/a"
    return f"{statistics.median(a / b for a, b in zip(seen, against, strict=True)):.2f}"


def report(results: dict[int, dict[str, float | None]]) -> str:
    sizes = sorted(results)
    head = "| figure | goal | " + " | ".join(f"{y} y" for y in sizes) + " |"
    lines = [head, "|" + "---|" * (len(sizes) + 2)]

    def row(name: str, goal: str, cell: Callable[[int], str]) -> None:
        lines.append(f"| {name} | {goal} | " + " | ".join(cell(y) for y in sizes) + " |")

    def time(key: str) -> Callable[[int], str]:
        return lambda y: fmt(results[y].get(key))

    row("start to first painted window (s)", "", time("start_s"))
    row("bare QMainWindow baseline (s)", "", time("start_base_s"))
    row("start-up ratio", "≤ 1.3", lambda y: ratio(y, "start_s", "start_base_s"))
    row("start to loaded window (s)", "", time("loaded_s"))
    row("loaded ratio", "≤ 2.5", lambda y: ratio(y, "loaded_s", "start_base_s"))
    row("`twitchlog log` (s)", "≤ 0.2", time("log_s"))
    row("`twitchlog log` in German (s)", "≤ 0.2", time("log_de_s"))
    row("stdlib sqlite3 insert baseline (s)", "", time("log_base_s"))
    row("log ratio", "≤ 2", lambda y: ratio(y, "log_s", "log_base_s"))
    row("doctor CSV export (s)", "", time("export_s"))
    row("stdlib sqlite3+csv, same rows (s)", "", time("export_base_s"))
    row("export ratio", "≤ 1.3", lambda y: ratio(y, "export_s", "export_base_s"))
    row("analysis after imports (ms)", "≤ 300", time("analysis_ms"))
    row("charts range switch, slowest range (ms)", "≤ 200", time("chart_switch_ms"))
    row("charts: “All” the first time (ms)", "", time("chart_all_first_ms"))
    row("window peak memory on Charts (MiB)", "", time("window_mib"))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--years", type=int, nargs="+", default=[1, 3, 10])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="folder to keep (and reuse) the diaries in")
    args = ap.parse_args()
    # Byte-compile the package first, as pip does on install: a machine that sets
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every changed module on each start.
    compileall.compile_dir(ROOT / "twitchlog", quiet=1)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="twitchlog-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    isolate(folder)
    results = {y: measure(y, folder, args.runs) for y in args.years}
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; median of {args.runs} runs."
    )
    print(report(results))
    print("\nSpread, fastest–slowest run (s):")
    for (years, key), (lo, hi) in sorted(SPREAD.items()):
        print(f"- {years} y {key}: {lo:.3f}–{hi:.3f}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
