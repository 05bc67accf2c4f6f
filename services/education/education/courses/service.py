"""Use cases for the five courses: programmes, sessions, enrolments without overbooking, attendance (E5)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from education.courses.models import Course, CourseEnrolment, CourseSession
from education.courses.schemas import AttendanceIn, CourseIn, CourseUpdate, EnrolmentIn, SessionIn, SessionOut
from education.intake.service import known_case
from shared.auth import Principal
from shared.clock import today
from shared.db import try_insert, utcnow
from shared.errors import Conflict, NotFound


def create_course(session: Session, *, data: CourseIn, by: Principal) -> Course:
    """Give one of the five courses its programme; each kind exists once."""
    row = Course(kind=data.kind.value, programme=data.programme, updated_by=by.user)
    if not try_insert(session, row):
        raise Conflict(f"the course {data.kind.value} exists already", field="kind", danish="Kurset findes allerede")
    return row


def courses(session: Session) -> list[Course]:
    return list(session.scalars(select(Course).order_by(Course.id)))


def get_course(session: Session, course_id: int, *, for_update: bool = False) -> Course:
    row = session.get(Course, course_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no course with id {course_id}", danish="Kurset findes ikke")
    return row


def update_course(session: Session, *, course_id: int, data: CourseUpdate, by: Principal) -> Course:
    """Change the programme; a stale ``version`` is a conflict (no silent overwrite)."""
    row = get_course(session, course_id, for_update=True)
    if row.version != data.version:
        raise Conflict(
            f"course {course_id} was changed by someone else (version {row.version})",
            danish="Programmet er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    row.programme, row.updated_by, row.updated_at = data.programme, by.user, utcnow()
    session.flush()
    return row


def add_session(session: Session, *, course_id: int, data: SessionIn, by: Principal) -> CourseSession:
    get_course(session, course_id)
    row = CourseSession(course_id=course_id, **data.model_dump(), created_by=by.user)
    session.add(row)
    session.flush()
    return row


def get_session(session: Session, session_id: int, *, for_update: bool = False) -> CourseSession:
    row = session.get(CourseSession, session_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no course session with id {session_id}", danish="Holdet findes ikke")
    return row


def session_out(session: Session, row: CourseSession) -> SessionOut:
    enrolled = session.scalar(select(func.count()).where(CourseEnrolment.session_id == row.id)) or 0
    attended = (
        session.scalar(
            select(func.count()).where(CourseEnrolment.session_id == row.id, CourseEnrolment.attended.is_(True))
        )
        or 0
    )
    return SessionOut(
        id=row.id,
        course_id=row.course_id,
        held_on=row.held_on,
        start_time=row.start_time,
        end_time=row.end_time,
        place=row.place,
        teacher=row.teacher,
        capacity=row.capacity,
        enrolled=enrolled,
        attended=attended,
    )


def sessions(session: Session, *, course_id: int) -> list[CourseSession]:
    get_course(session, course_id)
    query = select(CourseSession).where(CourseSession.course_id == course_id)
    return list(session.scalars(query.order_by(CourseSession.held_on, CourseSession.start_time, CourseSession.id)))


def enrol(session: Session, *, session_id: int, data: EnrolmentIn, by: Principal) -> CourseEnrolment:
    """Enrol a case on a session; never over capacity, even when two caseworkers take the last seat at once.

    The session row is locked first (``FOR UPDATE``; SQLite's ``BEGIN IMMEDIATE`` serialises writers), so
    the count of seats taken cannot change between the check and the insert.
    """
    known_case(session, data.case_id)
    target = get_session(session, session_id, for_update=True)
    if target.held_on < today():
        raise Conflict("the session has been held", danish="Holdet er allerede afholdt")
    taken = session.scalar(select(func.count()).where(CourseEnrolment.session_id == session_id)) or 0
    if taken >= target.capacity:
        raise Conflict(
            f"the session is full ({taken} of {target.capacity} seats taken)",
            danish="Holdet er fuldt – vælg et andet hold",
        )
    row = CourseEnrolment(session_id=session_id, case_id=data.case_id, enrolled_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            f"case {data.case_id} is enrolled on this session already",
            field="case_id",
            danish="Borgeren er allerede tilmeldt holdet",
        )
    return row


def enrolments(session: Session, *, session_id: int) -> list[CourseEnrolment]:
    get_session(session, session_id)
    query = select(CourseEnrolment).where(CourseEnrolment.session_id == session_id)
    return list(session.scalars(query.order_by(CourseEnrolment.id)))


def enrolments_of_case(session: Session, *, case_id: int) -> list[CourseEnrolment]:
    query = select(CourseEnrolment).where(CourseEnrolment.case_id == case_id)
    return list(session.scalars(query.order_by(CourseEnrolment.id)))


def record_attendance(session: Session, *, enrolment_id: int, data: AttendanceIn, by: Principal) -> CourseEnrolment:
    """Register whether the person came; only once the session's day has come."""
    row = session.get(CourseEnrolment, enrolment_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no enrolment with id {enrolment_id}", danish="Tilmeldingen findes ikke")
    if get_session(session, row.session_id).held_on > today():
        raise Conflict(
            "attendance can be registered from the day of the session",
            field="attended",
            danish="Fremmøde kan først registreres på holdets dag",
        )
    row.attended, row.attendance_by = data.attended, by.user
    session.flush()
    return row
