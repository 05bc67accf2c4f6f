"""Readiness checks for arrivals and placement requests (H1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from housing.db import Base
from shared.db import BigId, utcnow


class ReadinessCheck(Base):
    """One per case: is a ready unit assigned by the arrival date?"""

    __tablename__ = "readiness_check"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    case_number: Mapped[str] = mapped_column(String(20))
    household_size: Mapped[int] = mapped_column(Integer)
    arrival_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="missing")
    unit_id: Mapped[int | None] = mapped_column(BigId, default=None)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    flagged_on: Mapped[date | None] = mapped_column(Date, default=None)
    # When the event that set arrival_date occurred (epoch seconds): an older event never overrides a newer one.
    arrival_as_of: Mapped[float] = mapped_column(Float, default=0.0)


class PlacementRequest(Base):
    """Social- og Psykiatriafdelingen is asked to place a household that has no ready unit."""

    __tablename__ = "placement_request"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    arrival_date: Mapped[date] = mapped_column(Date)
    household_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
