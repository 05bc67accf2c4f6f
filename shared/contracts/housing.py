"""Events housing publishes."""

from __future__ import annotations

from datetime import date

from shared.bus.envelope import Event, contract
from shared.contracts.plans import PlanActionUpdated


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


@contract("housing.moved_in", 1)
class MovedIn(Event):
    """The household moved into its temporary unit; the move-in checklist is done (H2)."""

    case_id: int
    unit_id: int
    moved_in_on: date


@contract("housing.moved_out", 1)
class MovedOut(Event):
    """The household left its temporary unit (H2, H6)."""

    case_id: int
    unit_id: int
    moved_out_on: date
    reason: str


@contract("housing.permanent_allocated", 1)
class PermanentAllocated(Event):
    """The household accepted an offer of permanent housing (H6); the temporary placement ends."""

    case_id: int
    offer_id: int
    address: str
    move_in_date: date
    allocation: str  # "turn" (waiting list) or "need"


@contract("housing.plan_action_updated", 1)
class HousingPlanActionUpdated(PlanActionUpdated):
    """Housing moved an integration-plan action it owns on (R5)."""
