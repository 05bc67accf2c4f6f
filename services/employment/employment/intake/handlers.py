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
        born_on=event.born_on,
    )
    followups.generate(session, case_id=row.case_id)


def on_responsibility_taken_over(session: Session, event: ResponsibilityTakenOver, _envelope: EventEnvelope) -> None:
    """§ 16's month counts from the day the municipality takes over (§ 4); until the § 17 visitation is completed
    the interim § 20 follow-ups count from it too. A corrected day (the event again with another day) moves both."""
    service.responsibility_taken_over(
        session, case_id=event.case_id, taken_over_on=event.taken_over_on, basis=event.basis
    )
    followups.reschedule(session, case_id=event.case_id)
