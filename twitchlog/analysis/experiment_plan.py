"""An n-of-1 experiment's schedule: blocks with and without a change, in random order.

Pure and stdlib-only, so the diary (Today's status line), the analysis and the charts
share one definition of "which day of which block is this date". A = the changed
condition ("at most 1 cup"), B = as usual. Each pair of blocks is AB or BA, drawn from
a stored seed (AHRQ's n-of-1 guide; StudyMe's "shuffled within each pair" schedule).
Pauses stop the clock: the rest of the schedule moves back by the paused days.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from twitchlog.i18n import _, format_date, language

DEFAULT_BLOCK_DAYS = 7
MIN_BLOCK_DAYS = 5
DEFAULT_PAIRS = 3
MIN_PAIRS = 2
MAX_PAIRS = 12
MAX_BLOCK_DAYS = 28
DEFAULT_WASHOUT_DAYS = 2
INJECTION_WARN_DAYS = 14
"""A botulinum toxin injection this close before the plan is still building its effect."""

KEPT_ANSWERS = ("yes", "partly", "no")
KEPT_SCORE = {"yes": 1.0, "partly": 0.5, "no": 0.0}
ADHERENCE_FLAG = 0.70
"""Below this share of days kept, the result is flagged: it understates a real effect."""


def draw_orders(seed: int, pairs: int) -> tuple[str, ...]:
    """The order within each pair ("AB" or "BA"), drawn from `seed`."""
    rng = random.Random(seed)
    return tuple("AB" if rng.random() < 0.5 else "BA" for _ in range(pairs))


@dataclass(frozen=True)
class Block:
    number: int  # 1-based, in time order
    pair: int  # 1-based
    condition: str  # "A" (changed) or "B" (as usual)
    first: dt.date | None  # None while a pause with no end hides when it will start
    last: dt.date | None


@dataclass(frozen=True)
class Plan:
    """A stored experiment; `pauses` are (first, last) days, last None while still paused."""

    factor_key: str
    factor_label: str
    changed: str
    usual: str
    start: dt.date
    block_days: int
    pairs: int
    washout_days: int
    seed: int
    orders: tuple[str, ...]
    id: int = 0
    outcome: str = "count"
    pauses: tuple[tuple[dt.date, dt.date | None], ...] = ()
    pause_reasons: tuple[str, ...] = ()
    stopped: dt.date | None = None
    stop_reason: str = ""

    @property
    def n_blocks(self) -> int:
        return 2 * self.pairs

    @property
    def total_days(self) -> int:
        return self.n_blocks * self.block_days

    def condition_words(self, condition: str) -> str:
        return self.changed if condition == "A" else self.usual

    def conditions(self) -> list[str]:
        """'A'/'B' for each block in time order."""
        return [c for order in self.orders for c in order]

    def paused_on(self, day: dt.date) -> bool:
        return any(s <= day and (e is None or day <= e) for s, e in self.pauses)

    def plan_day(self, day: dt.date) -> int | None:
        """0-based day of the schedule that `day` is, or None (before, paused, after)."""
        if day < self.start or self.paused_on(day):
            return None
        k = (day - self.start).days
        for s, e in self.pauses:
            if s < day and e is not None:
                k -= (min(e, day) - s).days + 1
        return k if k < self.total_days else None

    def date_of(self, k: int) -> dt.date | None:
        """The calendar date of schedule day `k`; None if an open pause comes first."""
        day = self.start + dt.timedelta(days=k)
        for s, e in sorted(self.pauses):
            if s <= day:
                if e is None:
                    return None
                day += dt.timedelta(days=(e - s).days + 1)
        return day

    def blocks(self) -> list[Block]:
        out = []
        for i, cond in enumerate(self.conditions()):
            first = self.date_of(i * self.block_days)
            last = self.date_of((i + 1) * self.block_days - 1)
            out.append(Block(i + 1, i // 2 + 1, cond, first, last))
        return out

    @property
    def end(self) -> dt.date | None:
        """The planned last day (None while paused with no end)."""
        return self.date_of(self.total_days - 1)

    def state(self, today: dt.date) -> str:
        """'planned', 'running', 'paused', 'finished' or 'stopped'."""
        if self.stopped is not None:
            return "stopped"
        if today < self.start:
            return "planned"
        if self.paused_on(today):
            return "paused"
        end = self.end
        return "finished" if end is not None and today > end else "running"

    def status_line(self, today: dt.date) -> str:
        """Today's line: "Experiment: day 3 of 'at most 1 cup' (block 2 of 6)"."""
        state = self.state(today)
        label = _(self.factor_label)
        label = label if language() == "de" else label.lower()  # German nouns keep capitals
        if state == "planned":
            return _("Experiment on {factor} starts on {date} with '{condition}'.").format(
                factor=label,
                date=format_date(self.start),
                condition=_(self.condition_words(self.conditions()[0])),
            )
        if state == "paused":
            return _("Experiment on {factor} is paused; resume it when ready.").format(factor=label)
        if state == "stopped" and self.stopped is not None:
            return _("Experiment on {factor} stopped on {date}.").format(
                factor=label, date=format_date(self.stopped)
            )
        if state == "finished" and self.end is not None:
            return _("Experiment on {factor} finished on {date}.").format(
                factor=label, date=format_date(self.end)
            )
        k = self.plan_day(today)
        assert k is not None
        block, day = divmod(k, self.block_days)
        values = {
            "day": day + 1,
            "condition": _(self.condition_words(self.conditions()[block])),
            "block": block + 1,
            "blocks": self.n_blocks,
        }
        if day < self.washout_days:
            return _(
                "Experiment: day {day} of '{condition}' (block {block} of {blocks}) — "
                "settling-in day, not analysed"
            ).format(**values)
        return _("Experiment: day {day} of '{condition}' (block {block} of {blocks})").format(
            **values
        )

    def analysed(self, k: int) -> bool:
        """Whether schedule day `k` counts (not one of a block's first washout days)."""
        return k % self.block_days >= self.washout_days
