"""Permanent housing: needs, housing associations and their offers, allocation decisions (H5, H6)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from housing.db import Base
from shared.db import BigId, utcnow


class PermanentNeed(Base):
    """A household's need for permanent housing; its place on the waiting list is its registration date."""

    __tablename__ = "permanent_need"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    household_size: Mapped[int] = mapped_column(Integer)
    rooms_needed: Mapped[int] = mapped_column(Integer)
    accessibility: Mapped[str | None] = mapped_column(Text, default=None)
    location_constraints: Mapped[str | None] = mapped_column(Text, default=None)
    needed_by: Mapped[date] = mapped_column(Date)
    registered_on: Mapped[date] = mapped_column(Date)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    priority_reason: Mapped[str | None] = mapped_column(Text, default=None)
    priority_by: Mapped[str | None] = mapped_column(String(100), default=None)
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HousingAssociation(Base):
    __tablename__ = "housing_association"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    contact: Mapped[str] = mapped_column(String(200))


class Dwelling(Base):
    """A permanent dwelling a housing association lets: one row per association and (normalised) address.

    ``address`` is kept as first typed; ``address_key`` is its normalised form (see
    ``service.address_key``), so "Rødovrevej 1, 1. th" and "rødovrevej  1, 1. TH" are one dwelling.
    Rooms and rent are the latest offer's (an association may change the rent between offers).
    """

    __tablename__ = "permanent_dwelling"
    __table_args__ = (UniqueConstraint("association_id", "address_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("housing_association.id"), index=True)
    address: Mapped[str] = mapped_column(String(200))
    address_key: Mapped[str] = mapped_column(String(200))
    rooms: Mapped[int] = mapped_column(Integer)
    monthly_rent: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DwellingReservation(Base):
    """The one open or accepted offer holding a dwelling.

    The primary key is the dwelling: the database, not Python, refuses a second reservation, so two
    concurrent offers (or acceptances) of one dwelling give exactly one success on SQLite and PostgreSQL.
    A declined or withdrawn offer deletes its row, which frees the dwelling.
    """

    __tablename__ = "dwelling_reservation"

    dwelling_id: Mapped[int] = mapped_column(ForeignKey("permanent_dwelling.id"), primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("housing_offer.id"), unique=True)
    reserved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Offer(Base):
    """A dwelling a housing association offers, allocated to one need by turn or by need."""

    __tablename__ = "housing_offer"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("permanent_need.id"), index=True)
    dwelling_id: Mapped[int] = mapped_column(ForeignKey("permanent_dwelling.id"), index=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("housing_association.id"))
    address: Mapped[str] = mapped_column(String(200))
    rooms: Mapped[int] = mapped_column(Integer)
    monthly_rent: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    available_from: Mapped[date] = mapped_column(Date)
    allocation: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="offered")


class AllocationDecision(Base):
    """Who decided what about an allocation, when and why (the record the rules require)."""

    __tablename__ = "allocation_decision"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("permanent_need.id"), index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("housing_offer.id"), default=None)
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
