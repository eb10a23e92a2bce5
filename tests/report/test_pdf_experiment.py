"""A finished experiment gets its own page in the doctor PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from tests.report.test_pdf import assert_a4, pdf_text
from twitchlog.diary import days, episodes, experiments, injections

START = dt.date(2026, 2, 2)


def _diary(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        injections.add_injection(s, START + dt.timedelta(days=20), product="ona", units=50)
        plan = experiments.plan_experiment(
            s, "caffeine_mg", changed="no coffee", usual="as usual", start=START,
            today=START, pairs=2, seed=3,
        )  # fmt: skip
        for k in range(28):
            day = START + dt.timedelta(days=k)
            days.check_in(s, day, {})
            experiments.record_kept(s, plan.id, day, "yes" if k % 4 else "no")
            for i in range(1 if plan.conditions()[k // 7] == "A" else 3):
                episodes.log_episode(
                    s, started_at=dt.datetime.combine(day, dt.time(9, i)).astimezone()
                )


def test_finished_experiment_page(db, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _diary(db)
    out = tmp_path / "report.pdf"
    code, text, err = run_cli("report", str(out), "--to", "2026-03-20")
    assert code == 0, err
    reader = PdfReader(out)
    assert_a4(reader)
    assert f"Wrote a {len(reader.pages)}-page report" in text
    flat = " ".join(pdf_text(out).split())
    assert "An experiment: testing a suspected trigger" in flat
    assert "'no coffee' against 'as usual', 2 pairs of 7-day blocks" in flat
    assert "Result: clear difference" in flat
    assert "Note: A botulinum toxin injection on 2026-02-22 falls inside the plan" in flat
    assert "with no coffee you logged 2 fewer twitches a day than as usual" in flat
    assert "You kept to the plan on 75% of the 28 days you answered." in flat
