"""Self-sufficiency through the API (B7)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.selfsufficiency import service
from employment.selfsufficiency.schemas import SelfSufficiencyIn, SelfSufficiencyOut
from shared import access
from shared.auth import Department, Principal, require
from shared.errors import NotFound
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["selvforsørgelse"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post(
    "/cases/{case_id}/self-sufficiency", status_code=status.HTTP_201_CREATED, response_model=SelfSufficiencyOut
)
def report(case_id: IdPath, body: SelfSufficiencyIn, session: Db, by: Caseworker) -> Any:
    """B7: the person supports themselves (job or SU); reception stops the benefits (R3)."""
    return service.report(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/self-sufficiency", response_model=SelfSufficiencyOut)
def show(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    row = service.for_case(session, case_id=case_id)
    if row is None:
        raise NotFound(f"case {case_id} has no self-sufficiency report")
    access.record(session, by=by, purpose=lookups.READ_SELF_SUFFICIENCY, case_id=case_id)
    return row
