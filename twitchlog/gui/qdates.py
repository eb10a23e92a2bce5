"""Qt dates ↔ Python dates, typed (PySide6's QDate.toPython() is declared to return object)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
