"""Use cases for n-of-1 experiments: plan, follow (kept or not), pause, resume, stop.

Plain SQL (see `db.lite`). The schedule itself is `analysis.experiment_plan.Plan`, the
one definition the window, the CLI and the analysis share. One experiment at a time may
be planned, running or paused; finished and stopped ones stay for their results.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from twitchlog.analysis.experiment_plan import (
    INJECTION_WARN_DAYS,
    KEPT_ANSWERS,
    MAX_BLOCK_DAYS,
    MAX_PAIRS,
    MIN_BLOCK_DAYS,
    MIN_PAIRS,
    Plan,
    draw_orders,
)
from twitchlog.catalog import OUTCOMES
from twitchlog.db.lite import Source, datetime_text, dbapi, to_date
from twitchlog.diary import rules
from twitchlog.diary.factors import factors_by_key
from twitchlog.diary.injections import all_treatments
from twitchlog.diary.settings import diary_today
from twitchlog.errors import NotFound, ValidationError
from twitchlog.i18n import N_, _, format_date

if TYPE_CHECKING:  # numpy comes with them; the Today view asks for a plan's status only
    from twitchlog.analysis.data import DailyData
    from twitchlog.analysis.experiment import ExperimentResult
    from twitchlog.diary.days import RawValue
    from twitchlog.diary.records import Day, Factor

MIN_ANALYSED_DAYS = 3
"""A block keeps at least this many days after its washout days."""
MAX_DAYS_AHEAD = 90
STATE_WORDS = {
    "planned": N_("planned"),
    "running": N_("running"),
    "paused": N_("paused"),
    "finished": N_("finished"),
    "stopped": N_("stopped"),
}
"""An experiment's state (`Plan.state`) as a person reads it."""

_COLUMNS = (
    "e.id, f.key, f.label, e.changed, e.usual, e.start, e.block_days, e.pairs, "
    "e.washout_days, e.seed, e.orders, e.outcome, e.stopped, e.stop_reason"
)


_NUMBERS = {
    "block_days": N_("The block length in days"),
    "pairs": N_("The number of pairs"),
    "washout_days": N_("The number of washout days"),
}
"""The whole numbers of a plan, as the subject of their sentences (keyed by field)."""


def _int(value: int | str, lo: int, hi: int, field: str) -> int:
    what = _(_NUMBERS[field])
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            _("{what} must be a whole number; got '{value}'.").format(what=what, value=value),
            field,
        ) from None
    if not lo <= number <= hi:
        raise ValidationError(
            _("{what} must be from {lo} to {hi}; got {number}.").format(
                what=what, lo=lo, hi=hi, number=number
            ),
            field,
        )
    return number


def _fetch(source: Source, clause: str = "", params: tuple[object, ...] = ()) -> list[Plan]:
    conn = dbapi(source)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM experiment e JOIN factor f ON f.id = e.factor_id {clause}",
        params,
    ).fetchall()
    plans = []
    for (i, key, label, changed, usual, start, block, pairs, wash, seed, orders, outcome,
         stopped, reason) in rows:  # fmt: skip
        pauses = conn.execute(
            'SELECT start, "end", reason FROM experiment_pause WHERE experiment_id = ? '
            "ORDER BY start",
            (i,),
        ).fetchall()
        plans.append(
            Plan(
                factor_key=key,
                factor_label=label,
                changed=changed,
                usual=usual,
                start=to_date(start),
                block_days=block,
                pairs=pairs,
                washout_days=wash,
                seed=seed,
                orders=tuple(orders.split(",")),
                id=i,
                outcome=outcome,
                pauses=tuple((to_date(s), to_date(e) if e else None) for s, e, _ in pauses),
                pause_reasons=tuple(r for _, _, r in pauses),
                stopped=to_date(stopped) if stopped else None,
                stop_reason=reason,
            )
        )
    return plans


def factor_words(label: str) -> str:
    """A factor's label inside a sentence: the translated label, or an English (or one's
    own) label in lower case ('caffeine'; German nouns keep their capital)."""
    shown = _(label)
    return shown.lower() if shown == label else shown


def block_on(plan: Plan, day: dt.date) -> int | None:
    """The 1-based block `day` falls in; None outside the schedule (before, paused, after)."""
    k = plan.plan_day(day)
    return None if k is None else k // plan.block_days + 1


def list_experiments(source: Source) -> list[Plan]:
    """Every experiment, oldest first."""
    return _fetch(source, "ORDER BY e.start, e.id")


def get_experiment(source: Source, experiment_id: int) -> Plan:
    found = _fetch(source, "WHERE e.id = ?", (experiment_id,))
    if not found:
        raise NotFound(
            _("There is no experiment number {number}; see 'twitchlog experiment status'.").format(
                number=experiment_id
            )
        )
    return found[0]


def current_experiment(source: Source, today: dt.date) -> Plan | None:
    """The experiment planned, running or paused on `today`, if any."""
    for plan in reversed(_fetch(source, "WHERE e.stopped IS NULL ORDER BY e.start, e.id")):
        if plan.state(today) in ("planned", "running", "paused"):
            return plan
    return None


def latest_experiment(source: Source) -> Plan | None:
    """The most recently started experiment (current or past), for results."""
    found = _fetch(source, "ORDER BY e.start DESC, e.id DESC LIMIT 1")
    return found[0] if found else None


def plan_experiment(
    source: Source,
    factor_key: str,
    *,
    changed: str,
    usual: str,
    start: dt.date,
    today: dt.date | None = None,
    block_days: int | str = 7,
    pairs: int | str = 3,
    washout_days: int | str = 2,
    outcome: str = "count",
    seed: int | None = None,
) -> Plan:
    """Store a new experiment with its order drawn at random (from a stored seed).

    `today` defaults to the diary's own today (`settings.diary_today`)."""
    today = today or diary_today(source)
    factors = factors_by_key(source)
    factor = factors.get(factor_key.strip().lower())
    if factor is None:
        raise ValidationError(
            _("There is no factor '{key}'; see 'twitchlog factor list' for the keys.").format(
                key=factor_key
            ),
            "factor",
        )
    words_a = rules.check_text(changed, what="changed condition", limit=80)
    words_b = rules.check_text(usual, what="usual condition", limit=80)
    if not words_a or not words_b:
        raise ValidationError(
            _("Describe both conditions in plain words, e.g. 'at most 1 cup' and 'as usual'."),
            "changed" if not words_a else "usual",
        )
    if words_a.lower() == words_b.lower():
        raise ValidationError(
            _("The two conditions must differ; describe what you change."), "usual"
        )
    block = _int(block_days, MIN_BLOCK_DAYS, MAX_BLOCK_DAYS, "block_days")
    n_pairs = _int(pairs, MIN_PAIRS, MAX_PAIRS, "pairs")
    wash = _int(washout_days, 0, block - MIN_ANALYSED_DAYS, "washout_days")
    if outcome not in OUTCOMES:
        raise ValidationError(
            _("Unknown outcome '{outcome}'; use count, severity or duration.").format(
                outcome=outcome
            )
        )
    if start > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(
            _("{day} is more than {days} days ahead; plan closer to the start.").format(
                day=format_date(start), days=MAX_DAYS_AHEAD
            ),
            "start",
        )
    # The diary's own range; a plan alone may start ahead of today.
    rules.check_date_range(start, today + dt.timedelta(days=MAX_DAYS_AHEAD), field="start")
    running = current_experiment(source, today)
    if running is not None:
        raise ValidationError(
            _(
                "The experiment on {factor} is not over yet; stop it first "
                "('twitchlog experiment stop --reason …')."
            ).format(factor=factor_words(running.factor_label)),
            "factor",
        )
    seed = secrets.randbelow(2**31) if seed is None else seed
    orders = draw_orders(seed, n_pairs)
    cur = dbapi(source).execute(
        "INSERT INTO experiment (factor_id, changed, usual, start, block_days, pairs, "
        "washout_days, seed, orders, outcome, created_utc, stopped, stop_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '')",
        (
            factor.id,
            words_a,
            words_b,
            start.isoformat(),
            block,
            n_pairs,
            wash,
            seed,
            ",".join(orders),
            outcome,
            datetime_text(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)),
        ),
    )
    assert cur.lastrowid is not None
    return get_experiment(source, cur.lastrowid)


def plan_warnings(source: Source, plan: Plan) -> list[str]:
    """What could hide or fake a difference: injections and treatment changes in the plan."""
    first = plan.start
    last = plan.end or plan.start + dt.timedelta(days=plan.total_days - 1)
    warnings = []
    treatments = all_treatments(source)  # injections are their own entries, listed here too
    for day in sorted({t.start for t in treatments if t.kind == "injection"}):
        if first <= day <= last:
            warnings.append(
                _(
                    "A botulinum toxin injection on {day} falls inside the plan: its effect "
                    "builds up over the first weeks and changes twitching on its own, so it can "
                    "hide or fake a difference between the blocks."
                ).format(day=format_date(day))
            )
        elif first - dt.timedelta(days=INJECTION_WARN_DAYS) <= day < first:
            warnings.append(
                _(
                    "A botulinum toxin injection on {day} is less than {days} days before the "
                    "start: its effect is still building up during the first blocks."
                ).format(day=format_date(day), days=INJECTION_WARN_DAYS)
            )
    for t in treatments:
        if t.kind == "injection":
            continue
        if first < t.start <= last:
            warnings.append(
                _(
                    "{treatment} starts on {day}, during the plan: a new treatment changes "
                    "twitching on its own; start the experiment after it has settled."
                ).format(treatment=t.name, day=format_date(t.start))
            )
        if t.end is not None and first <= t.end < last:
            warnings.append(
                _(
                    "{treatment} ends on {day}, during the plan: stopping a treatment changes "
                    "twitching on its own."
                ).format(treatment=t.name, day=format_date(t.end))
            )
    return warnings


def record_kept(source: Source, experiment_id: int, day: dt.date, answer: str | None) -> None:
    """Store "Did you keep to it today?" for `day` (None removes the answer)."""
    plan = get_experiment(source, experiment_id)
    conn = dbapi(source)
    if answer is None or not answer.strip():
        conn.execute(
            "DELETE FROM experiment_day WHERE experiment_id = ? AND date = ?",
            (experiment_id, day.isoformat()),
        )
        return
    kept = answer.strip().lower()
    if kept not in KEPT_ANSWERS:
        raise ValidationError(
            _(
                "'{answer}' is not an answer to 'Did you keep to it today?'; use yes, partly or no."
            ).format(answer=answer),
            "kept",
        )
    if plan.plan_day(day) is None or (plan.stopped is not None and day >= plan.stopped):
        raise ValidationError(
            _("{day} is not a day of the experiment on {factor}.").format(
                day=format_date(day), factor=factor_words(plan.factor_label)
            ),
            "kept",
        )
    conn.execute(
        "INSERT INTO experiment_day (experiment_id, date, kept) VALUES (?, ?, ?) "
        "ON CONFLICT (experiment_id, date) DO UPDATE SET kept = excluded.kept",
        (experiment_id, day.isoformat(), kept),
    )


def kept_answers(source: Source, experiment_id: int) -> dict[dt.date, str]:
    rows = dbapi(source).execute(
        "SELECT date, kept FROM experiment_day WHERE experiment_id = ?", (experiment_id,)
    )
    return {to_date(d): k for d, k in rows}


def experiment_on(source: Source, day: dt.date) -> Plan | None:
    """The experiment that `day` is a schedule day of (not paused, not after a stop)."""
    for plan in reversed(list_experiments(source)):
        if plan.plan_day(day) is not None and (plan.stopped is None or day < plan.stopped):
            return plan
    return None


def kept_on(source: Source, day: dt.date) -> tuple[Plan, str | None] | None:
    """The experiment running on `day` and the answer stored for it (for the check-in)."""
    plan = experiment_on(source, day)
    if plan is None:
        return None
    row = (
        dbapi(source)
        .execute(
            "SELECT kept FROM experiment_day WHERE experiment_id = ? AND date = ?",
            (plan.id, day.isoformat()),
        )
        .fetchone()
    )
    return plan, (row[0] if row else None)


_WHY = {
    "pause": N_(
        "Say in a few words why you pause, e.g. 'holiday' or 'could not keep it'; it is kept "
        "with the result."
    ),
    "stop": N_(
        "Say in a few words why you stop, e.g. 'holiday' or 'could not keep it'; it is kept "
        "with the result."
    ),
}


def _reason(reason: str, what: str) -> str:
    text = rules.check_text(reason, what="reason", limit=500)
    if not text:
        raise ValidationError(_(_WHY[what]), "reason")
    return text


def _end_pause(conn: Source, experiment_id: int, today: dt.date) -> None:
    """An open pause ends yesterday; one begun today leaves nothing behind (removed before
    the update, which the pause's own dates check would refuse)."""
    conn.execute(
        'DELETE FROM experiment_pause WHERE experiment_id = ? AND "end" IS NULL AND start >= ?',
        (experiment_id, today.isoformat()),
    )
    conn.execute(
        'UPDATE experiment_pause SET "end" = ? WHERE experiment_id = ? AND "end" IS NULL',
        ((today - dt.timedelta(days=1)).isoformat(), experiment_id),
    )


def stop_experiment(source: Source, experiment_id: int, reason: str, today: dt.date) -> Plan:
    """End the experiment early; days from `today` on are not analysed."""
    plan = get_experiment(source, experiment_id)
    if plan.stopped is not None:
        raise ValidationError(
            _("That experiment was already stopped on {day}.").format(
                day=format_date(plan.stopped)
            ),
            "reason",
        )
    if plan.state(today) == "finished":
        raise ValidationError(_("That experiment has already finished; there is nothing to stop."))
    text = _reason(reason, "stop")
    conn = dbapi(source)
    _end_pause(conn, experiment_id, today)
    conn.execute(
        "UPDATE experiment SET stopped = ?, stop_reason = ? WHERE id = ?",
        (max(today, plan.start).isoformat(), text, experiment_id),
    )
    return get_experiment(source, experiment_id)


def pause_experiment(source: Source, experiment_id: int, reason: str, today: dt.date) -> Plan:
    """Stop the clock from `today`: the rest of the schedule waits until resumed."""
    plan = get_experiment(source, experiment_id)
    state = plan.state(today)
    if state != "running":
        raise ValidationError(
            _("Only a running experiment can be paused; this one is {state}.").format(
                state=_(STATE_WORDS[state])
            )
        )
    text = _reason(reason, "pause")
    conn = dbapi(source)
    conn.execute(
        "DELETE FROM experiment_day WHERE experiment_id = ? AND date >= ?",
        (experiment_id, today.isoformat()),
    )
    conn.execute(
        'INSERT INTO experiment_pause (experiment_id, start, "end", reason) VALUES (?, ?, NULL, ?)',
        (experiment_id, today.isoformat(), text),
    )
    return get_experiment(source, experiment_id)


def resume_experiment(source: Source, experiment_id: int, today: dt.date) -> Plan:
    """Start the clock again today: the schedule goes on where it stood."""
    plan = get_experiment(source, experiment_id)
    if plan.state(today) != "paused":
        raise ValidationError(_("That experiment is not paused."))
    conn = dbapi(source)
    _end_pause(conn, experiment_id, today)
    return get_experiment(source, experiment_id)


def experiment_data(source: Source, plan: Plan, today: dt.date) -> DailyData:
    """The days the experiment covers (to its end, or `today` while it runs), loaded the
    one way the analysis and charts load days (`diary.dataset`)."""
    from twitchlog.diary.dataset import load_daily_data

    return load_daily_data(source, plan.start, max(plan.end or today, plan.start))


def status_today(source: Source) -> str | None:
    """Today's line of the experiment planned, running or paused (None without one)."""
    today = diary_today(source)
    plan = current_experiment(source, today)
    return plan.status_line(today) if plan else None


def check_in_and_answer(
    source: Source,
    day: dt.date,
    values: Mapping[str, RawValue] | None,
    *,
    note: str | None = None,
    no_twitches: bool | None = None,
    experiment_id: int | None = None,
    kept: str | None = None,
) -> Day:
    """The check-in with the experiment's "Did you keep to it?" for the day: one write,
    so neither is stored without the other."""
    from twitchlog.diary.days import check_in

    record = check_in(source, day, values, note=note, no_twitches=no_twitches)
    if experiment_id is not None:
        record_kept(source, experiment_id, day, kept)
    return record


# --- what the window asks, one call each -------------------------------------------------


@dataclass(frozen=True)
class ExperimentPage:
    """Everything the Experiments view shows, read in one transaction."""

    today: dt.date
    factors: list[Factor]
    plan: Plan | None  # the current experiment, else the latest one
    warnings: list[str]
    result: ExperimentResult | None
    done_days: int | None  # schedule days done while it runs, else None


def experiment_page(source: Source) -> ExperimentPage:
    """The current (else the latest) experiment with its warnings, progress and result."""
    from twitchlog.analysis.experiment import analyse_experiment
    from twitchlog.diary.factors import list_factors

    today = diary_today(source)
    plan = current_experiment(source, today) or latest_experiment(source)
    if plan is None:
        return ExperimentPage(today, list_factors(source), None, [], None, None)
    data = experiment_data(source, plan, today)
    result = analyse_experiment(plan, data, kept_answers(source, plan.id), today)
    k = plan.plan_day(today)
    return ExperimentPage(
        today,
        list_factors(source),
        plan,
        plan_warnings(source, plan),
        result,
        k if k is not None and plan.state(today) == "running" else None,
    )


@dataclass(frozen=True)
class DraftCheck:
    """How likely a draft plan is to find an effect, and what could spoil it."""

    draft: Plan
    power: str  # the sentence the person reads
    warnings: list[str]


def check_draft(source: Source, draft: Plan) -> DraftCheck:
    """The power estimate (a few hundred ms: off the UI thread) and the draft's warnings."""
    from twitchlog.analysis.experiment_sim import plan_power, power_sentence

    estimate = plan_power(draft.block_days, draft.pairs, draft.washout_days)
    return DraftCheck(draft, power_sentence(estimate), plan_warnings(source, draft))


Action = Literal["pause", "resume", "stop"]


@dataclass(frozen=True)
class ExperimentState:
    """An experiment's pauses, stop and kept answers as they stood: what Undo puts back."""

    plan: Plan
    kept: dict[dt.date, str]


@dataclass(frozen=True)
class ExperimentChange:
    """A pause, resume or stop: the experiment after it, and as it stood before (for Undo)."""

    action: Action
    plan: Plan
    before: ExperimentState


def change_experiment(
    source: Source,
    experiment_id: int,
    action: Action,
    reason: str = "",
    today: dt.date | None = None,
) -> ExperimentChange:
    """Pause, resume or stop on the diary's today, keeping what Undo needs to go back."""
    today = today or diary_today(source)
    before = ExperimentState(
        get_experiment(source, experiment_id), kept_answers(source, experiment_id)
    )
    if action == "pause":
        plan = pause_experiment(source, experiment_id, reason, today)
    elif action == "resume":
        plan = resume_experiment(source, experiment_id, today)
    else:
        plan = stop_experiment(source, experiment_id, reason, today)
    return ExperimentChange(action, plan, before)


def restore_experiment(source: Source, before: ExperimentState) -> Plan:
    """Undo a pause, resume or stop: the pauses and stop as they were, kept answers back.

    Answers given since are kept. Refused when another experiment has begun since, as
    one experiment at a time may be planned, running or paused."""
    old = before.plan
    get_experiment(source, old.id)  # NotFound when it is gone
    today = diary_today(source)
    if old.stopped is None and old.state(today) in ("planned", "running", "paused"):
        other = current_experiment(source, today)
        if other is not None and other.id != old.id:
            raise ValidationError(
                _(
                    "The experiment on {factor} has begun since; stop it first, then undo "
                    "again. Nothing was changed."
                ).format(factor=other.factor_label.lower()),
                "experiment",
            )
    conn = dbapi(source)
    conn.execute(
        "UPDATE experiment SET stopped = ?, stop_reason = ? WHERE id = ?",
        (old.stopped.isoformat() if old.stopped else None, old.stop_reason, old.id),
    )
    conn.execute("DELETE FROM experiment_pause WHERE experiment_id = ?", (old.id,))
    conn.executemany(
        'INSERT INTO experiment_pause (experiment_id, start, "end", reason) VALUES (?, ?, ?, ?)',
        [
            (old.id, s.isoformat(), e.isoformat() if e else None, r)
            for (s, e), r in zip(old.pauses, old.pause_reasons, strict=True)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO experiment_day (experiment_id, date, kept) VALUES (?, ?, ?)",
        [(old.id, d.isoformat(), k) for d, k in before.kept.items()],
    )
    return get_experiment(source, old.id)
