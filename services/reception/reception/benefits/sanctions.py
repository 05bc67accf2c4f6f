"""The sanction workflow (R3, aktivloven § 35): proposal, hearing (partshøring), decision, and the deduction
a payment run takes for an applied sanction."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits.models import Sanction
from reception.benefits.schemas import Decision, SanctionIn
from reception.cases.service import get_case
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import SanctionDecided
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "reception"
APPEAL_WEEKS = 4  # retssikkerhedsloven § 67
CENT = Decimal("0.01")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def deduction_deadline(breach: date) -> date:
    """The last day a deduction may fall: within three whole calendar months after the breach month."""
    return _add_months(breach, 4) - timedelta(days=1)


def deduct(session: Session, *, case_id: int, month: str, first_day: date, gross: Decimal) -> Decimal:
    """What the payment run for ``month`` deducts from ``gross`` for the case's applied sanctions; each
    sanction taken is marked deducted in that month, one too late to deduct lapses."""
    deduction = Decimal("0.00")
    for sanction in session.scalars(
        select(Sanction).where(Sanction.case_id == case_id, Sanction.status == "applied").with_for_update()
    ):
        if first_day > deduction_deadline(sanction.breach_date):
            sanction.status = "lapsed"  # too late to deduct (aktivloven § 35)
            continue
        take = min(sanction.amount, gross - deduction)
        deduction += take
        sanction.status, sanction.deducted_in_month = "deducted", month
    return deduction


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
