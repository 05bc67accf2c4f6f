"""The match conversation (job-ready or activity-ready) to schedule for each new case (B1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from employment.db import Base
from shared.db import BigId, utcnow


class MatchConversation(Base):
    """Employment's record of a case reception opened; ``status`` is to_schedule until B1 is finalised."""

    __tablename__ = "match_conversation"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    case_number: Mapped[str] = mapped_column(String(20))
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="to_schedule")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Known from reception.case_opened; rows from before these columns have none (see service.arrival_of).
    arrival_date: Mapped[date | None] = mapped_column(Date, default=None)
    residence_basis: Mapped[str | None] = mapped_column(String(40), default=None)
