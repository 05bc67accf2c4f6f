"""Contact with the person in the asylum centre, and the partners told of a new case (R1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId, utcnow


class AsylumCentreContact(Base):
    """One contact with the asylum centre about the person before the move to Rødovre."""

    __tablename__ = "asylum_centre_contact"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    contact_person: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PartnerNotification(Base):
    """A partner told of the handover; open until that partner acknowledges it."""

    __tablename__ = "partner_notification"
    __table_args__ = (UniqueConstraint("case_id", "partner"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    partner: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100), default=None)
