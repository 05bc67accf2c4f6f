"""Education's copy of the minister's § 4 b orders (integrationsloven § 4 b, stk. 2–3), recorded in reception."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class InfluxOrderCopy(Base):
    """One order as reception announced it (``reception.influx_order_recorded`` / ``_revoked``), keyed by
    reception's id; a repeal is kept, never undone by a late copy of the recording."""

    __tablename__ = "influx_order_copy"

    order_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    reference: Mapped[str] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(String(10))
    applies_from: Mapped[date] = mapped_column(Date)
    applies_to: Mapped[date] = mapped_column(Date)
    extra_months: Mapped[int] = mapped_column(Integer)
    revoked_on: Mapped[date | None] = mapped_column(Date, default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
