"""Practical introduction to the local area and the ongoing guidance log (R6)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId, utcnow


class LocalTour(Base):
    __tablename__ = "local_tour"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True, autoincrement=False)
    booked_for: Mapped[date] = mapped_column(Date)
    guide: Mapped[str] = mapped_column(String(200))
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)


class GuidanceEntry(Base):
    """One conversation of the ongoing guidance ("til rådighed for alle tænkelige spørgsmål")."""

    __tablename__ = "guidance_entry"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(200))
    interpreter: Mapped[str | None] = mapped_column(String(200), default=None)
    language: Mapped[str | None] = mapped_column(String(50), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
