"""No English left in the German charts and analysis: every chart (a demo diary, one day, an
empty diary, an experiment) and the analysis's text are produced in English and in German,
and a word of the English output that comes back unchanged in the German one fails, unless
it is a name, a unit or a word both languages share."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text

from twitchlog import i18n
from twitchlog.analysis.data import DailyData
from twitchlog.analysis.experiment import analyse_experiment
from twitchlog.analysis.experiment_plan import Plan
from twitchlog.analysis.experiment_sim import ExperimentPower, power_sentence
from twitchlog.analysis.output import format_table
from twitchlog.analysis.treatments import cycles_of
from twitchlog.charts import CHART_NAMES
from twitchlog.charts.base import _HOVER
from twitchlog.charts.experiment import draw_experiment
from twitchlog.charts.render import ChartInputs, compute, draw

# Words that are the same in both languages, names and units.
SHARED = {
    "median", "experiment", "plan", "block", "blocks", "stress", "magnesium", "episode",
    "person", "rate", "mg", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "nov",
    "twitchlog", "injection", "add", "png", "svg", "pdf", "min", "log", "onabotulinumtoxina",
}  # fmt: skip
# 'twitchlog injection add' is a command the user types.

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")

START = dt.date(2026, 1, 5)
PLAN = Plan("caffeine_mg", "Caffeine", "no coffee", "as usual", START, 5, 2, 1, 0, ("AB", "BA"))


def figure_texts(fig: Figure) -> list[str]:
    """Every text a person can read on the chart: each Text artist, and what hovering says."""
    fig.canvas.draw()
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
    for target in _HOVER.get(fig, []):
        texts += [target.text_at(i) for i in range(3)]
    return [t for t in texts if t]


def _experiment(language: str) -> tuple[Figure, list[str]]:
    dates = np.datetime64(START, "D") + np.arange(20).astype("timedelta64[D]")
    eps = np.array([1.0 if PLAN.conditions()[k // 5] == "A" else 3.0 for k in range(20)])
    data = DailyData(dates, np.ones(20, bool), eps, eps, eps)
    result = analyse_experiment(PLAN, data, {}, START + dt.timedelta(days=30))
    words = [
        *result.sentences,
        PLAN.status_line(START + dt.timedelta(days=3)),
        PLAN.status_line(START - dt.timedelta(days=3)),
        power_sentence(ExperimentPower(7, 4, 2, 1.5, 200, 0.1, 0.1)),
        power_sentence(ExperimentPower(7, 4, 2, 1.5, 200, 0.5, 0.4)),
    ]
    return draw_experiment(result), words


def produce(language: str, demo: ChartInputs, small: dict[str, ChartInputs]) -> dict[str, str]:
    """{what: its words} for every chart and the analysis, in `language`."""
    i18n.set_language(language)
    try:
        out: dict[str, str] = {}
        inputs = compute(demo.data, demo.points)  # the analysis's sentences in this language
        for name in CHART_NAMES:
            out[f"demo {name}"] = "\n".join(figure_texts(draw(name, inputs)))
            for label, few in small.items():
                out[f"{label} {name}"] = "\n".join(figure_texts(draw(name, few)))
        assert inputs.report is not None
        out["analysis table"] = format_table(inputs.report)
        out["reverse checks"] = "\n".join(f.sentence for f in inputs.report.reverse_checks)
        out["cycles"] = "\n".join(cycles_of(inputs.data).sentences)
        fig, words = _experiment(language)
        out["experiment chart"] = "\n".join(figure_texts(fig))
        out["experiment words"] = "\n".join(words)
        return out
    finally:
        i18n.set_language("en")


def _names(demo: ChartInputs) -> set[str]:
    names = {t.name for t in demo.data.treatments} | {PLAN.changed, PLAN.usual}
    return {w.lower() for n in names for w in _WORD.findall(n)}


def english_left(english: str, german: str, allowed: set[str]) -> list[str]:
    en = {w.lower() for w in _WORD.findall(english)}
    left = {w for w in _WORD.findall(german) if w.lower() in en and w.lower() not in allowed}
    return sorted(left)


def test_no_english_is_left_in_the_german_charts_and_analysis(
    demo_inputs: ChartInputs, empty_inputs: ChartInputs, one_day_inputs: ChartInputs
) -> None:
    small = {"empty": empty_inputs, "one day": one_day_inputs}
    english = produce("en", demo_inputs, small)
    german = produce("de", demo_inputs, small)
    allowed = SHARED | _names(demo_inputs)
    left = {
        what: english_left(english[what], german[what], allowed)
        for what in english
        if english_left(english[what], german[what], allowed)
    }
    assert not left, f"English words left in the German output: {left}"
    assert german["demo timeline"] != english["demo timeline"]

    # Numbers with the decimal comma, dates and month names the German way.
    table = re.sub(r"\d\d\.\d\d\.\d{4}", "", german["analysis table"])  # dates apart
    assert re.search(r"\d,\d", table) and not re.search(r"\d\.\d", table)
    assert re.search(r"\d,\d", german["demo triggers"])
    assert "Injektion vom" in german["cycles"]
    assert re.search(r"\d\d\.\d\d\.20\d\d", german["cycles"])
    months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
    assert months & set(_WORD.findall(english["demo calendar"]))
    assert not {"Mar", "May", "Oct", "Dec"} & set(_WORD.findall(german["demo calendar"]))
