"""Housing's news shown on the case (H1 → R1/R2)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception.cases import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.housing import PlacementRequested, ReadinessFlagged, TemporaryAssigned


def on_placement_requested(session: Session, event: PlacementRequested, _envelope: EventEnvelope) -> None:
    service.set_housing(session, case_id=event.case_id, status="placement_requested")


def on_temporary_assigned(session: Session, event: TemporaryAssigned, _envelope: EventEnvelope) -> None:
    service.set_housing(
        session,
        case_id=event.case_id,
        status="assigned",
        address=event.address,
        unit_id=event.unit_id,
        ready_from=event.ready_from,
    )


def on_readiness_flagged(session: Session, event: ReadinessFlagged, _envelope: EventEnvelope) -> None:
    service.set_housing(session, case_id=event.case_id, status="flagged")
