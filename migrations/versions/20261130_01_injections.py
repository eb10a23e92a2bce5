"""Injections as their own entries (product, units, sites, side effects) and felt
wear-off markers; every "injection" treatment is carried over.

Revision ID: 20261130_01
Revises: 20261122_01
Create Date: 2026-11-30 00:50:00

The carried-over row keeps everything the treatment said: its name (from which the
product is recognised when it names one), the dose as units when its unit is units (or
blank), and the sites text and any other unit in the note. A downgrade puts the
injections back as treatments.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "20261130_01"
down_revision: str | Sequence[str] | None = "20261122_01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here on purpose: a migration must not change when the app's vocabulary does.
_PRODUCT_WORDS = (
    ("onabotulinumtoxinA", ("onabotulinum", "botox", "vistabel", "vistabex")),
    ("incobotulinumtoxinA", ("incobotulinum", "xeomin", "bocouture")),
    ("abobotulinumtoxinA", ("abobotulinum", "dysport", "azzalure")),
)
_UNIT_WORDS = {"", "u", "unit", "units", "iu", "mu", "e", "einheiten"}


def _product(name: str) -> str:
    low = name.casefold()
    for product, words in _PRODUCT_WORDS:
        if any(w in low for w in words):
            return product
    return "other"


def upgrade() -> None:
    op.create_table(
        "injection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("product", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("units", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "product IN ('onabotulinumtoxinA', 'incobotulinumtoxinA', 'abobotulinumtoxinA', "
            "'other')",
            name=op.f("ck_injection_product"),
        ),
        sa.CheckConstraint("units IS NULL OR units > 0", name=op.f("ck_injection_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_injection")),
    )
    with op.batch_alter_table("injection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_injection_date"), ["date"], unique=False)
    op.create_table(
        "wearing_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wearing_off")),
        sa.UniqueConstraint("date", name=op.f("uq_wearing_off_date")),
    )
    op.create_table(
        "injection_side_effect",
        sa.Column("injection_id", sa.Integer(), nullable=False),
        sa.Column("effect", sa.String(length=20), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.CheckConstraint("grade BETWEEN 0 AND 3", name=op.f("ck_injection_side_effect_grade")),
        sa.ForeignKeyConstraint(
            ["injection_id"],
            ["injection.id"],
            name=op.f("fk_injection_side_effect_injection_id_injection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("injection_id", "effect", name=op.f("pk_injection_side_effect")),
    )
    op.create_table(
        "injection_site",
        sa.Column("injection_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=5), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "side IN ('left', 'right', 'both')", name=op.f("ck_injection_site_side")
        ),
        sa.ForeignKeyConstraint(
            ["injection_id"],
            ["injection.id"],
            name=op.f("fk_injection_site_injection_id_injection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("injection_id", "position", name=op.f("pk_injection_site")),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, name, start, dose, unit, sites, note FROM treatment "
            "WHERE kind = 'injection' ORDER BY start, id"
        )
    ).fetchall()
    for _id, name, start, dose, unit, sites, note in rows:
        extra = [note] if note else []
        units = dose
        if dose is not None and (unit or "").strip().casefold() not in _UNIT_WORDS:
            extra.append(f"dose {dose:g} {unit}")
            units = None
        if sites:
            extra.append(f"sites: {sites}")
        conn.execute(
            sa.text(
                "INSERT INTO injection (date, product, name, units, note) "
                "VALUES (:d, :p, :n, :u, :note)"
            ),
            {"d": start, "p": _product(name), "n": name, "u": units, "note": "; ".join(extra)},
        )
    conn.execute(sa.text("DELETE FROM treatment WHERE kind = 'injection'"))


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(
        sa.text(
            'INSERT INTO treatment (name, kind, start, "end", dose, unit, sites, note) '
            "SELECT CASE WHEN name = '' THEN product ELSE name END, 'injection', date, NULL, "
            "units, CASE WHEN units IS NULL THEN '' ELSE 'units' END, '', note FROM injection"
        )
    )
    op.drop_table("injection_site")
    op.drop_table("injection_side_effect")
    op.drop_table("wearing_off")
    with op.batch_alter_table("injection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_injection_date"))
    op.drop_table("injection")
