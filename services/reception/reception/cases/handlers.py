"""Housing's news shown on the case (H1 → R1/R2)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception.cases import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.housing import (
    MovedIn,
    MovedOut,
    PermanentAllocated,
    PlacementRequested,
    ReadinessFlagged,
    TemporaryAssigned,
)


def on_placement_requested(session: Session, event: PlacementRequested, envelope: EventEnvelope) -> None:
    service.set_housing(session, case_id=event.case_id, status="placement_requested", as_of=envelope.occurred_at)


def on_temporary_assigned(session: Session, event: TemporaryAssigned, envelope: EventEnvelope) -> None:
    service.set_housing(
        session,
        case_id=event.case_id,
        status="assigned",
        as_of=envelope.occurred_at,
        address=event.address,
        unit_id=event.unit_id,
        ready_from=event.ready_from,
    )


def on_readiness_flagged(session: Session, event: ReadinessFlagged, envelope: EventEnvelope) -> None:
    service.set_housing(session, case_id=event.case_id, status="flagged", as_of=envelope.occurred_at)


def on_moved_in(session: Session, event: MovedIn, envelope: EventEnvelope) -> None:
    service.set_housing(session, case_id=event.case_id, status="moved_in", as_of=envelope.occurred_at)


def on_moved_out(session: Session, event: MovedOut, envelope: EventEnvelope) -> None:
    service.set_housing(session, case_id=event.case_id, status="moved_out", as_of=envelope.occurred_at)


def on_permanent_allocated(session: Session, event: PermanentAllocated, envelope: EventEnvelope) -> None:
    service.set_housing(
        session,
        case_id=event.case_id,
        status="permanent",
        as_of=envelope.occurred_at,
        address=event.address,
        ready_from=event.move_in_date,
    )
