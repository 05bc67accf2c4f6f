"""The municipal property at Egegårdsvej 22: rooms, inventory, maintenance, inspections (H3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from housing.db import Base
from shared.db import BigId, utcnow


class Facility(Base):
    __tablename__ = "facility"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200), unique=True)


class Room(Base):
    """A room of the facility; it is let as a temporary unit, so occupancy comes from assignments."""

    __tablename__ = "room"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int] = mapped_column(ForeignKey("temporary_unit.id"), unique=True)

    __table_args__ = (UniqueConstraint("facility_id", "name"),)


class InventoryItem(Base):
    __tablename__ = "inventory_item"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"), index=True)
    item: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    condition: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, default=None)


class MaintenanceRequest(Base):
    __tablename__ = "maintenance_request"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), default=None)
    description: Mapped[str] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(String(100))
    assigned_to: Mapped[str | None] = mapped_column(String(100), default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    done_note: Mapped[str | None] = mapped_column(Text, default=None)


class Inspection(Base):
    """A recurring inspection (tilsyn): completing one schedules the next."""

    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    interval_days: Mapped[int] = mapped_column(Integer)
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
    inspector: Mapped[str | None] = mapped_column(String(100), default=None)
    findings: Mapped[str | None] = mapped_column(Text, default=None)
    follow_up: Mapped[str | None] = mapped_column(Text, default=None)
    follow_up_due: Mapped[date | None] = mapped_column(Date, default=None)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
