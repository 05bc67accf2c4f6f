"""Special language efforts through the API (E3)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from education import lookups
from education.efforts import service
from education.efforts.schemas import EffortIn, EffortOut, EffortUpdate
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["sproglige barrierer"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/cases/{case_id}/language-efforts", status_code=status.HTTP_201_CREATED, response_model=EffortOut)
def plan(case_id: IdPath, body: EffortIn, session: Db, by: Staff) -> Any:
    """E3: sprogpraktik, virksomhedsdansk, støtteundervisning or turbodansk: provider, period, hours per week."""
    return service.plan(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/language-efforts", response_model=list[EffortOut])
def for_case(case_id: IdPath, session: Db, by: Staff) -> Any:
    access.record(session, by=by, purpose=lookups.READ_EFFORTS, case_id=case_id)
    return service.for_case(session, case_id=case_id)


@router.get("/language-efforts/{effort_id}", response_model=EffortOut)
def get_effort(effort_id: IdPath, session: Db, by: Staff) -> Any:
    row = service.get(session, effort_id)
    access.record(session, by=by, purpose=lookups.READ_EFFORTS, case_id=row.case_id)
    return row


@router.patch("/language-efforts/{effort_id}", response_model=EffortOut)
def update(effort_id: IdPath, body: EffortUpdate, session: Db, by: Staff) -> Any:
    """Status (allowed transitions only) and outcome; a stale ``version`` is a 409."""
    return service.update(session, effort_id=effort_id, data=body, by=by)
