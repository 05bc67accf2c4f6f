"""Move-in checklist and furniture through the API (H2)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from housing import lookups
from housing.movein import service
from housing.movein.schemas import FurnitureIn, FurnitureOut, FurnitureUpdate, MoveInIn, MoveInOut
from housing.web import Reader, Settler
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["bolig"])


@router.put("/assignments/{assignment_id}/move-in", response_model=MoveInOut)
def record_move_in(assignment_id: IdPath, body: MoveInIn, session: Db, by: Settler) -> MoveInOut:
    """H2: keys, meter readings, house rules, guidance; complete → housing.moved_in."""
    checklist = service.record_move_in(session, assignment_id=assignment_id, data=body, by=by)
    out = MoveInOut.model_validate(checklist)
    return out.model_copy(update={"missing": service.missing(checklist)})


@router.post("/assignments/{assignment_id}/furniture", status_code=status.HTTP_201_CREATED, response_model=FurnitureOut)
def add_furniture(assignment_id: IdPath, body: FurnitureIn, session: Db, _by: Settler) -> Any:
    return service.add_furniture(session, assignment_id=assignment_id, data=body)


@router.get("/assignments/{assignment_id}/furniture", response_model=list[FurnitureOut])
def list_furniture(assignment_id: IdPath, session: Db, by: Reader) -> Any:
    """The furniture of one household's assignment (access-logged under its case)."""
    case_id = service.case_of(session, assignment_id=assignment_id)
    access.record(session, by=by, purpose=lookups.READ_MOVE_IN, case_id=case_id)
    return service.furniture_for(session, assignment_id=assignment_id)


@router.patch("/furniture/{furniture_id}", response_model=FurnitureOut)
def update_furniture(furniture_id: IdPath, body: FurnitureUpdate, session: Db, _by: Settler) -> Any:
    return service.update_furniture(session, furniture_id=furniture_id, data=body)
