"""Load the diary into the plain arrays the analysis and charts work on.

Aggregation runs in SQL (one GROUP BY per table) so ten years load in milliseconds,
and analysis/charts never see the database. Per-row columns (episodes, factor values)
come back as plain text and become arrays in one numpy call each, not one Python
object per row.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from twitchlog import catalog
from twitchlog.analysis.data import DailyData, EpisodePoints, FactorInfo, TreatmentInfo
from twitchlog.db import models as m
from twitchlog.diary.factors import list_factors
from twitchlog.diary.injections import all_treatments
from twitchlog.diary.summaries import resolve_range


def _index(days: list[dt.date], start: dt.date) -> np.ndarray:
    return np.array([(d - start).days for d in days], dtype=np.int64)


def _as_text(column):  # type: ignore[no-untyped-def]
    """The column without SQLAlchemy's per-row date parsing (numpy parses them at once)."""
    return type_coerce(column, String)


def _columns(session: Session, query) -> list[list]:  # type: ignore[no-untyped-def]
    """The query's result as one list per column, via Core, a chunk of rows at a time.

    Holding every row at once makes Python's full garbage collection run, and with
    matplotlib and scipy loaded that walks ~150k objects: two thirds of the load time.
    """
    cols: list[list] = [[] for _ in query.selected_columns]
    for chunk in session.connection().execute(query).partitions(500):
        for col, values in zip(cols, zip(*chunk, strict=True), strict=True):
            col.extend(values)
    return cols


def _day_numbers(values: list, start: dt.date) -> np.ndarray:
    """ISO dates (text, or date objects on other backends) as day offsets from `start`."""
    days = np.array(values, dtype="datetime64[D]")
    return (days - np.datetime64(start, "D")).astype(np.int64)


def load_daily_data(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> DailyData:
    """One row per calendar day from start to end (defaults: the whole diary)."""
    rng = resolve_range(session, start, end)
    factors = list_factors(session)
    info = {f.key: _info(f.key, f.label, f.kind, f.unit, f.category) for f in factors}
    if rng is None:
        empty = np.array([], dtype="datetime64[D]")
        z = np.zeros(0)
        return DailyData(empty, np.zeros(0, bool), z, z, z, {}, info, ())
    lo, hi = rng
    n = (hi - lo).days + 1
    dates = np.arange(np.datetime64(lo, "D"), np.datetime64(hi, "D") + 1)
    observed = np.zeros(n, bool)
    (day_dates,) = _columns(session, select(_as_text(m.Day.date)).where(m.Day.date.between(lo, hi)))
    observed[_day_numbers(day_dates, lo)] = True
    episodes, severity, minutes = np.zeros(n), np.zeros(n), np.zeros(n)
    agg = session.execute(
        select(
            m.Episode.diary_date,
            func.count(),
            func.sum(m.Episode.severity),
            func.coalesce(func.sum(m.Episode.duration_s), 0),
        )
        .where(m.Episode.diary_date.between(lo, hi))
        .group_by(m.Episode.diary_date)
    ).all()
    if agg:
        idx = _index([r[0] for r in agg], lo)
        episodes[idx] = [r[1] for r in agg]
        severity[idx] = [r[2] for r in agg]
        minutes[idx] = [r[3] / 60.0 for r in agg]
    by_id = {f.id: f.key for f in factors}
    values: dict[str, np.ndarray] = {}
    ids, days, vals = _columns(
        session,
        select(m.FactorValue.factor_id, _as_text(m.Day.date), m.FactorValue.value)
        .join(m.Day, m.Day.id == m.FactorValue.day_id)
        .where(m.Day.date.between(lo, hi)),
    )
    fid = np.array(ids, dtype=np.int64)
    at = _day_numbers(days, lo)
    val = np.array(vals, dtype=float)
    # In order of first appearance, as the rows came (the dict order callers have seen).
    _, first = np.unique(fid, return_index=True)
    for factor_id in fid[np.sort(first)].tolist():
        mine = fid == factor_id
        arr = values[by_id[factor_id]] = np.full(n, np.nan)
        arr[at[mine]] = val[mine]
    treatments = tuple(
        TreatmentInfo(t.name, t.kind, t.start, t.end, t.dose, t.unit)
        for t in all_treatments(session)
    )
    return DailyData(dates, observed, episodes, severity, minutes, values, info, treatments)


def _info(key: str, label: str, kind: str, unit: str, category: str) -> FactorInfo:
    d = catalog.BUILTIN_BY_KEY.get(key)
    if d is None:
        return FactorInfo(key, label, kind, unit, category)
    return FactorInfo(
        key, label, kind, unit, category, d.high_below, d.high_from, d.slow, d.evening
    )


def load_episode_points(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> EpisodePoints:
    """Every episode in the range as arrays, plus place and warning-sign counts."""
    q = select(
        _as_text(m.Episode.diary_date),
        _as_text(m.Episode.started_utc),
        m.Episode.utc_offset_min,
        m.Episode.severity,
        m.Episode.duration_s,
    )
    if start:
        q = q.where(m.Episode.diary_date >= start)
    if end:
        q = q.where(m.Episode.diary_date <= end)
    date_col, utc_col, offset_col, sev_col, dur_col = _columns(session, q)
    n = len(date_col)
    dates = np.array(date_col, dtype="datetime64[D]")
    utc = np.array(utc_col, dtype="datetime64[us]")
    local = utc.astype("datetime64[m]") + np.array(offset_col, dtype=np.int64)
    local_day = local.astype("datetime64[D]")
    minutes = (local - local_day).astype(np.int64)
    hours = minutes // 60 + (minutes % 60) / 60  # local.hour + local.minute / 60
    weekend = (local_day.astype(np.int64) + 3) % 7 >= 5  # 1970-01-01 was a Thursday
    sev = np.array(sev_col, dtype=np.int64)
    dur = np.array(dur_col, dtype=float)  # None (not measured) becomes NaN
    places: dict[tuple[str, str], int] = {}
    signs: dict[str, int] = {}
    if n:
        pq = (
            select(m.EpisodeRegion.side, m.EpisodeRegion.region, func.count())
            .join(m.Episode, m.Episode.id == m.EpisodeRegion.episode_id)
            .group_by(m.EpisodeRegion.side, m.EpisodeRegion.region)
        )
        sq = (
            select(m.EpisodeSign.sign, func.count())
            .join(m.Episode, m.Episode.id == m.EpisodeSign.episode_id)
            .group_by(m.EpisodeSign.sign)
        )
        if start:
            pq, sq = (
                pq.where(m.Episode.diary_date >= start),
                sq.where(m.Episode.diary_date >= start),
            )
        if end:
            pq, sq = pq.where(m.Episode.diary_date <= end), sq.where(m.Episode.diary_date <= end)
        places = {(s, r): int(c) for s, r, c in session.execute(pq)}
        signs = {s: int(c) for s, c in session.execute(sq)}
    return EpisodePoints(dates, hours, weekend, sev, dur, places, signs)
