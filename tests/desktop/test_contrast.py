"""Readable colours: every text colour of every theme meets WCAG AA (4.5:1) on the background
it is drawn on, computed with the WCAG formula; charts in the dark themes too."""

from __future__ import annotations

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


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_a_selection_stands_out_by_lightness_not_hue_alone(name: str) -> None:
    """Selected rows differ from the others by 3:1 in lightness (WCAG non-text contrast),
    so they show for every kind of colour vision, and their text still reads (4.5:1)."""
    c = _window_palettes()[name]
    assert contrast_ratio(c.highlight, c.base) >= 3.0
    assert contrast_ratio(c.highlight, c.alternate) >= 3.0
    assert contrast_ratio(c.highlighted_text, c.highlight) >= AA_TEXT
