"""Events from other services that change benefits: absence (education, E4) and self-sufficiency (employment, B7)."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits import sanctions, service
from reception.benefits.models import Benefit
from shared.auth import Department, Principal
from shared.bus.envelope import EventEnvelope
from shared.contracts.education import AbsenceReported
from shared.contracts.employment import SELF_SUFFICIENCY_KINDS, SelfSufficiencyReported

log = logging.getLogger(__name__)

EDUCATION = Principal(user="Danskuddannelse (fraværsliste)", department=Department.OKONOMI)


def on_absence_reported(session: Session, event: AbsenceReported, envelope: EventEnvelope) -> None:
    """Unexcused absence becomes a sanction proposal for Økonomisk Team to hear and decide (R3), one line
    per day of absence.

    The written guidance is the case's guidance record about attending Danish education (aktivloven
    § 35, stk. 1), not the contract's signature: hours on or before its day are never deducted. No proposal
    when no day can be deducted (no guidance before any of them, or every window closed) or there is no
    running benefit to deduct from: the absence stays on the timeline.
    """
    benefit = session.scalar(
        select(Benefit).where(Benefit.case_id == event.case_id, Benefit.end_date.is_(None)).order_by(Benefit.id)
    )
    if benefit is None:
        log.info("absence %s for case %s: no running benefit, no sanction proposed", event.absence_id, event.case_id)
        return
    days = [(day.on, day.hours) for day in event.absent_days]
    listed = ", ".join(f"{on:%d.%m.%Y} ({hours} t.)" for on, hours in sorted(days))
    reason = (
        f"Fravær fra {event.course}: {event.absent_hours} af {event.planned_hours} timer uden gyldig grund "
        f"i perioden {event.period_start:%d.%m.%Y}–{event.period_end:%d.%m.%Y}: {listed} "
        "(indberettet af Danskuddannelse)"
    )
    proposed = sanctions.propose_from_absence(
        session,
        case_id=event.case_id,
        days=days,
        monthly_amount=benefit.monthly_amount,
        reason=reason,
        by=EDUCATION,
        source_event_id=str(envelope.event_id),
    )
    if proposed is None:
        log.info(
            "absence %s for case %s: no sanction proposed (no written guidance before the days, or too late)",
            event.absence_id,
            event.case_id,
        )


def on_self_sufficiency_reported(session: Session, event: SelfSufficiencyReported, _envelope: EventEnvelope) -> None:
    """The person supports themselves: every running benefit ends the day before (B7); what a payment run
    already paid for the days after becomes a recovery claim (service.record_recoveries)."""
    label = SELF_SUFFICIENCY_KINDS.get(event.kind, event.kind)
    last_day = event.effective_from - timedelta(days=1)
    service.stop_benefits(session, case_id=event.case_id, on=last_day, reason=f"Selvforsørgende ({label})")
