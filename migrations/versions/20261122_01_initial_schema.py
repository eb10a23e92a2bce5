"""Initial schema: factors, days with factor values, episodes with places and signs,
treatments, settings.

Revision ID: 20261122_01
Revises:
Create Date: 2026-11-22 02:00:37.540324

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "20261122_01"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("no_twitches", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("checked_in_utc", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day")),
        sa.UniqueConstraint("date", name=op.f("uq_day_date")),
    )
    op.create_table(
        "episode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("diary_date", sa.Date(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("count IS NULL OR count >= 1", name=op.f("ck_episode_count")),
        sa.CheckConstraint(
            "duration_s IS NULL OR duration_s >= 0", name=op.f("ck_episode_duration")
        ),
        sa.CheckConstraint("severity BETWEEN 1 AND 4", name=op.f("ck_episode_severity")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode")),
    )
    with op.batch_alter_table("episode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_diary_date"), ["diary_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_started_utc"), ["started_utc"], unique=False)

    op.create_table(
        "factor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("minimum", sa.Float(), nullable=False),
        sa.Column("maximum", sa.Float(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.CheckConstraint("kind IN ('number', 'scale', 'yesno')", name=op.f("ck_factor_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factor")),
        sa.UniqueConstraint("key", name=op.f("uq_factor_key")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "treatment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("dose", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("sites", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('medication', 'injection', 'therapy', 'procedure')",
            name=op.f("ck_treatment_kind"),
        ),
        sa.CheckConstraint('"end" IS NULL OR "end" >= start', name=op.f("ck_treatment_dates")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment")),
    )
    with op.batch_alter_table("treatment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treatment_start"), ["start"], unique=False)

    op.create_table(
        "episode_region",
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=5), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "side IN ('left', 'right', 'both')", name=op.f("ck_episode_region_side")
        ),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episode.id"],
            name=op.f("fk_episode_region_episode_id_episode"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("episode_id", "position", name=op.f("pk_episode_region")),
    )
    op.create_table(
        "episode_sign",
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("sign", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episode.id"],
            name=op.f("fk_episode_sign_episode_id_episode"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("episode_id", "sign", name=op.f("pk_episode_sign")),
    )
    op.create_table(
        "factor_value",
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("factor_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["day_id"], ["day.id"], name=op.f("fk_factor_value_day_id_day"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["factor_id"],
            ["factor.id"],
            name=op.f("fk_factor_value_factor_id_factor"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("day_id", "factor_id", name=op.f("pk_factor_value")),
    )
    with op.batch_alter_table("factor_value", schema=None) as batch_op:
        batch_op.create_index("ix_factor_value_factor", ["factor_id", "day_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("factor_value", schema=None) as batch_op:
        batch_op.drop_index("ix_factor_value_factor")

    op.drop_table("factor_value")
    op.drop_table("episode_sign")
    op.drop_table("episode_region")
    with op.batch_alter_table("treatment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_start"))

    op.drop_table("treatment")
    op.drop_table("setting")
    op.drop_table("factor")
    with op.batch_alter_table("episode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_started_utc"))
        batch_op.drop_index(batch_op.f("ix_episode_diary_date"))

    op.drop_table("episode")
    op.drop_table("day")
