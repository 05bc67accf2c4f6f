"""E1 through the API: the list with the §5 deadline, the assessment, the enrolment at a language school."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from education import lookups
from education.intake import service
from education.intake.schemas import AssessmentIn, AssessmentOut, EnrolmentIn, EnrolmentOut
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["sprogvurdering"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.get("/language_assessments", response_model=list[AssessmentOut])
def pending(session: Db, by: Staff) -> list[AssessmentOut]:
    """Every case with its deadline (``deadline_missed`` flags §5 passed), the earliest first (access-logged)."""
    access.record(session, by=by, purpose=lookups.LIST_ASSESSMENTS)
    return service.overview(session)


@router.get("/language_assessments/{case_id}", response_model=AssessmentOut)
def get_assessment(case_id: IdPath, session: Db, by: Staff) -> AssessmentOut:
    row = service.out(session, service.known_case(session, case_id))
    access.record(session, by=by, purpose=lookups.READ_ASSESSMENT, case_id=case_id)
    return row


@router.put("/language_assessments/{case_id}/assessment", response_model=AssessmentOut)
def record_assessment(case_id: IdPath, body: AssessmentIn, session: Db, _by: Staff) -> AssessmentOut:
    """E1: date, assessed by, track (DU1–DU3), start module, notes; a stale ``version`` is a 409."""
    return service.out(session, service.record_assessment(session, case_id=case_id, data=body))


@router.post(
    "/language_assessments/{case_id}/enrolment", status_code=status.HTTP_201_CREATED, response_model=EnrolmentOut
)
def enrol(case_id: IdPath, body: EnrolmentIn, session: Db, by: Staff) -> Any:
    """E1: enrolment at a language school (school, track, module, start date) → ``education.language_enrolled``."""
    return service.enrol(session, case_id=case_id, data=body, by=by)
