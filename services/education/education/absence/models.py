"""One line of a language school's absence list: a person, a course, a period, hours (E4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class AbsenceReport(Base):
    __tablename__ = "absence_report"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    course: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    planned_hours: Mapped[int] = mapped_column(Integer)
    absent_hours: Mapped[int] = mapped_column(Integer)
    excused_hours: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[str] = mapped_column(String(100))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # One line per person, course and period: registering the same list twice is a conflict.
    __table_args__ = (UniqueConstraint("case_id", "course", "period_start", "period_end"),)
