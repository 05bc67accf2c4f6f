"""One timeline per person: every event about the case, from every service, in order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId


class TimelineEntry(Base):
    __tablename__ = "timeline_entry"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(100))
    producer: Mapped[str] = mapped_column(String(50))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_timeline_entry_case_time", "case_id", "occurred_at"),)
