"""Absence lists through the API (E4)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from education.absence import service
from education.absence.models import AbsenceReport
from education.absence.schemas import AbsenceIn, AbsenceOut
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["fravær"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


def _out(row: AbsenceReport) -> AbsenceOut:
    return AbsenceOut.model_validate(
        {
            **{c: getattr(row, c) for c in AbsenceOut.model_fields if c != "unexcused_hours"},
            "unexcused_hours": row.absent_hours - row.excused_hours,
        }
    )


@router.post("/absences", status_code=status.HTTP_201_CREATED, response_model=AbsenceOut)
def register(body: AbsenceIn, session: Db, by: Staff) -> Any:
    """E4: one line of the language school's absence list; unexcused hours go to reception (R3)."""
    return _out(service.register(session, data=body, by=by))


@router.get("/cases/{case_id}/absences", response_model=list[AbsenceOut])
def list_absences(case_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return [_out(r) for r in service.for_case(session, case_id=case_id)]
