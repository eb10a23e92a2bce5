"""The experiment chart: each block's mean, the two blocks of a pair joined."""

from __future__ import annotations

import datetime as dt

import numpy as np

from twitchlog.analysis.data import DailyData
from twitchlog.analysis.experiment import analyse_experiment
from twitchlog.analysis.experiment_plan import Plan
from twitchlog.charts.base import is_empty_figure
from twitchlog.charts.experiment import draw_experiment

START = dt.date(2026, 1, 5)
PLAN = Plan("caffeine_mg", "Caffeine", "no coffee", "as usual", START, 5, 2, 1, 0, ("AB", "BA"))


def test_experiment_chart_draws_each_block_and_joins_pairs() -> None:
    dates = np.datetime64(START, "D") + np.arange(20).astype("timedelta64[D]")
    eps = np.array([1.0 if PLAN.conditions()[k // 5] == "A" else 3.0 for k in range(20)])
    later = START + dt.timedelta(days=30)
    data = DailyData(dates, np.ones(20, bool), eps, eps, eps)
    fig = draw_experiment(analyse_experiment(PLAN, data, {}, later))
    ax = fig.axes[0]
    assert len(ax.lines) == 2  # one line joins each pair's blocks
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 2]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["no coffee", "as usual"]
    assert fig._suptitle is not None
    assert fig._suptitle.get_text() == "Experiment result: clear difference"
    nothing = DailyData(dates, np.zeros(20, bool), eps, eps, eps)
    assert is_empty_figure(draw_experiment(analyse_experiment(PLAN, nothing, {}, later)))
