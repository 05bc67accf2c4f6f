"""Benefits paid by Økonomisk Team, monthly payment runs, and sanctions as a workflow (R3)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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


class DutyGuidance(Base):
    """Written guidance (aktivloven § 35, stk. 1) about one duty: given on a day, how, by whom. A deduction
    for a breach of the duty needs guidance given before the breach's day."""

    __tablename__ = "duty_guidance"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    duty: Mapped[str] = mapped_column(String(40))  # benefits.schemas.Duty
    given_on: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = mapped_column(String(20))  # benefits.schemas.GuidanceHow
    given_by: Mapped[str] = mapped_column(String(100))  # the caseworker who gave it
    department: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Sanction(Base):
    """Proposed → heard (partshøring) → decided (applied or dropped) → its lines deducted in payment runs;
    an appeal may follow (``SanctionAppeal``)."""

    __tablename__ = "sanction"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    duty: Mapped[str] = mapped_column(String(40), default="danskuddannelse", server_default="danskuddannelse")
    # The first deductible breach and the guidance before it (the lines hold each breach's own).
    breach_date: Mapped[date] = mapped_column(Date)
    guidance_given_on: Mapped[date | None] = mapped_column(Date, default=None)
    source_event_id: Mapped[str | None] = mapped_column(String(36), unique=True, default=None)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # the sum of the deductible lines
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    proposed_by: Mapped[str] = mapped_column(String(100))
    hearing_sent_on: Mapped[date | None] = mapped_column(Date, default=None)
    hearing_delivery: Mapped[str | None] = mapped_column(String(20), default=None)
    reply_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    reply_deadline_rule: Mapped[str | None] = mapped_column(String(40), default=None)
    reply_deadline_why: Mapped[str | None] = mapped_column(Text, default=None)
    citizen_reply: Mapped[str | None] = mapped_column(Text, default=None)
    decision: Mapped[str | None] = mapped_column(String(20), default=None)
    reasoning: Mapped[str | None] = mapped_column(Text, default=None)
    legal_basis: Mapped[str | None] = mapped_column(Text, default=None)
    appeal_guidance: Mapped[str | None] = mapped_column(Text, default=None)
    decided_by: Mapped[str | None] = mapped_column(String(100), default=None)
    decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    decision_delivery: Mapped[str | None] = mapped_column(String(20), default=None)
    appeal_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    appeal_deadline_rule: Mapped[str | None] = mapped_column(String(40), default=None)
    appeal_deadline_why: Mapped[str | None] = mapped_column(Text, default=None)
    deducted_in_month: Mapped[str | None] = mapped_column(String(7), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[SanctionLine]] = relationship(order_by="SanctionLine.breach_on", lazy="selectin")
    appeal: Mapped[SanctionAppeal | None] = relationship(lazy="selectin")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SanctionLine(Base):
    """One breach on its own day (aktivloven § 35, stk. 3): its hours, the amount and the last day it may be
    deducted. ``status``: open (to be deducted), deducted, lapsed (past its deadline), before_guidance (no
    written guidance before the day: never deducted), dropped (the decision or a reconsideration dropped it)."""

    __tablename__ = "sanction_line"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    sanction_id: Mapped[int] = mapped_column(ForeignKey("sanction.id"), index=True)
    breach_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[int | None] = mapped_column(Integer, default=None)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    guidance_on: Mapped[date | None] = mapped_column(Date, default=None)
    deduction_deadline: Mapped[date] = mapped_column(Date)
    deduction_deadline_rule: Mapped[str] = mapped_column(String(40))
    deduction_deadline_why: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    deducted_in_month: Mapped[str | None] = mapped_column(String(7), default=None)
    deducted_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), default=None)


class SanctionAppeal(Base):
    """An appeal of a decided sanction, lodged with the municipality (retssikkerhedsloven § 66–67): the day
    it arrived, whether after the appeal deadline, the reconsideration deadline, and the outcome: the
    decision changed (granted) or the case sent on to Ankestyrelsen (sent_on), dated."""

    __tablename__ = "sanction_appeal"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    sanction_id: Mapped[int] = mapped_column(ForeignKey("sanction.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    citizen_text: Mapped[str] = mapped_column(Text, default="")
    reconsider_by: Mapped[date] = mapped_column(Date)
    reconsider_by_rule: Mapped[str] = mapped_column(String(40))
    reconsider_by_why: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="received")  # received, granted, sent_on
    outcome_on: Mapped[date | None] = mapped_column(Date, default=None)
    outcome_reasoning: Mapped[str | None] = mapped_column(Text, default=None)
    registered_by: Mapped[str] = mapped_column(String(100))
    decided_by: Mapped[str | None] = mapped_column(String(100), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
