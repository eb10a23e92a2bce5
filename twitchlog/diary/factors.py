"""The factor catalog as stored: built-ins plus the person's own factors.

Plain SQL on the diary's sqlite3 connection (see `db.lite`).
"""

from __future__ import annotations

from twitchlog import catalog
from twitchlog.db.lite import Source, dbapi
from twitchlog.diary import rules
from twitchlog.diary.records import Factor
from twitchlog.errors import ValidationError
from twitchlog.i18n import N_, _

_BOUNDS = {"scale": (0.0, 10.0), "yesno": (0.0, 1.0)}
_COLUMNS = "id, key, label, kind, unit, minimum, maximum, builtin, category"


def list_factors(source: Source) -> list[Factor]:
    """Built-ins in catalog order, then the person's own in the order they were added."""
    rows = [
        Factor(i, key, label, kind, unit, lo, hi, bool(builtin), category)
        for i, key, label, kind, unit, lo, hi, builtin, category in dbapi(source).execute(
            f"SELECT {_COLUMNS} FROM factor"
        )
    ]
    order = {f.key: i for i, f in enumerate(catalog.BUILTIN_FACTORS)}
    rows.sort(key=lambda r: (0, order.get(r.key, 0), 0) if r.builtin else (1, 0, r.id))
    return rows


def factors_by_key(source: Source) -> dict[str, Factor]:
    return {f.key: f for f in list_factors(source)}


def add_factor(
    source: Source,
    key: str,
    *,
    label: str | None = None,
    kind: str = "number",
    unit: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
) -> Factor:
    """Add a user-defined factor ('chocolate', 'cold weather'…)."""
    key = rules.check_factor_key(key.strip().lower())
    if kind not in catalog.FACTOR_KINDS:
        raise ValidationError(
            _("Unknown kind '{kind}'; use number, scale (0–10) or yesno.").format(kind=kind),
            "kind",
        )
    conn = dbapi(source)
    if conn.execute("SELECT 1 FROM factor WHERE key = ?", (key,)).fetchone():
        raise ValidationError(
            _("There is already a factor '{key}'; pick another key.").format(key=key), "key"
        )
    (own,) = conn.execute("SELECT count(*) FROM factor WHERE NOT builtin").fetchone()
    if own >= catalog.MAX_CUSTOM_FACTORS:
        raise ValidationError(
            _(
                "The diary already holds {n} factors of your own, the most it keeps; '{key}' "
                "was not added. Record it in a day's note instead."
            ).format(n=own, key=key),
            "key",
        )
    lo, hi = _BOUNDS.get(kind, (0.0, 1_000_000.0))
    if kind == "number":
        lo = lo if minimum is None else rules.parse_number(minimum, what=N_("The minimum"))
        hi = hi if maximum is None else rules.parse_number(maximum, what=N_("The maximum"))
        if hi <= lo:
            raise ValidationError(_("The maximum must be larger than the minimum."), "maximum")
    name = rules.check_text(label, what="label", limit=80) or key.replace("_", " ").capitalize()
    record = Factor(
        id=0,
        key=key,
        label=name,
        kind=kind,
        unit=rules.check_text(unit, what="unit", limit=20) if kind == "number" else "",
        minimum=lo,
        maximum=hi,
        builtin=False,
        category="custom",
    )
    cur = conn.execute(
        f"INSERT INTO factor ({_COLUMNS}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
        (record.key, record.label, record.kind, record.unit, lo, hi, False, "custom"),
    )
    assert cur.lastrowid is not None
    return record._replace(id=cur.lastrowid)


def check_value(factor: Factor, raw: str | float | int) -> float:
    """Parse and range-check one value for one factor (the single rule for every front end)."""
    if factor.kind == "yesno":
        said = rules.parse_yes_no(raw, what=factor.label, field=factor.key)
        if said is None:
            raise ValidationError(
                _("{factor} is empty; leave it out instead.").format(factor=_(factor.label)),
                factor.key,
            )
        return 1.0 if said else 0.0
    value = rules.parse_number(raw, what=factor.label, field=factor.key)
    return rules.check_factor_value(
        factor.key, factor.label, factor.kind, factor.unit, factor.minimum, factor.maximum, value
    )
