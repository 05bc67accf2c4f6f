"""The onboarding checklist at Borgerservice, bank and Økonomisk Team (R3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId


class OnboardingTask(Base):
    __tablename__ = "onboarding_task"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    owner_department: Mapped[str] = mapped_column(String(40))
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    completed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)

    __table_args__ = (UniqueConstraint("case_id", "kind"),)
