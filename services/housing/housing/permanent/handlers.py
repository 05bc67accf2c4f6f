"""Housing reacts to reception's family reunifications: the combined household needs permanent housing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from housing.permanent import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import FamilyReunificationPlanned


def on_family_reunification_planned(
    session: Session, event: FamilyReunificationPlanned, _envelope: EventEnvelope
) -> None:
    service.family_joining(
        session,
        anchor_case_id=event.anchor_case_id,
        household_size=event.household_size,
        needed_by=event.expected_arrival_date,
    )
