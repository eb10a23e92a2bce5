"""Experiments: randomised on/off blocks (with the seed and drawn order), pauses with their
reasons, and the daily "did you keep to it?" answers.

Revision ID: 20261130_02
Revises: 20261130_01
Create Date: 2026-11-30 00:37:18.091553

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "20261130_02"
down_revision: str | Sequence[str] | None = "20261130_01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "experiment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factor_id", sa.Integer(), nullable=False),
        sa.Column("changed", sa.String(length=80), nullable=False),
        sa.Column("usual", sa.String(length=80), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("block_days", sa.Integer(), nullable=False),
        sa.Column("pairs", sa.Integer(), nullable=False),
        sa.Column("washout_days", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("orders", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("stopped", sa.Date(), nullable=True),
        sa.Column("stop_reason", sa.Text(), nullable=False),
        sa.CheckConstraint("block_days >= 5", name=op.f("ck_experiment_block_days")),
        sa.CheckConstraint("pairs >= 2", name=op.f("ck_experiment_pairs")),
        sa.CheckConstraint(
            "washout_days >= 0 AND washout_days < block_days", name=op.f("ck_experiment_washout")
        ),
        sa.ForeignKeyConstraint(
            ["factor_id"],
            ["factor.id"],
            name=op.f("fk_experiment_factor_id_factor"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiment")),
    )
    op.create_table(
        "experiment_day",
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kept", sa.String(length=6), nullable=False),
        sa.CheckConstraint("kept IN ('yes', 'partly', 'no')", name=op.f("ck_experiment_day_kept")),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiment.id"],
            name=op.f("fk_experiment_day_experiment_id_experiment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("experiment_id", "date", name=op.f("pk_experiment_day")),
    )
    op.create_table(
        "experiment_pause",
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            '"end" IS NULL OR "end" >= start', name=op.f("ck_experiment_pause_dates")
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiment.id"],
            name=op.f("fk_experiment_pause_experiment_id_experiment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("experiment_id", "start", name=op.f("pk_experiment_pause")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("experiment_pause")
    op.drop_table("experiment_day")
    op.drop_table("experiment")
