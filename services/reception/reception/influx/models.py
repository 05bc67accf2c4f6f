"""The minister's orders under integrationsloven § 4 b, stk. 2–3, recorded once for the whole municipality."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId, utcnow


class InfluxOrderRecord(Base):
    """One order (a bekendtgørelse): the period of responsibility it covers and the months it adds. Never deleted:
    a repealed order (stk. 2, 2. pkt.) keeps its row with the day it was repealed."""

    __tablename__ = "influx_order"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(200), unique=True)
    legal_basis: Mapped[str] = mapped_column(String(10))  # stk2 | stk3
    applies_from: Mapped[date] = mapped_column(Date)
    applies_to: Mapped[date] = mapped_column(Date)
    extra_months: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_on: Mapped[date | None] = mapped_column(Date, default=None)
    revoked_by: Mapped[str | None] = mapped_column(String(100), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revocation_note: Mapped[str | None] = mapped_column(Text, default=None)
