"""The five courses through the API: programmes, sessions, enrolments, attendance (E5)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from education import lookups
from education.courses import service
from education.courses.schemas import (
    AttendanceIn,
    CourseIn,
    CourseOut,
    CourseUpdate,
    EnrolmentIn,
    EnrolmentOut,
    SessionIn,
    SessionOut,
)
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["samfundsforhold"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/courses", status_code=status.HTTP_201_CREATED, response_model=CourseOut)
def create_course(body: CourseIn, session: Db, by: Staff) -> Any:
    """E5: one of the five courses with its programme."""
    return service.create_course(session, data=body, by=by)


@router.get("/courses", response_model=list[CourseOut])
def list_courses(session: ReadDb, _by: Staff) -> Any:
    return service.courses(session)


@router.get("/courses/{course_id}", response_model=CourseOut)
def get_course(course_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return service.get_course(session, course_id)


@router.patch("/courses/{course_id}", response_model=CourseOut)
def update_course(course_id: IdPath, body: CourseUpdate, session: Db, by: Staff) -> Any:
    """The programme; a stale ``version`` is a 409."""
    return service.update_course(session, course_id=course_id, data=body, by=by)


@router.post("/courses/{course_id}/sessions", status_code=status.HTTP_201_CREATED, response_model=SessionOut)
def add_session(course_id: IdPath, body: SessionIn, session: Db, by: Staff) -> SessionOut:
    return service.session_out(session, service.add_session(session, course_id=course_id, data=body, by=by))


@router.get("/courses/{course_id}/sessions", response_model=list[SessionOut])
def list_sessions(course_id: IdPath, session: ReadDb, _by: Staff) -> list[SessionOut]:
    return [service.session_out(session, s) for s in service.sessions(session, course_id=course_id)]


@router.post(
    "/course-sessions/{session_id}/enrolments", status_code=status.HTTP_201_CREATED, response_model=EnrolmentOut
)
def enrol(session_id: IdPath, body: EnrolmentIn, session: Db, by: Staff) -> Any:
    """A seat on the session for the case; a full session is a 409, never overbooked."""
    return service.enrol(session, session_id=session_id, data=body, by=by)


@router.get("/course-sessions/{session_id}/enrolments", response_model=list[EnrolmentOut])
def list_enrolments(session_id: IdPath, session: Db, by: Staff) -> Any:
    """The persons enrolled on one session, with attendance (a list of persons: access-logged)."""
    rows = service.enrolments(session, session_id=session_id)
    access.record(session, by=by, purpose=lookups.LIST_ENROLMENTS, criteria=f"session={session_id}")
    return rows


@router.get("/cases/{case_id}/course-enrolments", response_model=list[EnrolmentOut])
def case_enrolments(case_id: IdPath, session: Db, by: Staff) -> Any:
    access.record(session, by=by, purpose=lookups.READ_ENROLMENTS, case_id=case_id)
    return service.enrolments_of_case(session, case_id=case_id)


@router.put("/course-enrolments/{enrolment_id}/attendance", response_model=EnrolmentOut)
def record_attendance(enrolment_id: IdPath, body: AttendanceIn, session: Db, by: Staff) -> Any:
    return service.record_attendance(session, enrolment_id=enrolment_id, data=body, by=by)
