"""The headline effect in the person's own units: "high" days against "low" days.

A correlation means little to a person; "2.4 twitches a day against 1.3" does. This
module owns how a factor's days are split into high and low, and the approximate
interval of the ratio and difference of the two group means.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twitchlog.analysis.data import FactorInfo


@dataclass(frozen=True)
class Split:
    """How a factor's values are split: `high` when value `op` `threshold`."""

    op: str  # ">=", ">", "<"
    threshold: float
    text: str  # e.g. "≥ 300 mg", "< 6 h", "yes", "> median 2"
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


def fmt_num(v: float) -> str:
    """A number as a person writes it: 6, 1.5, 300, 2.25 → 2.25 (no trailing zeros)."""
    if not np.isfinite(v):
        return "?"
    if abs(v) >= 1e6:
        return f"{v:.3g}"
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


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
    unit = f" {info.unit}" if info.unit and info.kind != "scale" else ""
    if info.kind == "yesno":
        return Split(">=", 0.5, "yes")
    if info.high_from is not None:
        return Split(">=", float(info.high_from), f"≥ {fmt_num(info.high_from)}{unit}")
    if info.high_below is not None:
        return Split("<", float(info.high_below), f"< {fmt_num(info.high_below)}{unit}")
    if v.size == 0:
        return None
    med = float(np.median(v))
    n_ge = int(np.count_nonzero(v >= med))
    n_gt = int(np.count_nonzero(v > med))
    smaller_ge = min(n_ge, v.size - n_ge)
    smaller_gt = min(n_gt, v.size - n_gt)
    if smaller_gt > smaller_ge:
        return Split(">", med, f"> median {fmt_num(med)}{unit}", from_median=True)
    return Split(">=", med, f"≥ median {fmt_num(med)}{unit}", from_median=True)


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
