"""A trigger report as JSON-ready data and as a fixed-width text table (CLI, export)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import numpy as np

from twitchlog.analysis.sentences import ci_text, outcome_words, verdict_words
from twitchlog.analysis.triggers import Finding, TriggerReport
from twitchlog.i18n import _, decimal_text, ngettext

_FINDING_KEYS = (
    "factor",
    "lag_days",
    "n",
    "rho",
    "rho_within",
    "rho_within_ci",
    "n_eff",
    "ratio",
    "ratio_ci",
    "high_mean",
    "low_mean",
    "p",
    "q",
    "verdict",
    "sentence",
)


def _clean(v: Any) -> Any:
    """NaN/inf → None, numpy → Python, tuples → lists, dates → ISO, so json.dumps works."""
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if isinstance(v, np.ndarray):
        return [_clean(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _clean(getattr(v, f.name)) for f in dataclasses.fields(v)}
    return v


def _finding_dict(f: Finding) -> dict[str, Any]:
    d = {k: getattr(f, k) for k in _FINDING_KEYS}
    d.update(
        label=f.label,
        when=f.when,
        split=f.split,
        high_days=f.high_days,
        low_days=f.low_days,
        difference=f.difference,
        difference_ci=f.difference_ci,
        more_days=f.more_days,
        family_p=f.family_p,
        reverse_p=f.reverse_p,
        reverse_rho=f.reverse_rho,
        reverse_stronger=f.reverse_stronger,
    )
    return d


def to_json_dict(report: TriggerReport) -> dict[str, Any]:
    """{"observed_days", "findings": [...], "treatments": [...]} plus context keys; valid JSON."""
    cleaned: dict[str, Any] = _clean(
        {
            "observed_days": report.observed_days,
            "outcome": report.outcome,
            "comparisons": report.comparisons,
            "findings": [_finding_dict(f) for f in report.findings],
            "reverse_checks": [_finding_dict(f) for f in report.reverse_checks],
            "treatments": list(report.treatments),
            "power_note": report.power_note,
            "calendar_days": report.calendar_days,
            "checkin_note": report.checkin_note,
            "checkin_bias": report.checkin_bias,
            "detectable_ratio": report.detectable_ratio,
            "factors_tested": report.factors_tested,
            "caveat": report.caveat,
            "experiment_hint": report.experiment_hint,
        }
    )
    return cleaned


def _n(v: float, fmt: str) -> str:
    return decimal_text(format(v, fmt)) if np.isfinite(v) else "–"


def _q(q: float) -> str:
    if not np.isfinite(q):
        return "–"
    return decimal_text("<0.01" if q < 0.01 else f"{q:.2f}")


def format_table(report: TriggerReport) -> str:
    """Readable fixed-width table (strongest first), then one sentence per finding."""
    head = (
        f"{_('factor'):<22} {_('when'):<15} {_('days'):>5} {_('high'):>6} {_('low'):>6} "
        f"{_('ratio'):>5} {_('~95% CI'):>10} {'q':>5} {_('after?'):>6}  {_('verdict')}"
    )
    lines = [
        ngettext(
            "{n} check-in day; {comparisons} comparisons checked (outcome: {outcome}). "
            "Ratios compare days within the same month; 'after?' is the reverse check "
            "(p that bad days change the factor next day).",
            "{n} check-in days; {comparisons} comparisons checked (outcome: {outcome}). "
            "Ratios compare days within the same month; 'after?' is the reverse check "
            "(p that bad days change the factor next day).",
            report.observed_days,
        ).format(
            n=report.observed_days,
            comparisons=report.comparisons,
            outcome=outcome_words(report.outcome),
        ),
    ]
    if report.checkin_note:
        lines.append(report.checkin_note)
    lines += [head, "-" * len(head)]
    for f in report.findings:
        lines.append(
            f"{f.label[:22]:<22} {f.when:<15} {f.n:>5} {_n(f.high_mean, '.2f'):>6} "
            f"{_n(f.low_mean, '.2f'):>6} {_n(f.ratio, '.2f'):>5} {ci_text(*f.ratio_ci):>10} "
            f"{_q(f.q):>5} {_q(f.reverse_p):>6}  {verdict_words(f.verdict)}"
        )
    lines.append("")
    lines.extend(f"- {f.label} ({f.when}): {f.sentence}" for f in report.findings)
    if report.treatments:
        lines.append("")
        for t in report.treatments:
            lines.append(
                f"- {t.sentence} {t.note if t.verdict != 'not enough data' else ''}".rstrip()
            )
    lines += ["", report.power_note, report.caveat]
    if report.experiment_hint:
        lines.append(report.experiment_hint)
    return "\n".join(lines)
