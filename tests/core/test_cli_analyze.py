"""`twitchlog analyze` on a real diary: the JSON a user or script reads."""

from __future__ import annotations

import datetime as dt
import json
import math

from twitchlog.diary import demo


def test_analyze_json_on_a_year_of_demo_data(run_cli, db):  # type: ignore[no-untyped-def]
    with db.write() as s:
        demo.fill_demo(s, 365, end=dt.date(2026, 10, 31))
    code, out, err = run_cli("analyze", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert 300 <= result["observed_days"] <= 365
    keys = {
        "factor",
        "lag_days",
        "n",
        "rho",
        "rho_within",
        "rho_within_ci",
        "n_eff",
        "ratio",
        "ratio_ci",
        "high_mean",
        "low_mean",
        "p",
        "q",
        "verdict",
        "sentence",
    }
    assert result["findings"] and all(keys <= set(f) for f in result["findings"])
    sleep = next(f for f in result["findings"] if f["factor"] == "sleep_h" and f["lag_days"] == 0)
    assert sleep["ratio"] > 1.2  # the demo person twitches more after short nights
    assert sleep["verdict"] != "not enough data" and sleep["ratio_ci"][0] > 1.0
    # planted in the demo: short sleep, caffeine and stress raise the rate; at least one shows
    assert {f["factor"] for f in result["findings"] if f["verdict"] == "clear link"} & {
        "sleep_h",
        "caffeine_mg",
        "stress",
    }
    assert all(f["q"] is None or 0 <= f["q"] <= 1 for f in result["findings"])
    assert not any(
        isinstance(v, float) and math.isnan(v) for f in result["findings"] for v in f.values()
    )


def test_analyze_table_and_not_enough_data(run_cli, db):  # type: ignore[no-untyped-def]
    run_cli("day", "2026-11-01", "--caffeine", "300")
    code, out, _ = run_cli("analyze")
    assert code == 0 and "not enough data" in out
    code, _, err = run_cli("analyze", "--from", "2026-11-05", "--to", "2026-11-01")
    assert code == 2 and "swap" in err
