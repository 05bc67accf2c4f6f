"""Housing reacts to reception's case and arrival events with a readiness check (H1)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from housing.readiness import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import ArrivalScheduled, CaseOpened


def on_case_opened(session: Session, event: CaseOpened, envelope: EventEnvelope) -> None:
    if not event.needs_temporary_housing:
        return  # family members joining a household: permanent housing is arranged instead (H5)
    service.check_arrival(
        session,
        case_id=event.case_id,
        case_number=event.case_number,
        household_size=event.household_size,
        arrival_date=event.expected_arrival_date,
        as_of=envelope.occurred_at,
    )


def on_arrival_scheduled(session: Session, event: ArrivalScheduled, envelope: EventEnvelope) -> None:
    service.check_arrival(
        session,
        case_id=event.case_id,
        case_number=event.case_number,
        household_size=event.household_size,
        arrival_date=event.arrival_date,
        as_of=envelope.occurred_at,
    )
