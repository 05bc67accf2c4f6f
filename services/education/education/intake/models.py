"""The language assessment and referral to the language school to schedule for each new case (E1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class LanguageAssessment(Base):
    __tablename__ = "language_assessment"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    case_number: Mapped[str] = mapped_column(String(20))
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="to_schedule")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
