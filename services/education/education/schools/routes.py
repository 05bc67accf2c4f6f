"""Language schools and the cooperation with each through the API (E2)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from education.schools import service
from education.schools.schemas import SchoolIn, SchoolOut
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["sprogskole"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/language-schools", status_code=status.HTTP_201_CREATED, response_model=SchoolOut)
def add_school(body: SchoolIn, session: Db, by: Staff) -> Any:
    """E2: a language school (name, address, contact)."""
    return service.add_school(session, data=body, by=by)


@router.get("/language-schools", response_model=list[SchoolOut])
def list_schools(session: ReadDb, _by: Staff) -> Any:
    return service.schools(session)


@router.get("/language-schools/{school_id}", response_model=SchoolOut)
def get_school(school_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return service.get_school(session, school_id)
