"""Use cases for benefits and monthly payment runs (R3); the sanction workflow is in ``sanctions``."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits import sanctions
from reception.benefits.models import Benefit, Payment, PaymentRun
from reception.benefits.schemas import BenefitIn
from reception.cases.service import get_case
from shared.auth import Principal
from shared.db import try_insert
from shared.errors import Conflict

SERVICE = "reception"
APPEAL_WEEKS = 4  # retssikkerhedsloven § 67
CENT = Decimal("0.01")


def add_benefit(session: Session, *, case_id: int, data: BenefitIn, by: Principal) -> Benefit:
    get_case(session, case_id=case_id)
    running = session.scalar(select(Benefit.id).where(Benefit.case_id == case_id, Benefit.end_date.is_(None)))
    if running is not None:
        raise Conflict(f"case {case_id} has a running benefit ({running})", danish="Sagen har allerede en ydelse")
    row = Benefit(
        case_id=case_id,
        benefit_type=data.benefit_type.value,
        monthly_amount=data.monthly_amount,
        start_date=data.start_date,
        payment_account_registered=data.payment_account_registered,
        created_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def benefits_for(session: Session, *, case_id: int) -> list[Benefit]:
    return list(session.scalars(select(Benefit).where(Benefit.case_id == case_id).order_by(Benefit.id)))


def stop_benefits(session: Session, *, case_id: int, on: date, reason: str) -> list[Benefit]:
    """End every running benefit of the case (e.g. the person is self-supporting, B7)."""
    stopped = list(
        session.scalars(select(Benefit).where(Benefit.case_id == case_id, Benefit.end_date.is_(None)).with_for_update())
    )
    for benefit in stopped:
        benefit.end_date, benefit.stop_reason = max(on, benefit.start_date), reason
    session.flush()
    return stopped


def _month_bounds(month: str) -> tuple[date, date]:
    year, mon = (int(x) for x in month.split("-"))
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


@dataclass(frozen=True)
class RunResult:
    run: PaymentRun
    payments: list[Payment]
    created: bool


def run_month(session: Session, *, month: str, by: Principal) -> RunResult:
    """Pay a month's benefits once. Re-running (or running twice at once) pays no one again."""
    run = PaymentRun(month=month, run_by=by.user)
    if not try_insert(session, run):  # this month ran already (or is running right now)
        existing = session.scalar(select(PaymentRun).where(PaymentRun.month == month))
        assert existing is not None
        payments = list(session.scalars(select(Payment).where(Payment.run_id == existing.id).order_by(Payment.id)))
        return RunResult(existing, payments, created=False)
    first, last = _month_bounds(month)
    days = (last - first).days + 1
    payments = []
    benefits = session.scalars(
        select(Benefit)
        .where(
            Benefit.start_date <= last,
            (Benefit.end_date.is_(None)) | (Benefit.end_date >= first),
            Benefit.payment_account_registered.is_(True),
        )
        .order_by(Benefit.id)
    )
    for benefit in benefits:
        active_from, active_to = max(first, benefit.start_date), min(last, benefit.end_date or last)
        share = Decimal((active_to - active_from).days + 1) / Decimal(days)
        gross = (benefit.monthly_amount * share).quantize(CENT, ROUND_HALF_UP)
        deduction = sanctions.deduct(session, case_id=benefit.case_id, month=month, first_day=first, gross=gross)
        payment = Payment(
            run_id=run.id,
            benefit_id=benefit.id,
            case_id=benefit.case_id,
            month=month,
            gross=gross,
            deduction=deduction,
            net=gross - deduction,
        )
        session.add(payment)
        payments.append(payment)
    session.flush()
    return RunResult(run, payments, created=True)
