"""Use cases for benefits, monthly payment runs and the sanction workflow (R3, aktivloven § 35)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits.models import Benefit, Payment, PaymentRun, Sanction
from reception.benefits.schemas import BenefitIn, Decision, SanctionIn
from reception.cases.service import get_case
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import SanctionDecided
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

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


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def deduction_deadline(breach: date) -> date:
    """The last day a deduction may fall: within three whole calendar months after the breach month."""
    return _add_months(breach, 4) - timedelta(days=1)


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
        deduction = Decimal("0.00")
        for sanction in session.scalars(
            select(Sanction).where(Sanction.case_id == benefit.case_id, Sanction.status == "applied").with_for_update()
        ):
            if first > deduction_deadline(sanction.breach_date):
                sanction.status = "lapsed"  # too late to deduct (aktivloven § 35)
                continue
            take = min(sanction.amount, gross - deduction)
            deduction += take
            sanction.status, sanction.deducted_in_month = "deducted", month
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


def propose_sanction(
    session: Session, *, case_id: int, data: SanctionIn, by: Principal, source_event_id: str | None = None
) -> Sanction:
    """Propose a sanction for a breach of a duty the person was told about in writing beforehand."""
    get_case(session, case_id=case_id)
    if data.breach_date > today():
        raise Invalid("breach_date cannot be in the future", field="breach_date", danish="Datoen ligger i fremtiden")
    if data.guidance_given_on > data.breach_date:
        raise Invalid(
            "a sanction needs written guidance about the duty before the breach",
            field="guidance_given_on",
            danish="Sanktion kræver forudgående skriftlig vejledning om pligten (aktivloven § 35)",
        )
    row = Sanction(
        case_id=case_id,
        reason=data.reason,
        breach_date=data.breach_date,
        guidance_given_on=data.guidance_given_on,
        amount=data.amount,
        proposed_by=by.user,
        source_event_id=source_event_id,
    )
    session.add(row)
    session.flush()
    return row


def get_sanction(session: Session, *, sanction_id: int, version: int | None = None) -> Sanction:
    row = session.get(Sanction, sanction_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no sanction with id {sanction_id}", danish="Sanktionen findes ikke")
    if version is not None and row.version != version:
        raise Conflict(
            f"the sanction was changed by someone else (version {row.version})",
            danish="Sanktionen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def send_hearing(session: Session, *, sanction_id: int, version: int, reply_days: int) -> Sanction:
    """Partshøring: the citizen is told and gets a deadline to reply."""
    row = get_sanction(session, sanction_id=sanction_id, version=version)
    if row.status != "proposed":
        raise Conflict(f"the sanction is {row.status}, not proposed", danish="Partshøring er allerede sendt")
    row.status, row.hearing_sent_on, row.reply_deadline = "hearing", today(), today() + timedelta(days=reply_days)
    session.flush()
    return row


def record_reply(session: Session, *, sanction_id: int, version: int, reply: str) -> Sanction:
    row = get_sanction(session, sanction_id=sanction_id, version=version)
    if row.status != "hearing":
        raise Conflict("the citizen is not being heard on this sanction", danish="Sanktionen er ikke i partshøring")
    row.citizen_reply = reply
    session.flush()
    return row


def decide(
    session: Session, *, sanction_id: int, version: int, decision: Decision, reasoning: str, by: Principal
) -> Sanction:
    """Apply or drop, with the reasoning; the decision carries the appeal deadline."""
    row = get_sanction(session, sanction_id=sanction_id, version=version)
    if row.status != "hearing":
        raise Conflict("a sanction is decided only after the hearing", danish="Der skal først foretages partshøring")
    if row.citizen_reply is None and row.reply_deadline is not None and today() <= row.reply_deadline:
        raise Conflict(
            f"wait for the citizen's reply or the deadline ({row.reply_deadline.isoformat()})",
            danish="Afvent borgerens svar eller svarfristen",
        )
    if decision == Decision.APPLIED and today() > deduction_deadline(row.breach_date):
        raise Conflict(
            "too late: the deduction must fall within three whole calendar months of the breach",
            danish="For sent: fradrag skal ske inden for tre hele kalendermåneder (aktivloven § 35)",
        )
    row.status = "applied" if decision == Decision.APPLIED else "dropped"
    row.decision, row.reasoning, row.decided_by, row.decided_on = decision.value, reasoning, by.user, today()
    row.appeal_deadline = today() + timedelta(weeks=APPEAL_WEEKS)
    publish(
        session,
        SanctionDecided(
            case_id=row.case_id, sanction_id=row.id, decision=decision.value, appeal_deadline=row.appeal_deadline
        ),
        producer=SERVICE,
    )
    session.flush()
    return row


def sanctions_for(session: Session, *, case_id: int) -> list[Sanction]:
    return list(session.scalars(select(Sanction).where(Sanction.case_id == case_id).order_by(Sanction.id)))
