"""The result of an n-of-1 experiment: pure statistics over the days it covered.

Each pair of blocks gives one difference (mean outcome with the change minus as usual,
the washout days left out). Their mean has a t interval (pairs − 1 degrees of freedom),
which decides the verdict: under the design's own null hypothesis each difference is
equally likely to carry either sign, and for such symmetric differences the t test keeps
its level (Efron 1969; the simulation in tests/analysis/test_experiment_slow.py checks it
with persistent, drifting twitching). Beside it stands the exact randomisation p-value:
the share of the 2^pairs orders the design could have drawn that give a difference at
least as large — it assumes nothing, but with few pairs it cannot go below 2 / 2^pairs,
and the sentence says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import numpy as np

from twitchlog.analysis.data import DailyData
from twitchlog.analysis.experiment_plan import ADHERENCE_FLAG, KEPT_SCORE, Plan
from twitchlog.catalog import OUTCOME_PER_DAY
from twitchlog.i18n import N_, _, decimal_text, format_date, format_number, ngettext

MIN_DAYS_PER_BLOCK = 3
"""A block needs this many checked-in analysed days for its pair to count."""


# Verdicts stay English in the data (JSON); people read them through _().
CLEAR = N_("clear difference")
INCONCLUSIVE = N_("inconclusive")
NOT_ENOUGH = N_("not enough data")
IN_PROGRESS = N_("in progress")


@dataclass(frozen=True)
class BlockResult:
    number: int
    pair: int
    condition: str  # "A" changed, "B" usual
    mean: float | None  # mean outcome over checked-in analysed days
    days: int  # checked-in analysed days


@dataclass(frozen=True)
class PairResult:
    pair: int
    changed: BlockResult
    usual: BlockResult

    @property
    def complete(self) -> bool:
        return min(self.changed.days, self.usual.days) >= MIN_DAYS_PER_BLOCK

    @property
    def difference(self) -> float | None:
        """Changed minus usual (negative: fewer twitches with the change)."""
        if not self.complete or self.changed.mean is None or self.usual.mean is None:
            return None
        return self.changed.mean - self.usual.mean


@dataclass(frozen=True)
class ExperimentResult:
    plan: Plan
    state: str
    blocks: tuple[BlockResult, ...]
    pairs: tuple[PairResult, ...]
    mean_difference: float | None  # changed − usual, over complete pairs
    ci: tuple[float, float] | None
    p_value: float | None  # exact randomisation p over the 2^k within-pair orders
    orderings: int
    changed_mean: float | None
    usual_mean: float | None
    adherence: float | None  # mean of yes=1, partly=½, no=0 over answered days
    answered_days: int
    elapsed_days: int
    verdict: str
    sentences: tuple[str, ...] = field(default=())

    @property
    def complete_pairs(self) -> int:
        return sum(p.complete for p in self.pairs)

    @property
    def low_adherence(self) -> bool:
        return self.adherence is not None and self.adherence < ADHERENCE_FLAG


def randomisation_p(diffs: np.ndarray) -> float:
    """Exact two-sided p: the share of the 2^k sign flips with |mean| ≥ the observed one."""
    k = len(diffs)
    signs = np.array(list(itertools.product((1.0, -1.0), repeat=k)))
    means = np.abs(signs @ diffs) / k
    observed = abs(float(diffs.mean()))
    return float(np.mean(means >= observed - 1e-9 * max(1.0, observed)))


def t_interval(diffs: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    from scipy.stats import t

    k = len(diffs)
    half = float(t.ppf(0.5 + level / 2, k - 1)) * float(diffs.std(ddof=1)) / np.sqrt(k)
    centre = float(diffs.mean())
    return centre - half, centre + half


def analyse_experiment(
    plan: Plan, data: DailyData, kept: dict[dt.date, str], today: dt.date
) -> ExperimentResult:
    """Block means, pair differences, interval, exact p and adherence up to `today`."""
    state = plan.state(today)
    outcome = data.outcome(plan.outcome)
    last = today - dt.timedelta(days=1) if state in ("running", "paused") else today
    if plan.stopped is not None:
        last = min(last, plan.stopped - dt.timedelta(days=1))
    conds = plan.conditions()
    sums = np.zeros(plan.n_blocks)
    counts = np.zeros(plan.n_blocks, dtype=int)
    first_date = data.dates[0].astype(dt.date) if data.n_days else None
    elapsed = 0
    scores: list[float] = []
    # Adherence counts today's answer too; outcomes only whole days (today is not over).
    answered = today if plan.stopped is None else min(today, plan.stopped - dt.timedelta(days=1))
    for k in range(plan.total_days):
        day = plan.date_of(k)
        if day is None or day > answered:
            break
        if day in kept:
            scores.append(KEPT_SCORE[kept[day]])
        if day > last:
            break
        elapsed += 1
        if not plan.analysed(k) or first_date is None:
            continue
        i = (day - first_date).days
        if 0 <= i < data.n_days and not np.isnan(outcome[i]):
            sums[k // plan.block_days] += outcome[i]
            counts[k // plan.block_days] += 1
    blocks = tuple(
        BlockResult(
            b + 1,
            b // 2 + 1,
            conds[b],
            float(sums[b] / counts[b]) if counts[b] else None,
            int(counts[b]),
        )
        for b in range(plan.n_blocks)
    )
    pairs = []
    for p in range(plan.pairs):
        one, two = blocks[2 * p], blocks[2 * p + 1]
        a, b = (one, two) if one.condition == "A" else (two, one)
        pairs.append(PairResult(p + 1, a, b))
    diffs = np.array([p.difference for p in pairs if p.difference is not None])
    mean = ci = pval = None
    if len(diffs) >= 2:
        mean = float(diffs.mean())
        ci = t_interval(diffs) if np.ptp(diffs) > 0 else (mean, mean)
        pval = randomisation_p(diffs)
    done = [p for p in pairs if p.complete]
    a_mean = float(np.mean([p.changed.mean for p in done])) if done else None
    b_mean = float(np.mean([p.usual.mean for p in done])) if done else None
    if ci is None:
        verdict = IN_PROGRESS if state in ("planned", "running", "paused") else NOT_ENOUGH
    elif ci[0] > 0 or ci[1] < 0:
        verdict = CLEAR
    else:
        verdict = INCONCLUSIVE
    result = ExperimentResult(
        plan=plan,
        state=state,
        blocks=blocks,
        pairs=tuple(pairs),
        mean_difference=mean,
        ci=ci,
        p_value=pval,
        orderings=2 ** len(diffs),
        changed_mean=a_mean,
        usual_mean=b_mean,
        adherence=float(np.mean(scores)) if scores else None,
        answered_days=len(scores),
        elapsed_days=elapsed,
        verdict=verdict,
    )
    return _with_sentences(result)


_ORDINALS = (
    N_("first pair"),
    N_("second pair"),
    N_("third pair"),
    N_("fourth pair"),
    N_("fifth pair"),
    N_("sixth pair"),
    N_("seventh pair"),
    N_("eighth pair"),
)


def _ordinal(n: int) -> str:
    return _(_ORDINALS[n - 1]) if 1 <= n <= len(_ORDINALS) else _("{n}th pair").format(n=n)


def _num(x: float) -> str:
    return format_number(float(f"{abs(x):.1f}")) if abs(x) >= 0.05 else "0"


def _side(x: float) -> str:
    """'1.2 fewer' / '0.4 more' for a changed − usual difference."""
    if abs(x) < 0.05:
        return "0"
    if x < 0:
        return _("{n} fewer").format(n=_num(x))
    return _("{n} more").format(n=_num(x))


def _p(v: float) -> str:
    return decimal_text(f"{v:.3g}")


def _with_sentences(r: ExperimentResult) -> ExperimentResult:
    from dataclasses import replace

    plan = r.plan
    unit = _(OUTCOME_PER_DAY.get(plan.outcome, "a day"))
    out: list[str] = []
    k = r.complete_pairs
    if r.mean_difference is None or r.ci is None:
        if r.verdict == IN_PROGRESS:
            out.append(
                _(
                    "Under way: {k} of {pairs} pairs complete. A result needs at least 2 "
                    "complete pairs."
                ).format(k=k, pairs=plan.pairs)
            )
        else:
            out.append(
                ngettext(
                    "Not enough data: {k} complete pair of blocks, each needing {need} "
                    "checked-in days after the settling-in days; a result needs at least 2.",
                    "Not enough data: {k} complete pairs of blocks, each needing {need} "
                    "checked-in days after the settling-in days; a result needs at least 2.",
                    k,
                ).format(k=k, need=MIN_DAYS_PER_BLOCK)
            )
    else:
        d = r.mean_difference
        lo, hi = r.ci
        # from the 'fewer' end to the 'more' end
        ends = _("{low} to {high}").format(low=_side(lo), high=_side(hi))
        values = {
            "k": k,
            "changed": _(plan.changed),
            "usual": _(plan.usual),
            "unit": unit,
            "difference": _side(d),
            "interval": ends,
            "block_days": plan.block_days,
        }
        if plan.block_days == 7 and abs(d) >= 0.05:
            text = _(
                "In {k} pairs of weeks, with {changed} you logged {difference} {unit} than "
                "{usual} (95% CI {interval})."
            )
        elif plan.block_days == 7:
            text = _(
                "In {k} pairs of weeks, with {changed} you logged about as many {unit} as "
                "{usual} (95% CI {interval})."
            )
        elif abs(d) >= 0.05:
            text = _(
                "In {k} pairs of {block_days}-day blocks, with {changed} you logged "
                "{difference} {unit} than {usual} (95% CI {interval})."
            )
        else:
            text = _(
                "In {k} pairs of {block_days}-day blocks, with {changed} you logged about as "
                "many {unit} as {usual} (95% CI {interval})."
            )
        out.append(text.format(**values))
        if r.verdict == CLEAR:
            out.append(_("This is a clear difference: chance alone rarely gives one this large."))
        elif r.state in ("finished", "stopped"):
            more = _ordinal(max(k, plan.pairs) + 1)
            out.append(
                _("Inconclusive: this could be chance; a {pair} would help.").format(pair=more)
            )
        else:
            out.append(_("Inconclusive so far: this could be chance."))
        smallest = 2 / r.orderings
        values = {
            "orderings": r.orderings,
            "n": round((r.p_value or 0) * r.orderings),
            "p": _p(r.p_value or 0.0),
            "k": k,
            "smallest": _p(smallest),
        }
        if smallest > 0.05:
            text = _(
                "Of the {orderings} orders your plan could have drawn, {n} give a difference "
                "at least this large (exact p = {p}; with {k} pairs it cannot go below "
                "{smallest})."
            )
        else:
            text = _(
                "Of the {orderings} orders your plan could have drawn, {n} give a difference "
                "at least this large (exact p = {p})."
            )
        out.append(text.format(**values))
    if r.adherence is not None:
        pct = round(100 * r.adherence)
        n = r.answered_days
        if r.low_adherence:
            out.append(
                ngettext(
                    "Low adherence: you kept to the plan on {percent}% of the {n} day you "
                    "answered (below {flag}%), so a real effect may look smaller than it is.",
                    "Low adherence: you kept to the plan on {percent}% of the {n} days you "
                    "answered (below {flag}%), so a real effect may look smaller than it is.",
                    n,
                ).format(percent=pct, n=n, flag=round(100 * ADHERENCE_FLAG))
            )
        else:
            out.append(
                ngettext(
                    "You kept to the plan on {percent}% of the {n} day you answered.",
                    "You kept to the plan on {percent}% of the {n} days you answered.",
                    n,
                ).format(percent=pct, n=n)
            )
    elif r.elapsed_days:
        out.append(_("You did not say whether you kept to the plan; adherence is unknown."))
    if plan.washout_days:
        out.append(
            ngettext(
                "The first day of each block was left out to let the change settle.",
                "The first {n} days of each block were left out to let the change settle.",
                plan.washout_days,
            ).format(n=plan.washout_days)
        )
    if plan.stopped is not None:
        out.append(
            _("Stopped on {date}: {reason}").format(
                date=format_date(plan.stopped), reason=plan.stop_reason
            )
        )
    return replace(r, sentences=tuple(out))


def to_json_dict(r: ExperimentResult) -> dict[str, object]:
    """The result as plain JSON types (for `--json`)."""
    return {
        "experiment": r.plan.id,
        "state": r.state,
        "outcome": r.plan.outcome,
        "verdict": r.verdict,
        "complete_pairs": r.complete_pairs,
        "mean_difference": r.mean_difference,
        "ci95": list(r.ci) if r.ci else None,
        "randomisation_p": r.p_value,
        "orderings": r.orderings,
        "changed_mean": r.changed_mean,
        "usual_mean": r.usual_mean,
        "adherence": r.adherence,
        "low_adherence": r.low_adherence,
        "answered_days": r.answered_days,
        "pairs": [
            {
                "pair": p.pair,
                "changed_mean": p.changed.mean,
                "changed_days": p.changed.days,
                "usual_mean": p.usual.mean,
                "usual_days": p.usual.days,
                "difference": p.difference,
            }
            for p in r.pairs
        ],
        "sentences": list(r.sentences),
    }
