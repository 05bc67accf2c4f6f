"""Events from other services that change benefits: absence (education, E4) and self-sufficiency (employment, B7)."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits import sanctions, service
from reception.benefits.models import Benefit
from reception.benefits.schemas import SanctionIn
from reception.contracts.models import IntegrationContract
from shared.auth import Department, Principal
from shared.bus.envelope import EventEnvelope
from shared.clock import local_date
from shared.contracts.education import AbsenceReported
from shared.contracts.employment import SELF_SUFFICIENCY_KINDS, SelfSufficiencyReported

log = logging.getLogger(__name__)

# Aktivloven § 36: an hour of unexcused absence is deducted at the monthly benefit's hourly rate,
# the month taken as 37 hours a week over 52 weeks / 12.
HOURS_PER_MONTH = Decimal(37 * 52) / Decimal(12)
EDUCATION = Principal(user="Danskuddannelse (fraværsliste)", department=Department.OKONOMI)


def on_absence_reported(session: Session, event: AbsenceReported, envelope: EventEnvelope) -> None:
    """Unexcused absence becomes a sanction proposal for Økonomisk Team to hear and decide (R3).

    No proposal when the person was never told in writing about the duty (no signed contract by
    the end of the period) or has no running benefit to deduct from: the absence stays on the timeline.
    """
    contract = session.scalar(
        select(IntegrationContract).where(
            IntegrationContract.case_id == event.case_id, IntegrationContract.status == "signed"
        )
    )
    signed = [t for t in (contract.caseworker_signed_at, contract.citizen_signed_at) if t] if contract else []
    guidance_on = local_date(max(signed)) if signed else None
    benefit = session.scalar(
        select(Benefit).where(Benefit.case_id == event.case_id, Benefit.end_date.is_(None)).order_by(Benefit.id)
    )
    if guidance_on is None or guidance_on > event.period_end or benefit is None:
        log.info(
            "absence %s for case %s: no sanction proposed (no written guidance or no benefit)",
            event.absence_id,
            event.case_id,
        )
        return
    amount = (benefit.monthly_amount / HOURS_PER_MONTH * event.absent_hours).quantize(sanctions.CENT, ROUND_HALF_UP)
    reason = (
        f"Fravær fra {event.course}: {event.absent_hours} af {event.planned_hours} timer uden gyldig grund "
        f"i perioden {event.period_start:%d.%m.%Y}–{event.period_end:%d.%m.%Y} (indberettet af Danskuddannelse)"
    )
    sanctions.propose_sanction(
        session,
        case_id=event.case_id,
        data=SanctionIn(
            reason=reason,
            breach_date=event.period_end,
            guidance_given_on=guidance_on,
            amount=max(amount, sanctions.CENT),
        ),
        by=EDUCATION,
        source_event_id=str(envelope.event_id),
    )


def on_self_sufficiency_reported(session: Session, event: SelfSufficiencyReported, _envelope: EventEnvelope) -> None:
    """The person supports themselves: every running benefit ends the day before (B7); what a payment run
    already paid for the days after becomes a recovery claim (service.record_recoveries)."""
    label = SELF_SUFFICIENCY_KINDS.get(event.kind, event.kind)
    last_day = event.effective_from - timedelta(days=1)
    service.stop_benefits(session, case_id=event.case_id, on=last_day, reason=f"Selvforsørgende ({label})")
