"""Load the diary into the plain arrays the analysis and charts work on.

Aggregation runs in SQL (one GROUP BY per table) so ten years load in milliseconds,
and analysis/charts never see the database.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twitchlog import catalog
from twitchlog.analysis.data import DailyData, EpisodePoints, FactorInfo, TreatmentInfo
from twitchlog.db import models as m
from twitchlog.diary.factors import list_factors
from twitchlog.diary.summaries import resolve_range
from twitchlog.diary.treatments import list_treatments


def _index(days: list[dt.date], start: dt.date) -> np.ndarray:
    return np.array([(d - start).days for d in days], dtype=np.int64)


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
    day_rows = session.execute(select(m.Day.id, m.Day.date).where(m.Day.date.between(lo, hi)))
    day_index: dict[int, int] = {}
    for day_id, date in day_rows:
        i = (date - lo).days
        observed[i] = True
        day_index[day_id] = i
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
    rows = session.execute(
        select(m.FactorValue.factor_id, m.Day.date, m.FactorValue.value)
        .join(m.Day, m.Day.id == m.FactorValue.day_id)
        .where(m.Day.date.between(lo, hi))
    )
    for factor_id, date, value in rows:
        key = by_id[factor_id]
        arr = values.get(key)
        if arr is None:
            arr = values[key] = np.full(n, np.nan)
        arr[(date - lo).days] = value
    treatments = tuple(
        TreatmentInfo(t.name, t.kind, t.start, t.end, t.dose, t.unit)
        for t in list_treatments(session)
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
        m.Episode.id,
        m.Episode.diary_date,
        m.Episode.started_utc,
        m.Episode.utc_offset_min,
        m.Episode.severity,
        m.Episode.duration_s,
    )
    if start:
        q = q.where(m.Episode.diary_date >= start)
    if end:
        q = q.where(m.Episode.diary_date <= end)
    rows = session.execute(q).all()
    n = len(rows)
    dates = np.empty(n, dtype="datetime64[D]")
    hours, weekend = np.empty(n), np.zeros(n, bool)
    sev, dur = np.empty(n, dtype=np.int64), np.full(n, np.nan)
    for i, (_id, date, utc, offset, severity, duration) in enumerate(rows):
        local = utc + dt.timedelta(minutes=offset)
        dates[i] = np.datetime64(date, "D")
        hours[i] = local.hour + local.minute / 60
        weekend[i] = local.weekday() >= 5
        sev[i] = severity
        if duration is not None:
            dur[i] = duration
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
