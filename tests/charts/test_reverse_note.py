"""The reverse check's words are kept whole on the finding, not cut out of its sentence at
the first '.' (a label like 'approx. 1.5 cups' or a p value cut them short)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import Any

from twitchlog.analysis.simulate import PlantedReverse, simulate_diary
from twitchlog.analysis.triggers import TriggerReport, analyze_triggers
from twitchlog.charts.forest import build_triggers
from twitchlog.report import pdf
from twitchlog.report.summary import ReportData

END = dt.date(2025, 12, 31)
LABEL = "Caffeine (approx. 1.5 cups)"
NOTE = "You tend to have more caffeine (approx. 1.5 cups) after bad days"


def _report() -> TriggerReport:
    data = simulate_diary(
        365,
        end=END,
        seed=600,
        factors=["caffeine_mg", "sleep_h", "stress"],
        reverse=[PlantedReverse("caffeine_mg", 150.0)],
    )
    info = dataclasses.replace(data.factor_info["caffeine_mg"], label=LABEL)
    data = dataclasses.replace(data, factor_info={**data.factor_info, "caffeine_mg": info})
    return analyze_triggers(data)


class _Page:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        self.lines.append(text)

    def text(self, text: str, *args: Any, **kwargs: Any) -> None:
        self.lines.append(text)

    def skip(self, *args: Any) -> None:
        pass


def test_the_reverse_note_is_whole_in_the_finding_the_pdf_and_the_forest() -> None:
    rep = _report()
    caffeine = [f for f in rep.findings if f.factor == "caffeine_mg" and f.reverse_p < 0.05]
    assert caffeine
    for f in caffeine:
        assert f.reverse_note.startswith(NOTE)
        assert f.reverse_note.endswith((NOTE + ".", "; that may explain the link."))
    check = next(f for f in rep.reverse_checks if f.factor == "caffeine_mg")
    assert "(p " in check.sentence  # the reverse row's sentence has its p value…
    assert check.reverse_note == NOTE + "."  # …the note does not, and is whole

    r = SimpleNamespace(triggers=rep, links=[])
    r.reversed_links = ReportData.reversed_links.fget(r)  # type: ignore[attr-defined]
    page = _Page()
    pdf._triggers(page, r)  # type: ignore[arg-type]
    shown = [line for line in page.lines if line.startswith("↺")]
    assert shown and all(NOTE in line for line in shown)
    assert any(line.endswith(("bad days.", "explain the link.")) for line in shown)

    fig = build_triggers(rep)
    xlabel = " ".join(" ".join(ax.get_xlabel().split()) for ax in fig.axes)
    assert f"↺ {LABEL}: {NOTE}" in xlabel
