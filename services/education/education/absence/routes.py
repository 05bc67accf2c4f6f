"""Absence lists, progression and follow-up conversations through the API (E4)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status
from sqlalchemy.orm import Session

from education import lookups
from education.absence import progress, service
from education.absence.models import AbsenceReport
from education.absence.schemas import (
    AbsenceIn,
    AbsenceOut,
    FollowUpIn,
    FollowUpOut,
    FollowUpUpdate,
    ModuleTestIn,
    ModuleTestOut,
    OpenAbsenceOut,
)
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["fravær"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


def _out(session: Session, row: AbsenceReport) -> AbsenceOut:
    return AbsenceOut.model_validate(
        {
            **{c: getattr(row, c) for c in AbsenceOut.model_fields if c not in ("unexcused_hours", "absent_days")},
            "unexcused_hours": row.absent_hours - row.excused_hours,
            "absent_days": [{"on": on, "hours": hours} for on, hours in service.days_of(session, row)],
        }
    )


@router.post("/absences", status_code=status.HTTP_201_CREATED, response_model=AbsenceOut)
def register(body: AbsenceIn, session: Db, by: Staff) -> Any:
    """E4: one line of the language school's absence list; unexcused hours go to reception (R3)."""
    return _out(session, service.register(session, data=body, by=by))


@router.get("/absences/without-follow-up", response_model=list[OpenAbsenceOut])
def without_follow_up(session: Db, by: Staff) -> list[OpenAbsenceOut]:
    """E4: absences with unexcused hours whose follow-up conversation is not held yet (access-logged)."""
    access.record(session, by=by, purpose=lookups.LIST_ABSENCES, criteria=lookups.WITHOUT_FOLLOW_UP)
    return [
        OpenAbsenceOut(
            **_out(session, a).model_dump(), follow_up=FollowUpOut.model_validate(f) if f is not None else None
        )
        for a, f in progress.without_follow_up(session)
    ]


@router.get("/cases/{case_id}/absences", response_model=list[AbsenceOut])
def list_absences(case_id: IdPath, session: Db, by: Staff) -> Any:
    access.record(session, by=by, purpose=lookups.READ_ABSENCES, case_id=case_id)
    return [_out(session, r) for r in service.for_case(session, case_id=case_id)]


@router.post("/absences/{absence_id}/follow-up", status_code=status.HTTP_201_CREATED, response_model=FollowUpOut)
def plan_follow_up(absence_id: IdPath, body: FollowUpIn, session: Db, by: Staff) -> Any:
    """E4: plan the follow-up conversation (opfølgningssamtale) on an absence."""
    return progress.plan_follow_up(session, absence_id=absence_id, data=body, by=by)


@router.get("/follow-ups/{follow_up_id}", response_model=FollowUpOut)
def get_follow_up(follow_up_id: IdPath, session: Db, by: Staff) -> Any:
    row = progress.get_follow_up(session, follow_up_id)
    access.record(session, by=by, purpose=lookups.READ_ABSENCES, case_id=row.case_id)
    return row


@router.patch("/follow-ups/{follow_up_id}", response_model=FollowUpOut)
def update_follow_up(follow_up_id: IdPath, body: FollowUpUpdate, session: Db, by: Staff) -> Any:
    """Move the date, or record it held (date, summary, whether Økonomisk Team should consider a sanction)."""
    return progress.update_follow_up(session, follow_up_id=follow_up_id, data=body, by=by)


@router.post("/cases/{case_id}/module-tests", status_code=status.HTTP_201_CREATED, response_model=ModuleTestOut)
def pass_module(case_id: IdPath, body: ModuleTestIn, session: Db, by: Staff) -> Any:
    """E4 progression: a module test passed, with its date."""
    return progress.pass_module(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/module-tests", response_model=list[ModuleTestOut])
def module_tests(case_id: IdPath, session: Db, by: Staff) -> Any:
    access.record(session, by=by, purpose=lookups.READ_MODULE_TESTS, case_id=case_id)
    return progress.module_tests(session, case_id=case_id)
