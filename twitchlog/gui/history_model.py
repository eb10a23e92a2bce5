"""Table models over plain records (episodes, check-in days): no widgets per row."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from twitchlog import catalog
from twitchlog.diary.records import Day, Episode, Factor
from twitchlog.gui.translate import clock, format_date
from twitchlog.i18n import N_, _

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
R = TypeVar("R")


def fmt_duration(seconds: int | None) -> str:
    if not seconds:
        return ""
    m, s = divmod(seconds, 60)
    if not m:
        return f"{s} s"
    return f"{m} min {s:02d} s" if s else f"{m} min"


class RecordModel(QAbstractTableModel, Generic[R]):
    """Shared plumbing: a list of frozen records and a tuple of column headings."""

    headings: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[R] = []

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _(self.headings[section])
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self.cell(self.rows[index.row()], index.column())
        return None

    def cell(self, record: R, column: int) -> str:
        raise NotImplementedError


class EpisodeModel(RecordModel[Episode]):
    headings = (
        N_("When"),
        N_("Diary day"),
        N_("Severity"),
        N_("Duration"),
        N_("Where"),
        N_("Warning signs"),
        N_("Note"),
    )

    def cell(self, e: Episode, column: int) -> str:
        return (
            f"{format_date(e.started_at.date())} {clock(e.started_at)}",
            format_date(e.diary_date),
            str(e.severity),
            fmt_duration(e.duration_s),
            ", ".join(p.words for p in e.places),
            ", ".join(_(catalog.SIGNS.get(s, s)) for s in e.signs),
            e.notes,
        )[column]


class DayModel(RecordModel[Day]):
    """One row per check-in; a factor not recorded that day shows as an empty cell."""

    def __init__(self) -> None:
        super().__init__()
        self.factors: list[Factor] = []
        self.counts: dict[dt.date, int] = {}

    def set_days(self, days: list[Day], factors: list[Factor], counts: dict[dt.date, int]) -> None:
        self.beginResetModel()
        self.factors = factors
        self.headings = (N_("Day"), N_("Twitches"), N_("Note"), *(f.heading for f in factors))
        self.rows = list(days)
        self.counts = counts
        self.endResetModel()

    def cell(self, d: Day, column: int) -> str:
        if column == 0:
            return format_date(d.date)
        if column == 1:
            n = self.counts.get(d.date, 0)
            return _("none (checked)") if d.no_twitches else str(n)
        if column == 2:
            return d.note
        factor = self.factors[column - 3]
        value = d.values.get(factor.key)
        return "" if value is None else factor.format_value(value)
