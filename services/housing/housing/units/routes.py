"""Housing's JSON API: temporary units, assignments, moving out, the readiness board (H1, H2)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, status

from housing import lookups
from housing.readiness import service as readiness
from housing.units import service
from housing.units.models import TemporaryUnit
from housing.units.schemas import AssignmentIn, AssignmentOut, MoveOutIn, UnitIn, UnitOut, UnitUpdate
from housing.web import Placer, Reader
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["bolig"])



def unit_out(unit: TemporaryUnit, taken: int) -> UnitOut:
    return UnitOut(
        id=unit.id,
        address=unit.address,
        capacity=unit.capacity,
        ready_from=unit.ready_from,
        status=unit.status,
        unit_type=unit.unit_type,
        version=unit.version,
        beds_taken=taken,
    )


@router.post("/units", status_code=status.HTTP_201_CREATED, response_model=UnitOut)
def create_unit(unit: UnitIn, session: Db, _by: Placer) -> UnitOut:
    return unit_out(service.create_unit(session, unit=unit), 0)


@router.get("/units", response_model=list[UnitOut])
def list_units(session: Db, _by: Reader) -> list[UnitOut]:
    return [unit_out(u, taken) for u, taken in service.list_units(session)]


@router.patch("/units/{unit_id}", response_model=UnitOut)
def update_unit(unit_id: IdPath, body: UnitUpdate, session: Db, _by: Placer) -> UnitOut:
    """H1: status (ready, being prepared, occupied, out of service), readiness date, beds."""
    unit = service.update_unit(session, unit_id=unit_id, update=body)
    return unit_out(unit, service.beds_taken(session, unit.id))


@router.post("/units/{unit_id}/assignments", status_code=status.HTTP_201_CREATED, response_model=AssignmentOut)
def assign(unit_id: IdPath, body: AssignmentIn, session: Db, by: Placer) -> Any:
    """H1: assign the unit to an arriving household; publishes housing.temporary_assigned."""
    return service.assign(session, unit_id=unit_id, case_id=body.case_id, by=by)


@router.post("/assignments/{assignment_id}/move-out", response_model=AssignmentOut)
def move_out(assignment_id: IdPath, body: MoveOutIn, session: Db, by: Placer) -> Any:
    """H2: the household leaves the unit; publishes housing.moved_out."""
    return service.end_assignment(session, assignment_id=assignment_id, on=body.moved_out_on, reason=body.reason)


@router.get("/readiness")
def readiness_board(request: Request, session: Db, by: Reader) -> list[dict[str, Any]]:
    """The arriving households and their housing (a list of persons: access-logged)."""
    rows = readiness.board(session, warning_days=request.app.state.settings.readiness_warning_days)
    access.record(session, by=by, purpose=lookups.LIST_ARRIVALS)
    return [row.__dict__ for row in rows]
