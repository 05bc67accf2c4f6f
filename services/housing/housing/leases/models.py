"""Private leases: landlords, lease contracts and disputes with the landlord (H4)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from housing.db import Base
from shared.db import BigId, utcnow


class Landlord(Base):
    __tablename__ = "landlord"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200))
    cvr: Mapped[str | None] = mapped_column(String(8), unique=True, default=None)


class Lease(Base):
    """The municipality's lease of a private dwelling used as a temporary unit."""

    __tablename__ = "lease"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("temporary_unit.id"), index=True)
    landlord_id: Mapped[int] = mapped_column(ForeignKey("landlord.id"), index=True)
    monthly_rent: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    deposit: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    legal_basis: Mapped[str] = mapped_column(String(40))
    terms: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Dispute(Base):
    """A disagreement with the landlord (misforhold), followed as a small case."""

    __tablename__ = "lease_dispute"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    lease_id: Mapped[int] = mapped_column(ForeignKey("lease.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    resolution: Mapped[str | None] = mapped_column(Text, default=None)


class DisputeNote(Base):
    __tablename__ = "lease_dispute_note"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("lease_dispute.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
