"""Numeric tick labels in the language in use.

matplotlib's default ScalarFormatter writes "4.0" whatever the language; switching the
process locale is global and not thread-safe, so every chart's numeric axes use the
formatter below, which lets matplotlib choose the ticks and writes them with
`format_number` ("4,0" in German), all ticks of an axis with the same decimals.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import Formatter, ScalarFormatter

from twitchlog.i18n import format_number

_MOST_DIGITS = 4


def tick_digits(values: Sequence[float]) -> int:
    """The fewest decimals that write every value exactly (0 for 0, 5, 10; 1 for 0.5, 1.0)."""
    for digits in range(_MOST_DIGITS):
        if all(abs(v - round(v, digits)) <= 1e-9 * max(1.0, abs(v)) for v in values):
            return digits
    return _MOST_DIGITS


class LocalNumberFormatter(Formatter):
    """Ticks as `format_number` writes them: '2,5' in German, '2.5' in English."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return format_number(x, tick_digits([x]))

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        digits = tick_digits(list(values))
        return [format_number(v, digits) for v in values]


def localise_numbers(ax: Axes) -> None:
    """Give both axes the local number formatter in place of matplotlib's default one.

    An axis that already has its own formatter (dates, ticks set with labels, an axis shared
    with a twin) keeps it; the new one stays marked as the default, so plotting dates later
    still gets matplotlib's date formatter."""
    for axis in (ax.xaxis, ax.yaxis):
        if type(axis.get_major_formatter()) is ScalarFormatter:
            axis.set_major_formatter(LocalNumberFormatter())
            axis.isDefault_majfmt = True
