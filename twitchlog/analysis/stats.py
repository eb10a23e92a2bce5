"""The honest test statistic: within-month rank correlation with a Bartlett effective n.

See docs/statistics.md. A diary is one autocorrelated, drifting time series, so a
plain Spearman p-value is far too optimistic. Here each day's rank is compared with the
mean rank of its 28-day block (removing seasons and slow drifts), and the remaining
autocorrelation is paid for with Bartlett's effective sample size.

Everything takes plain numpy arrays; scipy is imported inside the functions that need it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BLOCK_DAYS = 28
"""Length of the blocks that define "your usual level that month"."""


def average_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties given their average rank (as scipy.stats.rankdata).

    Small non-negative whole numbers (episode counts, yes/no, 0–10 scales) are ranked by
    counting, in linear time; anything else goes to scipy.
    """
    x = np.asarray(x, dtype=float)
    if x.size and x.min() >= 0 and x.max() <= 4 * x.size + 64:
        xi = x.astype(np.int64)
        if np.array_equal(xi, x):
            counts = np.bincount(xi)
            below = np.cumsum(counts) - counts  # values smaller than each value
            return (below + (counts + 1) / 2.0)[xi]
    from scipy.stats import rankdata

    ranks: np.ndarray = rankdata(x).astype(float)
    return ranks


def _corr_centered(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of two mean-zero series; NaN when either has no spread."""
    saa = float(np.dot(a, a))
    sbb = float(np.dot(b, b))
    if saa <= 0.0 or sbb <= 0.0:
        return float("nan")
    r = float(np.dot(a, b)) / np.sqrt(saa * sbb)
    return float(np.clip(r, -1.0, 1.0))


def _group_residuals(values: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`values` minus the mean of their group (groups numbered 0..G−1).

    NaN values are left out of their group's mean and come back as 0 (the group's usual
    level), so a missing covariate neither helps nor hurts."""
    ok = np.isfinite(values)
    v0 = np.where(ok, values, 0.0)
    counts = np.bincount(b, weights=ok.astype(float))
    sums = np.bincount(b, weights=v0)
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    return np.where(ok, values - means[b], 0.0)


EPOCH_MONDAY = 3
"""Days from Monday 1969-12-29 to 1970-01-01: block and weekday arithmetic on epoch days."""


def calendar_groups(epoch_days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """28-day block and block × weekday/weekend group of each day (days since 1970-01-01).

    Blocks are anchored on the calendar (Mondays from 1969-12-29), not on the first day
    loaded, so the same day is in the same block whatever range is analysed.
    """
    d = np.asarray(epoch_days, dtype=np.int64) + EPOCH_MONDAY
    block = d // BLOCK_DAYS
    weekend = (d % 7) >= 5
    return block, block * 2 + weekend


def rank_with_gaps(x: np.ndarray) -> np.ndarray:
    """Average ranks of the finite values; NaN stays NaN."""
    x = np.asarray(x, dtype=float)
    out = np.full(x.shape, np.nan)
    ok = np.isfinite(x)
    if ok.any():
        out[ok] = average_ranks(x[ok])
    return out


@dataclass(frozen=True)
class Partial:
    """A within-month partial rank correlation before its p-value.

    `n_eff` is Bartlett's effective n of the two residual series, already reduced by the
    degrees of freedom the groups and covariates used up.
    """

    n: int
    rho: float  # plain Spearman on the pairs (shown for transparency)
    rho_within: float  # partial, within block × weekday/weekend
    n_eff: float


def partial_within(
    x: np.ndarray,
    y: np.ndarray,
    epoch_days: np.ndarray,
    covariates: tuple[np.ndarray, ...] = (),
    rho_x: np.ndarray | None = None,
) -> Partial:
    """Rank x and y, remove each block × weekday/weekend group's mean rank, regress out
    the (ranked, equally centred) covariates, and correlate what remains.

    x, y: paired values (finite); covariates: same length, NaN where unknown (then they
    count as the group's usual level). `rho_x`: values whose plain Spearman rho with y
    is reported instead of x's (the analysis tests the high/low indicator). The Bartlett
    n_eff is computed on the residual series over calendar positions, then reduced by
    the groups and covariates fitted.
    """
    n = len(x)
    nan = float("nan")
    if n < 3:
        return Partial(n, nan, nan, nan)
    rx = average_ranks(x)
    ry = average_ranks(y)
    if rho_x is not None:  # the plain Spearman rho of other values (shown, not tested)
        r0 = average_ranks(rho_x)
        rho = _corr_centered(r0 - r0.mean(), ry - ry.mean())
    else:
        rho = _corr_centered(rx - rx.mean(), ry - ry.mean())
    _, groups = calendar_groups(epoch_days)
    g = groups - groups.min()  # small integers; empty ones drop out of bincount sums
    n_groups = int(np.count_nonzero(np.bincount(g)))
    ex = _group_residuals(rx, g)
    ey = _group_residuals(ry, g)
    k = 0
    if covariates:
        z = np.column_stack([_group_residuals(rank_with_gaps(c), g) for c in covariates])
        keep = np.abs(z).sum(axis=0) > 0
        z = z[:, keep]
        k = int(z.shape[1])
        if k:
            both = np.column_stack([ex, ey])
            gram = z.T @ z
            try:
                coef = np.linalg.solve(gram, z.T @ both)
            except np.linalg.LinAlgError:  # collinear covariates
                coef, *_ = np.linalg.lstsq(z, both, rcond=None)
            res = both - z @ coef
            ex, ey = res[:, 0], res[:, 1]
    rw = _corr_centered(ex, ey)
    if not np.isfinite(rw):
        return Partial(n, rho, rw, nan)
    acf = calendar_autocorr(np.vstack([ex, ey]), epoch_days, n // 5)
    n_eff = bartlett_n_eff(acf[0], acf[1], n)
    used = n_groups + k
    n_eff *= max(n - used, 1) / n
    return Partial(n, rho, rw, float(max(n_eff, min(4.0, n))))


def simes(p: np.ndarray) -> float:
    """Simes' combined p-value of one family (NaN entries ignored; NaN if none left)."""
    p = np.sort(np.asarray(p, dtype=float)[np.isfinite(p)])
    if p.size == 0:
        return float("nan")
    m = p.size
    return float(min(1.0, np.min(p * m / np.arange(1, m + 1))))


def calendar_autocorr(series: np.ndarray, positions: np.ndarray, max_lag: int) -> np.ndarray:
    """Autocorrelations r(1..max_lag) of mean-zero series observed on calendar `positions`.

    Each row of `series` (shape (m, n) or (n,)) is one series. Gaps stay gaps: lag k
    always means k calendar days apart, and r(k) averages only over the day pairs that
    are both present (divided by the lag-0 variance). Closing the gaps up instead would
    treat days a week apart as neighbours and blur the persistence we need to pay for.
    Lags with fewer than 5 available pairs are set to 0 (too noisy to use).
    """
    s = np.atleast_2d(np.asarray(series, dtype=float))
    m_series, n = s.shape
    out = np.zeros((m_series, max(max_lag, 0)))
    if n < 2 or max_lag < 1:
        return out if np.ndim(series) > 1 else out[0]
    pos = np.asarray(positions, dtype=np.int64)
    pos = pos - pos[0]
    span = int(pos[-1]) + 1
    nfft = 1 << int(np.ceil(np.log2(2 * span)))
    grid = np.zeros((m_series + 1, span))
    grid[:m_series, pos] = s
    grid[m_series, pos] = 1.0
    f = np.fft.rfft(grid, n=nfft, axis=1)
    ac = np.fft.irfft(f * np.conj(f), n=nfft, axis=1)[:, : max_lag + 1]
    pairs = np.rint(ac[m_series])
    var0 = ac[:m_series, 0] / n
    ok = pairs[1:] >= 5
    with np.errstate(invalid="ignore", divide="ignore"):
        r = ac[:m_series, 1:] / np.where(ok, pairs[1:], 1.0) / var0[:, None]
    r = np.where(ok[None, :] & (var0[:, None] > 0), r, 0.0)
    out[:, : r.shape[1]] = np.clip(r, -1.0, 1.0)
    return out if np.ndim(series) > 1 else out[0]


def bartlett_n_eff(r_a: np.ndarray, r_b: np.ndarray, n: int) -> float:
    """Bartlett's effective n for a correlation: 1/n_eff = 1/n + (2/n)·Σ r_a(k)·r_b(k).

    Sum over k = 1..n/5 (the caller passes that many lags). Clipped to [4, n]: negative
    sums would otherwise claim more information than there are days.
    """
    if n <= 0:
        return float("nan")
    k = min(len(r_a), len(r_b), n // 5)
    s = float(np.dot(r_a[:k], r_b[:k])) if k > 0 else 0.0
    inv = 1.0 / n + 2.0 / n * s
    n_eff = 1.0 / inv if inv > 0 else float(n)
    return float(np.clip(n_eff, min(4.0, n), n))


def correlation_test(
    rho: np.ndarray, n_eff: np.ndarray, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two-sided p from t = ρ·√((n_eff−2)/(1−ρ²)) on n_eff−2 df, and a Fisher-z interval.

    Vectorised over tests. Returns (p, lo, hi); NaN where rho is NaN or n_eff ≤ 3.
    """
    from scipy.stats import norm
    from scipy.stats import t as t_dist

    rho = np.asarray(rho, dtype=float)
    n_eff = np.asarray(n_eff, dtype=float)
    valid = np.isfinite(rho) & np.isfinite(n_eff) & (n_eff > 3)
    r = np.where(valid, np.clip(rho, -0.999999, 0.999999), 0.0)
    ne = np.where(valid, n_eff, 4.0)
    t = r * np.sqrt((ne - 2.0) / (1.0 - r * r))
    p = 2.0 * t_dist.sf(np.abs(t), ne - 2.0)
    z = np.arctanh(r)
    half = norm.ppf(0.5 + level / 2.0) / np.sqrt(ne - 3.0)
    lo, hi = np.tanh(z - half), np.tanh(z + half)
    nan = np.nan
    return np.where(valid, p, nan), np.where(valid, lo, nan), np.where(valid, hi, nan)


def bh_q(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg q-values (scipy.stats.false_discovery_control); NaN stays NaN."""
    from scipy.stats import false_discovery_control

    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if ok.any():
        q[ok] = false_discovery_control(np.clip(p[ok], 0.0, 1.0), method="bh")
    return q


def design_effect(a: np.ndarray, b: np.ndarray, day_index: np.ndarray) -> float:
    """Variance inflation 1 + 2·Σ r_a(k)·r_b(k) for a contrast of `b` between groups of `a`.

    Used for the approximate interval of the high/low ratio: the series are only centred
    on their overall mean (not on each month), so slow drifts shared by factor and
    outcome widen the interval of the raw contrast the person is shown. Clipped to
    [1, n/4], matching the [4, n] clip on n_eff.
    """
    n = len(a)
    if n < 5:
        return 1.0
    ac = calendar_autocorr(np.vstack([a - a.mean(), b - b.mean()]), day_index, n // 5)
    deff = 1.0 + 2.0 * float(np.dot(ac[0], ac[1]))
    return float(np.clip(deff, 1.0, max(n / 4.0, 1.0)))
