"""Moving into temporary housing: the checklist and furniture (H2)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from housing.db import Base
from shared.db import BigId, utcnow


class MoveInChecklist(Base):
    __tablename__ = "move_in_checklist"

    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), primary_key=True, autoincrement=False)
    keys_handed_over: Mapped[bool] = mapped_column(Boolean, default=False)
    electricity_reading: Mapped[str | None] = mapped_column(String(30), default=None)
    water_reading: Mapped[str | None] = mapped_column(String(30), default=None)
    heating_reading: Mapped[str | None] = mapped_column(String(30), default=None)
    house_rules_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    guidance_given: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    updated_by: Mapped[str] = mapped_column(String(100))


class FurnitureItem(Base):
    __tablename__ = "furniture_item"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    item: Mapped[str] = mapped_column(String(200))
    supplier: Mapped[str | None] = mapped_column(String(200), default=None)
    cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), default=None)
    status: Mapped[str] = mapped_column(String(20), default="needed")
    delivered_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
