"""Events housing publishes."""

from __future__ import annotations

from datetime import date

from shared.bus.envelope import Event, contract


@contract("housing.placement_requested", 1)
class PlacementRequested(Event):
    """No ready temporary unit for an arrival: Social- og Psykiatriafdelingen must place (H1)."""

    case_id: int
    arrival_date: date
    request_id: int


@contract("housing.temporary_assigned", 1)
class TemporaryAssigned(Event):
    """A temporary unit was assigned to the case's household (H1)."""

    case_id: int
    unit_id: int
    address: str
    ready_from: date
    arrival_date: date


@contract("housing.readiness_flagged", 1)
class ReadinessFlagged(Event):
    """An arrival is close and still has no ready unit (H1, periodic check)."""

    case_id: int
    arrival_date: date
    days_left: int
