"""Plain records the diary functions take and return: the front ends see no database rows.

Named tuples, not dataclasses: a command such as `export doctor` imports this module, and
the dataclasses module with the code each dataclass generates cost it ~15 ms. `Episode`
(its field `count` would hide tuple.count) and `ImportSummary` (a subclass adds a field)
stay dataclasses in `diary/slow_records.py`, loaded the first time they are asked for here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from twitchlog import catalog
from twitchlog.i18n import _, format_number
from twitchlog.words import unit_for

if TYPE_CHECKING:
    from twitchlog.diary.slow_records import Episode as Episode
    from twitchlog.diary.slow_records import ImportSummary as ImportSummary


def __getattr__(name: str) -> object:
    """`Episode` and `ImportSummary`, imported from `slow_records` when first used."""
    if name in ("Episode", "ImportSummary"):
        from twitchlog.diary import slow_records

        return getattr(slow_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Place(NamedTuple):
    side: str  # left | right | both
    region: str  # a key of catalog.REGIONS

    @property
    def code(self) -> str:
        return f"{self.side}:{self.region}"

    @property
    def words(self) -> str:
        """'left upper eyelid' in the user's language ('Oberlid links')."""
        region = _(catalog.REGIONS[self.region])
        if self.side == "left":
            return _("left {place}").format(place=region)
        if self.side == "right":
            return _("right {place}").format(place=region)
        return region

    @classmethod
    def parse(cls, text: str) -> Place:
        from twitchlog.diary.rules import parse_region

        side, region = parse_region(text)
        return cls(side, region)


class Factor(NamedTuple):
    id: int
    key: str
    label: str
    kind: str
    unit: str
    minimum: float
    maximum: float
    builtin: bool
    category: str

    @property
    def heading(self) -> str:
        """'Caffeine (mg)' — the label with its unit in the user's language, for tables and
        CSV headers (a built-in label is translated, one's own comes back as typed)."""
        unit = (
            unit_for(2, self.unit)
            if self.kind == "number"
            else ("0–10" if self.kind == "scale" else "")
        )
        label = _(self.label)
        return f"{label} ({unit})" if unit else label

    def format_value(self, value: float) -> str:
        """'300 mg', '7/10', 'yes' — a value as a person reads it."""
        if self.kind == "yesno":
            return _("yes") if value else _("no")
        if self.kind == "scale":
            return f"{format_number(value)}/10"
        return f"{format_number(value)} {unit_for(value, self.unit)}".rstrip()


class Day(NamedTuple):
    date: dt.date
    no_twitches: bool = False
    note: str = ""
    values: Mapping[str, float] = MappingProxyType({})


class Treatment(NamedTuple):
    id: int
    name: str
    kind: str
    start: dt.date
    end: dt.date | None = None
    dose: float | None = None
    unit: str = ""
    sites: str = ""
    note: str = ""
