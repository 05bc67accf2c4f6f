"""Use cases for benefits and monthly payment runs (R3); the sanction workflow is in ``sanctions``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits import sanctions
from reception.benefits.models import Benefit, Payment, PaymentRun, RecoveryClaim
from reception.benefits.schemas import ABOLISHED_TYPES, BenefitIn, BenefitType, SituationIn
from reception.cases.service import get_case
from shared.auth import Principal
from shared.clock import today
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound
from shared.law import kontanthjaelp
from shared.law.calendar import DANISH_MONTHS, dk_long, last_day_of_month

SERVICE = "reception"
APPEAL_WEEKS = 4  # retssikkerhedsloven § 67
CENT = Decimal("0.01")


ABOLISHED_ON = "1. juli 2025"
OLD_NAMES = {BenefitType.INTRODUCTION: "Introduktionsydelse", BenefitType.SELF_SUPPORT: "Selvforsørgelsesydelse"}
RECOVERY_RULE = "aktl-91-tilbagebetaling"


def suggestion(situation: SituationIn, start_date: date) -> kontanthjaelp.Suggestion:
    """The kontanthjælp suggested for the situation from ``start_date`` (aktivloven §§ 16–20)."""
    try:
        return kontanthjaelp.suggest(situation.to_law(), start_date)
    except kontanthjaelp.RateNotAvailable as exc:
        field = "situation.birth_date" if exc.field == "birth_date" else exc.field
        raise Invalid(exc.message, field=field, danish=exc.message) from exc


def add_benefit(session: Session, *, case_id: int, data: BenefitIn, by: Principal) -> Benefit:
    """A new benefit is kontanthjælp; its amount is the suggestion unless a reason for another is given."""
    if data.benefit_type in ABOLISHED_TYPES:
        name = OLD_NAMES[data.benefit_type]
        message = (
            f"{name} er afskaffet pr. {ABOLISHED_ON}; forsørgelse ydes nu som kontanthjælp "
            "(aktivloven §§ 16–20). Opret ydelsen som kontanthjælp."
        )
        raise Invalid(message, field="benefit_type", danish=message)
    get_case(session, case_id=case_id)
    running = session.scalar(select(Benefit.id).where(Benefit.case_id == case_id, Benefit.end_date.is_(None)))
    if running is not None:
        raise Conflict(f"case {case_id} has a running benefit ({running})", danish="Sagen har allerede en ydelse")
    suggested = suggestion(data.situation, data.start_date)
    amount = data.monthly_amount if data.monthly_amount is not None else suggested.amount
    reason = (data.override_reason or "").strip() or None
    if amount != suggested.amount and reason is None:
        message = (
            f"Beløbet {amount} kr. afviger fra den foreslåede kontanthjælp ({suggested.amount} kr.); "
            "skriv begrundelsen for afvigelsen"
        )
        raise Invalid(message, field="override_reason", danish=message)
    row = Benefit(
        case_id=case_id,
        benefit_type=BenefitType.CASH.value,
        monthly_amount=amount,
        start_date=data.start_date,
        payment_account_registered=data.payment_account_registered,
        created_by=by.user,
        amount_rule=suggested.rule,
        amount_why=suggested.explanation,
        amount_year=suggested.year,
        amount_basis=data.situation.to_law().as_text(),
        suggested_amount=suggested.amount,
        override_reason=reason if amount != suggested.amount else None,
    )
    session.add(row)
    session.flush()
    return row


def register_payment_account(session: Session, *, benefit_id: int, case_id: int | None = None) -> Benefit:
    """NemKonto registered after the benefit: the next payment run pays the months skipped meanwhile."""
    row = session.get(Benefit, benefit_id, with_for_update=True)
    if row is None or (case_id is not None and row.case_id != case_id):
        raise NotFound(f"no benefit with id {benefit_id}", danish="Ydelsen findes ikke på sagen")
    if row.payment_account_registered:
        raise Conflict("the payment account is already registered", danish="NemKonto er allerede registreret")
    row.payment_account_registered = True
    session.flush()
    return row


def benefits_for(session: Session, *, case_id: int) -> list[Benefit]:
    return list(session.scalars(select(Benefit).where(Benefit.case_id == case_id).order_by(Benefit.id)))


def stop_benefits(session: Session, *, case_id: int, on: date, reason: str) -> list[Benefit]:
    """End every running benefit of the case (e.g. the person is self-supporting, B7); what was already paid
    for days after the end becomes a recovery claim."""
    stopped = list(
        session.scalars(select(Benefit).where(Benefit.case_id == case_id, Benefit.end_date.is_(None)).with_for_update())
    )
    for benefit in stopped:
        benefit.end_date, benefit.stop_reason = max(on, benefit.start_date), reason
    session.flush()
    for benefit in stopped:
        record_recoveries(session, benefit)
    return stopped


def record_recoveries(session: Session, benefit: Benefit) -> list[RecoveryClaim]:
    """For each month paid for the benefit, what was paid beyond the days it was payable: one claim per month
    (a second stop, or the event delivered again, records none again)."""
    paid: dict[str, tuple[Decimal, Decimal]] = {}
    for payment in session.scalars(select(Payment).where(Payment.benefit_id == benefit.id)):
        gross, net = paid.get(payment.month, (Decimal("0.00"), Decimal("0.00")))
        paid[payment.month] = (gross + payment.gross, net + payment.net)
    claims = []
    for month, (gross, net) in sorted(paid.items()):
        days, payable_days, payable = payable_in(benefit, month)
        over = min(net, gross - payable)
        if over <= 0:
            continue
        end = benefit.end_date
        assert end is not None
        why = (
            f"Ydelsen ophørte {dk_long(end)} ({benefit.stop_reason or 'stoppet'}). For {month_name(month)} er der "
            f"udbetalt {gross} kr. brutto / {net} kr. netto, men ydelsen var kun til udbetaling i {payable_days} af "
            f"månedens {days} dage ({payable} kr.). {over} kr. er udbetalt uden ret og skal opkræves, hvis "
            "betingelserne i aktivloven § 91 er opfyldt (kommunen træffer afgørelse om tilbagebetaling)."
        )
        claim = RecoveryClaim(
            benefit_id=benefit.id,
            case_id=benefit.case_id,
            month=month,
            amount=over,
            claim_rule=RECOVERY_RULE,
            claim_why=why,
            recorded_on=today(),
        )
        if try_insert(session, claim):
            claims.append(claim)
    return claims


def recoveries_for(session: Session, *, case_id: int) -> list[RecoveryClaim]:
    return list(
        session.scalars(select(RecoveryClaim).where(RecoveryClaim.case_id == case_id).order_by(RecoveryClaim.id))
    )


def payments_for(session: Session, *, case_id: int) -> list[Payment]:
    return list(session.scalars(select(Payment).where(Payment.case_id == case_id).order_by(Payment.month, Payment.id)))


def _month_bounds(month: str) -> tuple[date, date]:
    year, mon = (int(x) for x in month.split("-"))
    return date(year, mon, 1), last_day_of_month(year, mon)


def month_name(month: str) -> str:
    first, _ = _month_bounds(month)
    return f"{DANISH_MONTHS[first.month - 1]} {first.year}"


def payable_in(benefit: Benefit, month: str) -> tuple[int, int, Decimal]:
    """The month's days, the days the benefit was payable in it, and the gross amount for those days
    (the monthly amount × payable days / the month's days)."""
    first, last = _month_bounds(month)
    days = (last - first).days + 1
    active_from, active_to = max(first, benefit.start_date), min(last, benefit.end_date or last)
    payable_days = max(0, (active_to - active_from).days + 1)
    share = Decimal(payable_days) / Decimal(days)
    return days, payable_days, (benefit.monthly_amount * share).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class RunResult:
    run: PaymentRun
    payments: list[Payment]
    created: bool


def check_month(month: str) -> None:
    """A run is for the current month or a past one (Copenhagen's today): no one is paid ahead."""
    first, _ = _month_bounds(month)
    now = today()
    if first > now:
        message = (
            f"Udbetalingen for {month_name(month)} kan ikke køres endnu: der udbetales kun for indeværende "
            f"eller en tidligere måned (i dag er det {now.day}. {DANISH_MONTHS[now.month - 1]} {now.year})"
        )
        raise Invalid(message, field="month", danish=message)


def run_month(session: Session, *, month: str, by: Principal) -> RunResult:
    """Pay a month's benefits once, and every earlier run's month still owed (arrears). Re-running (or
    running twice at once) pays no one again: one payment per benefit and month (a unique constraint)."""
    check_month(month)
    run = PaymentRun(month=month, run_by=by.user)
    if not try_insert(session, run):  # this month ran already (or is running right now)
        existing = session.scalar(select(PaymentRun).where(PaymentRun.month == month))
        assert existing is not None
        payments = list(session.scalars(select(Payment).where(Payment.run_id == existing.id).order_by(Payment.id)))
        return RunResult(existing, payments, created=False)
    first, last = _month_bounds(month)
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
        _days, _payable_days, gross = payable_in(benefit, month)
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
    payments.extend(_pay_arrears(session, run))
    return RunResult(run, payments, created=True)


def _pay_arrears(session: Session, run: PaymentRun) -> list[Payment]:
    """Efterbetaling: every other month that had a run, in which a benefit (with its NemKonto registered now)
    was payable and has no payment, is paid now in full for its payable days, as a payment of kind
    ``arrears`` for that month. Sanctions are deducted from the regular payment only (sanctions.deduct);
    none are taken from arrears. Each insert is its own savepoint: a run at the same time that paid the
    same month first wins, and this one pays nothing for it."""
    current = today().strftime("%Y-%m")  # a run recorded for a future month before runs were checked pays nothing
    months = sorted(
        session.scalars(select(PaymentRun.month).where(PaymentRun.month != run.month, PaymentRun.month <= current))
    )
    if not months:
        return []
    paid = {(benefit_id, month) for benefit_id, month in session.execute(select(Payment.benefit_id, Payment.month))}
    earliest, _ = _month_bounds(months[0])
    _, latest = _month_bounds(months[-1])
    owed = session.scalars(
        select(Benefit)
        .where(
            Benefit.payment_account_registered.is_(True),
            Benefit.start_date <= latest,
            (Benefit.end_date.is_(None)) | (Benefit.end_date >= earliest),
        )
        .order_by(Benefit.id)
    ).all()
    payments = []
    for benefit in owed:
        for month in months:
            if (benefit.id, month) in paid:
                continue
            _days, payable_days, gross = payable_in(benefit, month)
            if payable_days == 0:
                continue
            payment = Payment(
                run_id=run.id,
                benefit_id=benefit.id,
                case_id=benefit.case_id,
                month=month,
                gross=gross,
                deduction=Decimal("0.00"),
                net=gross,
                kind="arrears",
            )
            if try_insert(session, payment):
                payments.append(payment)
    return payments
