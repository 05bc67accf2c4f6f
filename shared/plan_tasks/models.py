"""The columns of a received plan action; each owning service maps them onto its own ``Base``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.contracts.plans import PlanActionStatus
from shared.db import BigId, utcnow


class PlanTaskColumns:
    """The columns of a received plan action; each service maps them onto its own ``Base``."""

    __tablename__ = "plan_tasks"

    action_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    case_number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=PlanActionStatus.PLANNED.value)
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100), default=None)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
