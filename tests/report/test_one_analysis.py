"""One analysis of a range everywhere: the report, the Charts view's Triggers tab,
`twitchlog chart triggers` and `twitchlog analyze` give the same verdicts.

They used to disagree for the same --from/--to: the report and the charts analysed only
the days loaded for the range (28-day blocks counted from its first day, lags cut at
its start), while `analyze` loaded the whole diary (blocks from the diary's first day,
lagged values from before --from). Now blocks follow the calendar and the analysis
looks only inside the range, whatever was loaded.
"""

from __future__ import annotations

import datetime as dt
import json

from twitchlog.diary.demo import fill_demo

END = dt.date(2025, 12, 31)
RANGES = [
    (None, None),
    (dt.date(2025, 3, 17), END),
    (dt.date(2025, 5, 1), dt.date(2025, 11, 14)),
]


def _verdicts(findings) -> dict[tuple[str, int], tuple[str, float | None]]:  # type: ignore[no-untyped-def]
    return {
        (f.factor, f.lag_days): (f.verdict, None if f.q != f.q else round(f.q, 9)) for f in findings
    }


def test_report_charts_chart_command_and_analyze_agree(db, run_cli):  # type: ignore[no-untyped-def]
    with db.write() as s:
        fill_demo(s, 300, end=END)
    for start, end in RANGES:
        _agree(db, run_cli, start, end)


def _agree(db, run_cli, start, end) -> None:  # type: ignore[no-untyped-def]
    from twitchlog.charts.render import compute
    from twitchlog.diary.dataset import load_daily_data, load_episode_points
    from twitchlog.gui.charts_view import load_inputs
    from twitchlog.report.summary import load_report

    with db.read() as s:
        report = load_report(s, start, end).triggers
        window = load_inputs(s, start, end, "count", None).report
        # what `twitchlog chart triggers --from --to` computes before drawing
        chart = compute(load_daily_data(s, start, end), load_episode_points(s, start, end)).report
    args = ["analyze", "--json"]
    if start:
        args += ["--from", start.isoformat()]
    if end:
        args += ["--to", end.isoformat()]
    code, out, err = run_cli(*args)
    assert code == 0, err
    cli = json.loads(out)
    from_cli = {
        (f["factor"], f["lag_days"]): (f["verdict"], None if f["q"] is None else round(f["q"], 9))
        for f in cli["findings"]
    }
    expected = _verdicts(report.findings)
    assert len(expected) >= 16
    assert _verdicts(window.findings) == expected
    assert _verdicts(chart.findings) == expected
    assert from_cli == expected
    assert cli["observed_days"] == report.observed_days
    assert [f.sentence for f in window.findings] == [f.sentence for f in report.findings]
