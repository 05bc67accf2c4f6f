"""Housing's JSON API: temporary units, assignments, the readiness board."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status

from housing.readiness import service as readiness
from housing.units import service
from housing.units.schemas import AssignmentIn, AssignmentOut, UnitIn, UnitOut
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["bolig"])

Placer = Annotated[Principal, Depends(require(Department.SOCIAL_PSYKIATRI))]
Reader = Annotated[
    Principal, Depends(require(Department.SOCIAL_PSYKIATRI, Department.JOBCENTRET, Department.BORGERSERVICE))
]


@router.post("/units", status_code=status.HTTP_201_CREATED, response_model=UnitOut)
def create_unit(unit: UnitIn, session: Db, _by: Placer) -> UnitOut:
    row = service.create_unit(session, unit=unit)
    return UnitOut(
        id=row.id,
        address=row.address,
        capacity=row.capacity,
        ready_from=row.ready_from,
        status=row.status,
        beds_taken=0,
    )


@router.get("/units", response_model=list[UnitOut])
def list_units(session: Db, _by: Reader) -> list[UnitOut]:
    return [
        UnitOut(
            id=u.id, address=u.address, capacity=u.capacity, ready_from=u.ready_from, status=u.status, beds_taken=taken
        )
        for u, taken in service.list_units(session)
    ]


@router.post("/units/{unit_id}/assignments", status_code=status.HTTP_201_CREATED, response_model=AssignmentOut)
def assign(unit_id: IdPath, body: AssignmentIn, session: Db, by: Placer) -> Any:
    """H1: assign the unit to an arriving household; publishes housing.temporary_assigned."""
    return service.assign(session, unit_id=unit_id, case_id=body.case_id, by=by)


@router.get("/readiness")
def readiness_board(request: Request, session: Db, _by: Reader) -> list[dict[str, Any]]:
    rows = readiness.board(session, warning_days=request.app.state.settings.readiness_warning_days)
    return [row.__dict__ for row in rows]
