"""Date tick labels in the language in use.

matplotlib's date formatters write month and weekday names with strftime in the C locale
("Mar", "Mon"); switching the process locale is global and not thread-safe, so the
formatter below lets matplotlib choose and format the ticks and then replaces the names
with the catalogue's ("Mär", "Mo").
"""

from __future__ import annotations

from typing import Any

from matplotlib.ticker import Formatter

from twitchlog.charts.common import local_names


class LocalDateFormatter(Formatter):
    """Wraps a date formatter (DateFormatter, ConciseDateFormatter) and translates names."""

    def __init__(self, inner: Formatter) -> None:
        self.inner = inner

    def set_axis(self, axis: Any) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return local_names(self.inner(x, pos))

    def format_ticks(self, values: Any) -> list[str]:
        return [local_names(t) for t in self.inner.format_ticks(values)]

    def get_offset(self) -> str:
        return local_names(self.inner.get_offset())

    def format_data_short(self, value: float) -> str:
        return local_names(self.inner.format_data_short(value))
