"""Temporary housing units and the households assigned to them (H1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from housing.db import Base
from shared.db import BigId, utcnow


class TemporaryUnit(Base):
    __tablename__ = "temporary_unit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    ready_from: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="ready")
    unit_type: Mapped[str] = mapped_column(String(20), default="apartment")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Assignment(Base):
    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("temporary_unit.id"), index=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    household_size: Mapped[int] = mapped_column(Integer)
    arrival_date: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    assigned_by: Mapped[str] = mapped_column(String(100))
    moved_in_on: Mapped[date | None] = mapped_column(Date, default=None)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)
    end_reason: Mapped[str | None] = mapped_column(String(200), default=None)
