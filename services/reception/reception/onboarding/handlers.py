"""Reception reacts to its own case events: the checklist opens with the case (R3)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception.onboarding import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import ArrivalScheduled, CaseOpened


def on_case_opened(session: Session, event: CaseOpened, _envelope: EventEnvelope) -> None:
    service.open_checklist(session, case_id=event.case_id, arrival_date=event.expected_arrival_date)


def on_arrival_scheduled(session: Session, event: ArrivalScheduled, _envelope: EventEnvelope) -> None:
    service.rebase_due_dates(session, case_id=event.case_id, arrival_date=event.arrival_date)
