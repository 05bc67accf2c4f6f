"""A new case in reception puts the language assessment and referral to the language school on the list (E1)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from education.intake import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import CaseOpened, ResponsibilityTakenOver


def on_case_opened(session: Session, event: CaseOpened, _envelope: EventEnvelope) -> None:
    service.schedule(session, case_id=event.case_id, case_number=event.case_number, arrival=event.expected_arrival_date)


def on_responsibility_taken_over(session: Session, event: ResponsibilityTakenOver, _envelope: EventEnvelope) -> None:
    service.responsibility_taken_over(
        session, case_id=event.case_id, taken_over_on=event.taken_over_on, basis=event.basis
    )
