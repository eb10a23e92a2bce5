"""Trigger analysis: pure functions over plain daily data (numpy/scipy), no DB, no Qt.

Modules (import the one you need; none imports scipy at import time):
- data: the input contract `DailyData`, `FactorInfo`, `TreatmentInfo`.
- stats: within-month rank correlation, Bartlett effective n, p, Fisher-z CI, BH q.
- effects: the high/low split of a factor and the approximate ratio interval.
- triggers: `analyze_triggers(data, outcome, start, end) -> TriggerReport`.
- output: `to_json_dict(report)`, `format_table(report)`.
- treatments: before/after a treatment; cycles: botulinum toxin injection cycles.
- due: when the next injection is due (standard library only, for the Today view).
- power: the stored simulated power table and the sentence shown to users.
- simulate: `simulate_diary(...)`, a synthetic diary for tests and demos.
"""
