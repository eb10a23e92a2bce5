"""Readable colours: every text colour of every theme meets WCAG AA (4.5:1) on the background
it is drawn on, computed with the WCAG formula; charts in the dark themes too."""

from __future__ import annotations

import itertools
import math

import pytest

from twitchlog.charts.theme import DARK, LIGHT, contrast_ratio, theme_from_colors

AA_TEXT = 4.5


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # just passes


def _window_palettes() -> dict[str, object]:
    from twitchlog.gui.display import PALETTES

    return dict(PALETTES)


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_every_text_colour_of_each_window_theme_reads_on_its_background(name: str) -> None:
    c = _window_palettes()[name]
    pairs = {
        "text on window": (c.text, c.window),
        "text in fields": (c.text, c.base),
        "text on alternate rows": (c.text, c.alternate),
        "text on buttons": (c.text, c.button),
        "selected text": (c.highlighted_text, c.highlight),
        "quiet (disabled) text": (c.disabled_text, c.window),
        "placeholder text": (c.disabled_text, c.base),
        "links": (c.link, c.base),
        "errors": (c.error, c.window),
        "errors in a panel": (c.error, c.base),
    }
    ratios = {k: round(contrast_ratio(*v), 2) for k, v in pairs.items()}
    low = {k: r for k, r in ratios.items() if r < AA_TEXT}
    assert not low, f"{name}: below 4.5:1: {low}"


@pytest.mark.parametrize("name", ["dark", "high-contrast", "light"])
def test_chart_text_colours_read_on_the_chart_background(name: str) -> None:
    c = _window_palettes()[name]
    theme = theme_from_colors(c.window, c.text, font_size=13.5)
    assert contrast_ratio(theme.foreground, theme.background) >= AA_TEXT
    assert contrast_ratio(theme.muted, theme.background) >= AA_TEXT  # subtitles, notes


@pytest.mark.parametrize("theme", [DARK, theme_from_colors("#000000", "#ffffff")])
def test_dark_chart_colours_all_reach_aa_text_contrast(theme: object) -> None:
    """On dark backgrounds the series colours are also used for labels (axis on the right,
    treatment names), so all of them meet the text level, not only 3:1 for graphics."""
    colours = [theme.foreground, theme.muted, *theme.accents]
    ratios = {c: round(contrast_ratio(c, theme.background), 2) for c in colours}
    assert min(ratios.values()) >= AA_TEXT, ratios


def test_light_chart_secondary_text_reads_too() -> None:
    assert contrast_ratio(LIGHT.muted, LIGHT.background) >= AA_TEXT
    assert contrast_ratio(LIGHT.foreground, LIGHT.background) >= AA_TEXT


@pytest.mark.parametrize("background", ["#ffffff", "window"])
def test_light_chart_series_colours_reach_aa_text_contrast(background: str) -> None:
    """The series colours draw thin lines, small markers and labels (the factor's axis,
    treatment notes) on white (saved charts, the PDF) and on the window's light grey."""
    if background == "window":
        c = _window_palettes()["light"]
        theme = theme_from_colors(c.window, c.text)
    else:
        theme = LIGHT
    ratios = {a: round(contrast_ratio(a, theme.background), 2) for a in theme.accents}
    assert min(ratios.values()) >= AA_TEXT, ratios


# Machado, Oliveira & Fernandes (2009): colour-vision deficiency at full severity, on
# linear RGB.
_CVD = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


def _lab(color: str, vision: str) -> tuple[float, float, float]:
    """CIELAB (D65) of `color` as seen with `vision` ('normal' or a key of _CVD)."""
    c = color.lstrip("#")
    srgb = [int(c[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in srgb]
    if vision != "normal":
        lin = [
            min(1.0, max(0.0, sum(m * v for m, v in zip(row, lin, strict=True))))
            for row in _CVD[vision]
        ]
    r, g, b = lin
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


@pytest.mark.parametrize("vision", ["normal", "protan", "deutan", "tritan"])
def test_light_chart_series_stay_apart_for_colour_blind_readers(vision: str) -> None:
    """Darker colours crowd together; each pair of light series (and the text colour) stays
    at least 15 apart in CIELAB however the reader sees colour (the Okabe–Ito colours
    themselves manage 16; 2.3 is a just-noticeable difference)."""
    colours = [*LIGHT.accents, LIGHT.foreground]
    gaps = {
        (a, b): round(math.dist(_lab(a, vision), _lab(b, vision)), 1)
        for a, b in itertools.combinations(colours, 2)
    }
    assert min(gaps.values()) >= 15, sorted(gaps.items(), key=lambda kv: kv[1])[:3]


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_a_selection_stands_out_by_lightness_not_hue_alone(name: str) -> None:
    """Selected rows differ from the others by 3:1 in lightness (WCAG non-text contrast),
    so they show for every kind of colour vision, and their text still reads (4.5:1)."""
    c = _window_palettes()[name]
    assert contrast_ratio(c.highlight, c.base) >= 3.0
    assert contrast_ratio(c.highlight, c.alternate) >= 3.0
    assert contrast_ratio(c.highlighted_text, c.highlight) >= AA_TEXT
