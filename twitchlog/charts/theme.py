"""Colours for charts: light or dark, built from plain colour strings, colour-blind safe.

The dark palette is Okabe–Ito (distinguishable with the common colour-vision deficiencies),
the light one darker colours chosen the same way (see LIGHT_SERIES);
nothing is told apart by red against green alone, and verdicts also differ by marker
shape and fill. The window passes its palette's background and text colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}


def _rgb(color: str) -> tuple[float, float, float]:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    if len(c) != 6:
        raise ValueError(f"Give a colour as #rrggbb, not {color!r}.")
    return tuple(int(c[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in rgb)


def mix(a: str, b: str, t: float) -> str:
    """Colour `t` of the way from a to b (for muted fills that suit either background)."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex(tuple(x + (y - x) * t for x, y in zip(ra, rb, strict=True)))  # type: ignore[arg-type]


def luminance(color: str) -> float:
    r, g, b = _rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance: sRGB channels linearised first."""

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21; AA asks 4.5 for text, 3 for large text and graphics."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


TEXT_CONTRAST = 4.5  # WCAG AA for normal text


def readable_mix(background: str, foreground: str, t: float) -> str:
    """`mix(background, foreground, t)`, moved towards the foreground until it reads as text
    on the background (WCAG AA), for secondary text that must stay legible."""
    while t < 1.0 and contrast_ratio(mix(background, foreground, t), background) < TEXT_CONTRAST:
        t = min(1.0, t + 0.05)
    return mix(background, foreground, t)


# On a light background the Okabe–Ito colours reach only 2.3–3.9:1 (orange, sky, vermillion,
# purple, green; blue 5.2), too faint for text and thin lines (WCAG AA: 4.5:1). Darkening
# each hue until it reaches 4.5:1 makes blue and sky, and orange and vermillion, all but the
# same for colour-blind readers, so the light series are chosen anew: every one at least
# 4.65:1 on the window's light grey (#f4f5f7; 5.07:1 on white), and every pair at least 20
# apart in CIELAB for normal vision and for simulated protan, deutan and tritan vision
# (Machado et al. 2009, full severity) — more than the Okabe–Ito colours themselves (16).
LIGHT_SERIES: tuple[str, ...] = (
    OKABE_ITO["blue"],  # the main series, 4.75:1 on #f4f5f7
    "#a55c12",  # burnt orange, 4.65:1
    "#684ed3",  # indigo (where sky was), 5.3:1
    "#c8326e",  # rose red (where vermillion was), 4.65:1
    "#8914ff",  # violet (where purple was), 5.3:1
    "#165823",  # dark green, 7.8:1
)


@dataclass(frozen=True)
class Theme:
    """What a chart needs to know about colours; `dark` picks the sequential colour map."""

    background: str = "#ffffff"
    foreground: str = "#1f2328"
    grid: str = "#d8dee4"
    muted: str = "#6e7781"  # secondary text, "not enough data"
    accents: tuple[str, ...] = field(default=LIGHT_SERIES)
    dark: bool = False
    font_size: float = 9.0

    @property
    def sequential(self) -> str:
        """Colour map for burden (calendar, face): light-to-dark on light, dark-to-light on dark."""
        return "viridis" if self.dark else "YlGnBu"

    @property
    def unobserved(self) -> str:
        return mix(self.background, self.foreground, 0.10)

    @property
    def hatch_color(self) -> str:
        return mix(self.background, self.foreground, 0.45)

    def accent(self, i: int) -> str:
        return self.accents[i % len(self.accents)]


LIGHT = Theme()
DARK = Theme(
    background="#1e1f22",
    foreground="#e6e6e6",
    grid="#3a3d42",
    muted="#9aa0a6",
    accents=(
        OKABE_ITO["sky"],
        OKABE_ITO["orange"],
        "#7fc6f0",
        "#f07a2a",
        OKABE_ITO["purple"],
        OKABE_ITO["green"],
    ),
    dark=True,
)


def theme_from_colors(background: str, foreground: str, *, font_size: float = 9.0) -> Theme:
    """A theme for the GUI's palette: grid and muted text derived from its two colours."""
    dark = luminance(background) < luminance(foreground)
    base = DARK if dark else LIGHT
    return Theme(
        background=background,
        foreground=foreground,
        grid=mix(background, foreground, 0.15),
        muted=readable_mix(background, foreground, 0.6),
        accents=base.accents,
        dark=dark,
        font_size=font_size,
    )
