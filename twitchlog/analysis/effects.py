"""The headline effect in the person's own units: "high" days against "low" days.

A correlation means little to a person; "2.4 episodes a day against 1.3" does. This
module owns how a factor's days are split into high and low, and the approximate
interval of the ratio and difference of the two group means.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twitchlog.analysis.data import FactorInfo


@dataclass(frozen=True)
class Split:
    """How a factor's values are split: `high` when value `op` `threshold`.

    The words for it ("≥ 300 mg", "any alcohol") are sentences.split_words.
    """

    op: str  # ">=", ">", "<"
    threshold: float
    from_median: bool = False

    def high(self, values: np.ndarray) -> np.ndarray:
        """Boolean "high day" mask (NaN values are False; callers pair first)."""
        v = np.asarray(values, dtype=float)
        with np.errstate(invalid="ignore"):
            if self.op == ">=":
                return v >= self.threshold
            if self.op == ">":
                return v > self.threshold
            return v < self.threshold


def choose_split(values: np.ndarray, info: FactorInfo) -> Split | None:
    """The split for one factor, from the recorded (non-NaN) values in the window.

    yes/no: yes vs no. Numbers with a catalog threshold: that threshold (high_from is
    "≥", high_below is "<"). Otherwise the person's median: "≥ median" unless that
    leaves no low group (many values tied at the minimum, e.g. zero-inflated drinks),
    in which case "> median"; of the two, the one with the larger smaller group wins,
    so heavy ties never produce an empty or tiny group when a better split exists.
    Returns None when nothing was recorded.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if info.kind == "yesno":
        return Split(">=", 0.5)
    if info.high_from is not None:
        return Split(">=", float(info.high_from))
    if info.high_below is not None:
        return Split("<", float(info.high_below))
    if v.size == 0:
        return None
    med = float(np.median(v))
    n_ge = int(np.count_nonzero(v >= med))
    n_gt = int(np.count_nonzero(v > med))
    smaller_ge = min(n_ge, v.size - n_ge)
    smaller_gt = min(n_gt, v.size - n_gt)
    if smaller_gt > smaller_ge:
        return Split(">", med, from_median=True)
    return Split(">=", med, from_median=True)


@dataclass(frozen=True)
class Effect:
    high_mean: float
    low_mean: float
    high_days: int
    low_days: int
    ratio: float
    ratio_ci: tuple[float, float]
    difference: float
    difference_ci: tuple[float, float]
    design_effect: float


def group_effect(y: np.ndarray, high: np.ndarray, deff: float, level: float = 0.95) -> Effect:
    """Mean outcome on high vs low days, ratio and difference with approximate intervals.

    Why this interval: the log-ratio delta method, Var(log r) ≈ s_h²/(n_h·m_h²) +
    s_l²/(n_l·m_l²), uses each group's *sample* variance, so over-dispersed counts (many
    quiet days, a few bad ones) widen it by themselves, as a quasi-Poisson model would.
    Days are not independent, so the variance is multiplied by a Bartlett design effect
    `deff` (see stats.design_effect) and the t quantile uses n/deff − 2 df. It is still
    approximate (the delta method is rough for small means; block-bootstraps came out
    too narrow in simulation), which the wording says. A group mean of 0 is floored at
    0.5 events over that group for the interval only.
    """
    from scipy.stats import t as t_dist

    y = np.asarray(y, dtype=float)
    high = np.asarray(high, dtype=bool)
    yh, yl = y[high], y[~high]
    nh, nl = int(yh.size), int(yl.size)
    nan2 = (float("nan"), float("nan"))
    if nh == 0 or nl == 0:
        mh = float(yh.mean()) if nh else float("nan")
        ml = float(yl.mean()) if nl else float("nan")
        return Effect(mh, ml, nh, nl, float("nan"), nan2, float("nan"), nan2, deff)
    mh, ml = float(yh.mean()), float(yl.mean())
    vh = float(yh.var(ddof=1)) if nh > 1 else 0.0
    vl = float(yl.var(ddof=1)) if nl > 1 else 0.0
    n = nh + nl
    df = max(n / deff - 2.0, 2.0)
    tq = float(t_dist.ppf(0.5 + level / 2.0, df))
    diff = mh - ml
    se_d = float(np.sqrt(deff * (vh / nh + vl / nl)))
    diff_ci = (diff - tq * se_d, diff + tq * se_d)
    if ml <= 0 and mh <= 0:
        return Effect(mh, ml, nh, nl, float("nan"), nan2, diff, diff_ci, deff)
    mh_f = max(mh, 0.5 / nh)
    ml_f = max(ml, 0.5 / nl)
    vh_f = vh if mh > 0 else mh_f  # Poisson-like variance for an all-zero group
    vl_f = vl if ml > 0 else ml_f
    se_log = float(np.sqrt(deff * (vh_f / (nh * mh_f**2) + vl_f / (nl * ml_f**2))))
    log_r = np.log(mh_f / ml_f)
    ratio = mh / ml if ml > 0 else float("nan")
    lo = 0.0 if mh <= 0 else float(np.exp(log_r - tq * se_log))
    hi = float(np.exp(log_r + tq * se_log)) if ml > 0 else float("nan")
    return Effect(mh, ml, nh, nl, ratio, (lo, hi), diff, diff_ci, deff)


def adjusted_effect(
    y: np.ndarray,
    high: np.ndarray,
    strata: np.ndarray,
    epoch_days: np.ndarray,
    level: float = 0.95,
) -> Effect:
    """High vs low days compared *within* each stratum (28-day block × weekday/weekend).

    The ratio is the Mantel–Haenszel rate ratio: Σ_s Y_hs·n_ls/n_s ÷ Σ_s Y_ls·n_hs/n_s,
    so a month that was bad for other reasons, or a weekday pattern, cannot make a
    factor look like a trigger. Its interval comes from the estimating equation of that
    ratio: each day's contribution (its residual from its stratum's fitted level, times
    its MH weight) is summed; the variance of that sum is the larger of the Bartlett
    correction for days resembling their neighbours (as the test) and the
    cluster-robust variance over 28-day blocks, with a t quantile on at most
    blocks − 1 df. Over-dispersion enters through the
    observed residuals. The means shown are the raw group means (what the person
    logged); `difference` is the low-day mean times (ratio − 1), in the same units.
    """
    from scipy.stats import t as t_dist

    from twitchlog.analysis.stats import calendar_autocorr, calendar_groups

    y = np.asarray(y, dtype=float)
    high = np.asarray(high, dtype=bool)
    nh_all, nl_all = int(high.sum()), int((~high).sum())
    mh = float(y[high].mean()) if nh_all else float("nan")
    ml = float(y[~high].mean()) if nl_all else float("nan")
    nan2 = (float("nan"), float("nan"))
    empty = Effect(mh, ml, nh_all, nl_all, float("nan"), nan2, float("nan"), nan2, 1.0)
    if nh_all == 0 or nl_all == 0:
        return empty
    s = np.asarray(strata, dtype=np.int64)
    s = s - s.min()
    nh = np.bincount(s, weights=high.astype(float))
    nl = np.bincount(s, weights=(~high).astype(float))
    ns = nh + nl
    yh = np.bincount(s, weights=np.where(high, y, 0.0))
    yl = np.bincount(s, weights=np.where(high, 0.0, y))
    both = (nh > 0) & (nl > 0)
    if not both.any():
        return empty
    inv = np.divide(1.0, ns, out=np.zeros_like(ns), where=both)
    num = float(np.sum(yh * nl * inv))
    den = float(np.sum(yl * nh * inv))
    wsum_h = float(np.sum(nh * nl * inv))  # weight of one event
    ratio = num / den if den > 0 else float("nan")
    if num <= 0 and den <= 0:
        return empty
    # Floors for the interval only (no episodes at all on one side).
    num_f = max(num, 0.5 * wsum_h / max(float(nh[both].sum()), 1.0))
    den_f = max(den, 0.5 * wsum_h / max(float(nl[both].sum()), 1.0))
    rr = num_f / den_f
    mu = np.divide(yh + yl, nh * rr + nl, out=np.zeros_like(ns), where=(nh * rr + nl) > 0)
    fitted = mu[s] * np.where(high, rr, 1.0)
    w = np.where(high, nl[s] * inv[s], -rr * nh[s] * inv[s])
    w = np.where(both[s], w, 0.0)
    e = np.where(both[s], y - fitted, 0.0)
    u = w * e
    n = y.size
    n_strata = int(both.sum())
    var_u = float(np.dot(u, u)) * n / max(n - n_strata - 1, 1)
    deff = 1.0
    if n >= 10:
        ac = calendar_autocorr(np.vstack([w, e]), epoch_days, n // 5)
        deff = float(np.clip(1.0 + 2.0 * float(np.dot(ac[0], ac[1])), 1.0, max(n / 4.0, 1.0)))
    var_u *= deff
    df = max(n / deff - n_strata - 1.0, 2.0)
    blk = calendar_groups(epoch_days)[0]
    blk = blk - blk.min()
    sums = np.bincount(blk, weights=u)
    n_blocks = int(np.count_nonzero(np.bincount(blk)))
    if n_blocks >= 3:
        # Cluster-robust by 28-day block: catches persistence the Bartlett sum misses.
        var_u = max(var_u, float(np.dot(sums, sums)) * n_blocks / (n_blocks - 1))
        df = max(min(df, n_blocks - 1.0), 2.0)
        deff = var_u / max(float(np.dot(u, u)), 1e-300)
    se_log = float(np.sqrt(var_u)) / (rr * den_f) if rr * den_f > 0 else float("nan")
    tq = float(t_dist.ppf(0.5 + level / 2.0, df))
    log_r = float(np.log(rr))
    lo = 0.0 if num <= 0 else float(np.exp(log_r - tq * se_log))
    hi = float(np.exp(log_r + tq * se_log)) if den > 0 else float("nan")
    base = ml if np.isfinite(ml) else float("nan")
    diff = base * (ratio - 1.0) if np.isfinite(ratio) else float("nan")
    diff_ci = (base * (lo - 1.0), base * (hi - 1.0))
    return Effect(mh, ml, nh_all, nl_all, ratio, (lo, hi), diff, diff_ci, deff)
