"""Benefits paid by Økonomisk Team, monthly payment runs, and sanctions as a workflow (R3)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId, utcnow


class Benefit(Base):
    __tablename__ = "benefit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    benefit_type: Mapped[str] = mapped_column(String(40))
    monthly_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    payment_account_registered: Mapped[bool] = mapped_column(default=False)
    stop_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    created_by: Mapped[str] = mapped_column(String(100))
    # Kontanthjælp (aktivloven §§ 16–20): the suggestion the amount was checked against, its satser's year,
    # the person's situation it was computed from, and why; an amount different from it carries a reason.
    amount_rule: Mapped[str | None] = mapped_column(String(40), default=None)
    amount_why: Mapped[str | None] = mapped_column(Text, default=None)
    amount_year: Mapped[int | None] = mapped_column(Integer, default=None)
    amount_basis: Mapped[str | None] = mapped_column(Text, default=None)
    suggested_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), default=None)
    override_reason: Mapped[str | None] = mapped_column(Text, default=None)


class PaymentRun(Base):
    """One per month: a second run of the same month finds this row and pays no one again."""

    __tablename__ = "payment_run"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)  # YYYY-MM
    run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    run_by: Mapped[str] = mapped_column(String(100))


class Payment(Base):
    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("payment_run.id"), index=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"))
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    month: Mapped[str] = mapped_column(String(7))
    gross: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    deduction: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    net: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    # "regular": the run's own month; "arrears" (efterbetaling): an earlier month that had a run but no
    # payment for this benefit (registered late, or no NemKonto then). One payment per benefit and month.
    kind: Mapped[str] = mapped_column(String(20), default="regular", server_default="regular")

    __table_args__ = (UniqueConstraint("benefit_id", "month"),)


class RecoveryClaim(Base):
    """Kontanthjælp paid for days after the benefit ended (a stop recorded after the month was paid):
    the amount and why, one claim per benefit and month (aktivloven § 91 decides whether it is recovered)."""

    __tablename__ = "recovery_claim"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"), index=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    month: Mapped[str] = mapped_column(String(7))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    claim_rule: Mapped[str] = mapped_column(String(40))
    claim_why: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="til_afgoerelse")
    recorded_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (UniqueConstraint("benefit_id", "month"),)


class Sanction(Base):
    """Proposed → heard (partshøring) → decided (applied or dropped) → deducted in a payment run."""

    __tablename__ = "sanction"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    breach_date: Mapped[date] = mapped_column(Date)
    guidance_given_on: Mapped[date] = mapped_column(Date)
    source_event_id: Mapped[str | None] = mapped_column(String(36), unique=True, default=None)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    proposed_by: Mapped[str] = mapped_column(String(100))
    hearing_sent_on: Mapped[date | None] = mapped_column(Date, default=None)
    reply_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    citizen_reply: Mapped[str | None] = mapped_column(Text, default=None)
    decision: Mapped[str | None] = mapped_column(String(20), default=None)
    reasoning: Mapped[str | None] = mapped_column(Text, default=None)
    decided_by: Mapped[str | None] = mapped_column(String(100), default=None)
    decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    appeal_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    deducted_in_month: Mapped[str | None] = mapped_column(String(7), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
