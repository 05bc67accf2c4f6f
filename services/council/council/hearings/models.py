"""Consultation cases (høringssager) the council answers, and its announcements (meddelelser) (C1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from council.db import Base
from shared.db import BigId, utcnow


class Consultation(Base):
    """A høringssag: received → in preparation → answered; an answer after the deadline is flagged late."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    from_body: Mapped[str] = mapped_column(String(200))
    received_on: Mapped[date] = mapped_column(Date)
    reply_due: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="received")
    reply: Mapped[str | None] = mapped_column(Text, default=None)
    answered_on: Mapped[date | None] = mapped_column(Date, default=None)
    answered_late: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Announcement(Base):
    __tablename__ = "announcement"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    published_on: Mapped[date] = mapped_column(Date, index=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
