"""Load the diary into the plain arrays the analysis and charts work on.

The per-day totals, the observed days and the place and sign counts come from
`diary.summaries` (the same aggregates as the doctor's table), so ten years load in
milliseconds and analysis/charts never see the database. Per-row columns (episodes,
factor values) come back as plain text and become arrays in one numpy call each.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from twitchlog import catalog
from twitchlog.analysis.data import DailyData, EpisodePoints, FactorInfo, TreatmentInfo
from twitchlog.db.lite import Source, date_range, dbapi
from twitchlog.diary.factors import list_factors
from twitchlog.diary.injections import all_treatments
from twitchlog.diary.summaries import (
    day_totals,
    entries,
    factor_values,
    observed_dates,
    place_of,
    places_by_day,
    resolve_range,
    signs_by_day,
)


def _columns(chunks: Iterable[list[tuple[Any, ...]]], width: int) -> list[list[Any]]:
    """Rows, a chunk at a time, as one list per column (no row kept as an object)."""
    cols: list[list[Any]] = [[] for _ in range(width)]
    for chunk in chunks:
        for col, values in zip(cols, zip(*chunk, strict=True), strict=True):
            col.extend(values)
    return cols


def _day_numbers(values: list[str], start: dt.date) -> np.ndarray:
    """ISO dates as day offsets from `start`."""
    days = np.array(values, dtype="datetime64[D]")
    return (days - np.datetime64(start, "D")).astype(np.int64)


def load_daily_data(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> DailyData:
    """One row per calendar day from start to end (defaults: the whole diary)."""
    conn = dbapi(source)
    rng = resolve_range(conn, start, end)
    factors = list_factors(conn)
    info = {f.key: _info(f.key, f.label, f.kind, f.unit, f.category) for f in factors}
    if rng is None:
        empty = np.array([], dtype="datetime64[D]")
        z = np.zeros(0)
        return DailyData(empty, np.zeros(0, bool), z, z, z, {}, info, ())
    lo, hi = rng
    n = (hi - lo).days + 1
    dates = np.arange(np.datetime64(lo, "D"), np.datetime64(hi, "D") + 1)
    observed = np.zeros(n, bool)
    observed[_day_numbers(observed_dates(conn, lo, hi), lo)] = True
    episodes, severity, minutes = np.zeros(n), np.zeros(n), np.zeros(n)
    totals = day_totals(conn, lo, hi)
    if totals:
        day_col, count_col, _top, _mean, sum_col, seconds_col = zip(*totals, strict=True)
        idx = _day_numbers(list(day_col), lo)
        episodes[idx] = count_col
        severity[idx] = sum_col
        minutes[idx] = np.array(seconds_col, dtype=float) / 60.0
    by_id = {f.id: f.key for f in factors}
    values: dict[str, np.ndarray] = {}
    days, ids, vals = _columns(factor_values(conn, lo, hi), 3)
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
        TreatmentInfo(t.name, t.kind, t.start, t.end, t.dose, t.unit) for t in all_treatments(conn)
    )
    return DailyData(dates, observed, episodes, severity, minutes, values, info, treatments)


def _info(key: str, label: str, kind: str, unit: str, category: str) -> FactorInfo:
    d = catalog.BUILTIN_BY_KEY.get(key)
    if d is None:
        return FactorInfo(key, label, kind, unit, category)
    return FactorInfo(
        key, label, kind, unit, category, d.high_below, d.high_from, d.slow, d.evening
    )


def _episode_rows(
    conn: sqlite3.Connection, start: dt.date | None, end: dt.date | None
) -> Iterable[list[tuple[Any, ...]]]:
    clause, params = date_range("diary_date", start, end)
    cur = conn.execute(
        "SELECT diary_date, started_utc, utc_offset_min, severity, duration_s "
        f"FROM episode {clause}",
        params,
    )
    while rows := cur.fetchmany(500):
        yield rows


def load_episode_points(
    source: Source, start: dt.date | None = None, end: dt.date | None = None
) -> EpisodePoints:
    """Every episode in the range as arrays, plus place and warning-sign counts."""
    conn = dbapi(source)
    date_col, utc_col, offset_col, sev_col, dur_col = _columns(_episode_rows(conn, start, end), 5)
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
        felt: Counter[str] = Counter()
        for _day, text in places_by_day(conn, start, end):
            felt.update(entries(text))
        places = {place_of(entry): count for entry, count in felt.items()}
        marked: Counter[str] = Counter()
        for _day, text in signs_by_day(conn, start, end):
            marked.update(entries(text))
        signs = dict(marked)
    return EpisodePoints(dates, hours, weekend, sev, dur, places, signs)
