"""The integration contract (integrationskontrakt), drawn up at a meeting and signed by both (R4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId, utcnow


class IntegrationContract(Base):
    __tablename__ = "integration_contract"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    due_date: Mapped[date] = mapped_column(Date)
    meeting_date: Mapped[date | None] = mapped_column(Date, default=None)
    participants: Mapped[str] = mapped_column(Text, default="")
    interpreter: Mapped[str | None] = mapped_column(String(200), default=None)
    interpreter_language: Mapped[str | None] = mapped_column(String(50), default=None)
    employment_goal: Mapped[str] = mapped_column(Text, default="")
    danish_goal: Mapped[str] = mapped_column(Text, default="")
    obligations: Mapped[str] = mapped_column(Text, default="")
    # Opholds- og selvforsørgelseserklæringen is signed with the contract (integrationsloven § 19).
    declaration_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    caseworker_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    caseworker_signed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    citizen_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
