"""SQLAlchemy 2 typed models: the diary's tables.

Times: `Episode.started_utc` is a naive UTC instant (second precision) and
`utc_offset_min` the local offset when it was logged, so the local wall time is
always recoverable. `Episode.diary_date` is the diary day the episode belongs to,
fixed when it is written under the day-start hour then in force; it is stored so
per-day aggregation runs in SQL with an index.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Factor(Base):
    """A trackable factor: a built-in one from the catalog or one the person added."""

    __tablename__ = "factor"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(20), default="")
    minimum: Mapped[float] = mapped_column(Float, default=0.0)
    maximum: Mapped[float] = mapped_column(Float, default=10.0)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(10), default="custom")

    __table_args__ = (CheckConstraint("kind IN ('number', 'scale', 'yesno')", name="kind"),)


class Day(Base):
    """A checked-in (observed) diary day. No row means the day is unknown, never zero."""

    __tablename__ = "day"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    no_twitches: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    checked_in_utc: Mapped[dt.datetime] = mapped_column(DateTime)

    values: Mapped[list[FactorValue]] = relationship(
        back_populates="day", cascade="all, delete-orphan", lazy="selectin"
    )


class FactorValue(Base):
    """One recorded value of one factor on one day (absent row = not recorded)."""

    __tablename__ = "factor_value"

    day_id: Mapped[int] = mapped_column(ForeignKey("day.id", ondelete="CASCADE"), primary_key=True)
    factor_id: Mapped[int] = mapped_column(
        ForeignKey("factor.id", ondelete="RESTRICT"), primary_key=True
    )
    value: Mapped[float] = mapped_column(Float)

    day: Mapped[Day] = relationship(back_populates="values")
    factor: Mapped[Factor] = relationship(lazy="joined")


class Episode(Base):
    """One twitch episode."""

    __tablename__ = "episode"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_utc: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    diary_date: Mapped[dt.date] = mapped_column(Date, index=True)
    severity: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    regions: Mapped[list[EpisodeRegion]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EpisodeRegion.position"
    )
    signs: Mapped[list[EpisodeSign]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EpisodeSign.sign"
    )

    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 4", name="severity"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="duration"),
        CheckConstraint("count IS NULL OR count >= 1", name="count"),
    )


class EpisodeRegion(Base):
    """A place on the face where an episode was felt."""

    __tablename__ = "episode_region"

    episode_id: Mapped[int] = mapped_column(
        ForeignKey("episode.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    side: Mapped[str] = mapped_column(String(5))
    region: Mapped[str] = mapped_column(String(20))

    __table_args__ = (CheckConstraint("side IN ('left', 'right', 'both')", name="side"),)


class EpisodeSign(Base):
    """A warning sign felt with an episode."""

    __tablename__ = "episode_sign"

    episode_id: Mapped[int] = mapped_column(
        ForeignKey("episode.id", ondelete="CASCADE"), primary_key=True
    )
    sign: Mapped[str] = mapped_column(String(20), primary_key=True)


class Treatment(Base):
    """A medication, injection, therapy or procedure with its dates."""

    __tablename__ = "treatment"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))
    start: Mapped[dt.date] = mapped_column(Date, index=True)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    dose: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(20), default="")
    sites: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("kind IN ('medication', 'injection', 'therapy', 'procedure')", name="kind"),
        CheckConstraint('"end" IS NULL OR "end" >= start', name="dates"),
    )


class Injection(Base):
    """A botulinum toxin injection: its own entry, because each one starts a cycle."""

    __tablename__ = "injection"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    product: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120), default="")
    units: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint(
            "product IN ('onabotulinumtoxinA', 'incobotulinumtoxinA', 'abobotulinumtoxinA', "
            "'other')",
            name="product",
        ),
        CheckConstraint("units IS NULL OR units > 0", name="units"),
    )


class InjectionSite(Base):
    """A place on the face that was injected (the episodes' places vocabulary)."""

    __tablename__ = "injection_site"

    injection_id: Mapped[int] = mapped_column(
        ForeignKey("injection.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    side: Mapped[str] = mapped_column(String(5))
    region: Mapped[str] = mapped_column(String(20))

    __table_args__ = (CheckConstraint("side IN ('left', 'right', 'both')", name="side"),)


class InjectionSideEffect(Base):
    """A side effect the person rated for one injection's cycle (no row = not rated)."""

    __tablename__ = "injection_side_effect"

    injection_id: Mapped[int] = mapped_column(
        ForeignKey("injection.id", ondelete="CASCADE"), primary_key=True
    )
    effect: Mapped[str] = mapped_column(String(20), primary_key=True)
    grade: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("grade BETWEEN 0 AND 3", name="grade"),)


class WearingOff(Base):
    """A day the person felt the injection wearing off (one marker a day)."""

    __tablename__ = "wearing_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    note: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Diary-wide settings that both front ends must agree on (e.g. the day-start hour)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_factor_value_factor", FactorValue.factor_id, FactorValue.day_id)


class Experiment(Base):
    """A planned n-of-1 experiment: randomised blocks with and without a change.

    `orders` keeps the drawn order of each pair ("AB,BA,…"; A = the `changed`
    condition) next to the `seed` it came from, so the schedule never depends on a
    random generator staying the same between versions.
    """

    __tablename__ = "experiment"

    id: Mapped[int] = mapped_column(primary_key=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("factor.id", ondelete="RESTRICT"))
    changed: Mapped[str] = mapped_column(String(80))
    usual: Mapped[str] = mapped_column(String(80))
    start: Mapped[dt.date] = mapped_column(Date)
    block_days: Mapped[int] = mapped_column(Integer)
    pairs: Mapped[int] = mapped_column(Integer)
    washout_days: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    orders: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str] = mapped_column(String(10), default="count")
    created_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    stopped: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    stop_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("block_days >= 5", name="block_days"),
        CheckConstraint("pairs >= 2", name="pairs"),
        CheckConstraint("washout_days >= 0 AND washout_days < block_days", name="washout"),
    )


class ExperimentPause(Base):
    """A pause: the schedule stands still from `start` to `end` (open while `end` is NULL)."""

    __tablename__ = "experiment_pause"

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiment.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (CheckConstraint('"end" IS NULL OR "end" >= start', name="dates"),)


class ExperimentDay(Base):
    """The answer to "Did you keep to it today?" for one experiment day."""

    __tablename__ = "experiment_day"

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiment.id", ondelete="CASCADE"), primary_key=True
    )
    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kept: Mapped[str] = mapped_column(String(6))

    __table_args__ = (CheckConstraint("kept IN ('yes', 'partly', 'no')", name="kept"),)
