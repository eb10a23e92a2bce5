"""Lines that fit: text wrapped by its measured width on the PDF page, not by a count of
characters.

German words are longer than English ones and bold type is wider than regular, so an
estimate of characters per line let lines run past the margin or into the next column.
Widths come from matplotlib's own metrics of the font the PDF embeds (DejaVu Sans), in
points; a word wider than its column is broken between characters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.textpath import TextToPath

FONT = "DejaVu Sans"
PAGE_WIDTH_PT = 8.27 * 72  # A4


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width of `text` set in `size` pt, in points."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=FONT, size=size, weight=weight)
    width, _height, _descent = _measurer().get_text_width_height_descent(text, prop, ismath=False)
    return float(width)


@lru_cache(maxsize=1)
def _measurer() -> TextToPath:
    from matplotlib.textpath import TextToPath

    return TextToPath()


SLACK = 0.97
"""Lines are filled to 97% of their room: a screen renderer's hinting sets text a little
wider than the font's own metrics."""


def wrap(text: str, size: float, width_pt: float, weight: str = "normal") -> list[str]:
    """`text` as lines no wider than `width_pt` (words kept whole where they fit)."""
    width_pt *= SLACK
    space = text_width(" ", size, weight)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in paragraph.split():
            for piece in _pieces(word, size, width_pt, weight):
                w = text_width(piece, size, weight)
                if current and used + space + w > width_pt:
                    lines.append(" ".join(current))
                    current, used = [piece], w
                else:
                    used = w if not current else used + space + w
                    current.append(piece)
        lines.append(" ".join(current))
    return lines


def _pieces(word: str, size: float, width_pt: float, weight: str) -> list[str]:
    """A word that fits, or the word cut into parts that each fit."""
    if text_width(word, size, weight) <= width_pt:
        return [word]
    parts, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size, weight) > width_pt:
            parts.append(current)
            current = ch
        else:
            current += ch
    return [*parts, current]
