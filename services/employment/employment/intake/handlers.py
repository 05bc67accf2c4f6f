"""A new case in reception puts the match conversation on the list (B1) and the follow-ups on the calendar (B8)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from employment.followup import service as followups
from employment.intake import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import CaseOpened, ResponsibilityTakenOver


def on_case_opened(session: Session, event: CaseOpened, _envelope: EventEnvelope) -> None:
    row = service.schedule(
        session,
        case_id=event.case_id,
        case_number=event.case_number,
        arrival=event.expected_arrival_date,
        residence_basis=event.residence_basis,
    )
    followups.generate(session, case_id=row.case_id, start=service.arrival_of(row))


def on_responsibility_taken_over(session: Session, event: ResponsibilityTakenOver, _envelope: EventEnvelope) -> None:
    """§ 20's six months count from the day the municipality takes over (§ 4), not from the arrival."""
    followups.rebase(session, case_id=event.case_id, start=event.taken_over_on)
