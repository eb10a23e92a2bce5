"""Numeric ticks in the language in use: '4,0' on a German chart, '4.0' on an English one,
and date axes still show dates."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from twitchlog import i18n
from twitchlog.charts import CHART_NAMES
from twitchlog.charts.numbers import LocalNumberFormatter
from twitchlog.charts.render import ChartInputs, draw

_PLAIN_NUMBER = re.compile(r"^[−-]?\d+([.,]\d+)?$")


def tick_labels(fig: Figure) -> list[str]:
    fig.canvas.draw()
    out = []
    for ax in fig.axes:
        if not ax.axison:
            continue
        for axis in (ax.xaxis, ax.yaxis):
            out += [t.get_text() for t in axis.get_ticklabels() if t.get_text()]
    return out


@pytest.mark.parametrize(
    ("language", "ticks", "want"),
    [
        ("de", [0.0, 0.5, 1.0, 1.5], ["0,0", "0,5", "1,0", "1,5"]),
        ("en", [0.0, 0.5, 1.0, 1.5], ["0.0", "0.5", "1.0", "1.5"]),
        ("de", [0.0, 2.0, 4.0, 6.0], ["0", "2", "4", "6"]),
        ("de", [0.1 + 0.2, 0.6], ["0,3", "0,6"]),
        ("de", [-0.0, 25.0, 50.0], ["0", "25", "50"]),
    ],
)
def test_the_formatter_writes_ticks_with_the_language_decimal_sign(
    language: str, ticks: list[float], want: list[str]
) -> None:
    i18n.set_language(language)
    try:
        assert LocalNumberFormatter().format_ticks(ticks) == want
    finally:
        i18n.set_language("en")


def test_every_german_chart_writes_numbers_with_a_comma(demo_inputs: ChartInputs) -> None:
    i18n.set_language("de")
    try:
        ticks = {name: tick_labels(draw(name, demo_inputs)) for name in CHART_NAMES}
    finally:
        i18n.set_language("en")
    numbers = [t for labels in ticks.values() for t in labels if _PLAIN_NUMBER.match(t)]
    assert numbers, ticks
    assert not [t for t in numbers if "." in t], ticks
    assert any("," in t for t in numbers), ticks
    # Date axes keep their dates (no day numbers since 1970 as plain floats).
    assert not [t for t in ticks["timeline"] if re.fullmatch(r"\d{5}(,\d+)?", t)]
    assert any(re.search(r"[A-Za-zä]", t) for t in ticks["timeline"]), ticks["timeline"]


@pytest.mark.parametrize("size", [(11.5, 4.7), (8.0, 4.5), (6.0, 5.0)])
def test_subtitles_stay_inside_the_chart_in_german(
    demo_inputs: ChartInputs, size: tuple[float, float]
) -> None:
    """The face map's subtitle sits over an Axes that starts far right of the left edge; in
    German at a wide window size it ran off the right edge. Every subtitle wraps inside."""
    from matplotlib.figure import Figure

    i18n.set_language("de")
    try:
        for name in CHART_NAMES:
            fig = draw(name, demo_inputs, fig=Figure(figsize=size, layout="constrained"))
            fig.canvas.draw()
            right = fig.bbox.x1
            renderer = fig._get_renderer()  # type: ignore[attr-defined]
            for ax in fig.axes:
                for t in (ax.title, ax._left_title):  # type: ignore[attr-defined]
                    if t.get_text():
                        box = t.get_window_extent(renderer)
                        assert box.x1 <= right + 1, (name, t.get_text())
    finally:
        i18n.set_language("en")
