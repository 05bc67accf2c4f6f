"""The match conversation (job-ready or activity-ready) to schedule for each new case (B1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text
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
    # The birth date from reception.case_opened v3 (not the CPR number): integrationsloven § 16, stk. 1–2 offers
    # the programme only to those 18 or over when responsibility passes. None: not sent (older messages).
    born_on: Mapped[date | None] = mapped_column(Date, default=None)
    # integrationsloven § 4: the day the municipality took over responsibility, as reception last announced it.
    responsibility_from: Mapped[date | None] = mapped_column(Date, default=None)
    # How responsibility passed (reception's basis: placement_rule, consent, cpr_registration): whether
    # integrationsloven § 4 b suspends the deadline.
    responsibility_basis: Mapped[str | None] = mapped_column(String(30), default=None)
    # integrationsloven § 16: the programme offered within a month of that day, with the rule and why; the date is
    # None (and ``programme_why`` says why) for a person under 18 that day, or before the day is known.
    programme_due: Mapped[date | None] = mapped_column(Date, default=None)
    programme_rule: Mapped[str] = mapped_column(String(40), default="", server_default="")
    programme_why: Mapped[str] = mapped_column(Text, default="", server_default="")
    # § 17: the visitation (B1, the match conversation) completed on this day; § 20's follow-ups count from it.
    visitation_completed_on: Mapped[date | None] = mapped_column(Date, default=None)
