"""E5: Undervisning i samfundsforhold m.m. – the five courses' programmes, sessions (hold), enrolments, attendance."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from education import lookups
from education.courses import service
from education.courses.models import CourseEnrolment
from education.courses.schemas import COURSE_LABELS, AttendanceIn, CourseIn, CourseUpdate, EnrolmentIn, SessionIn
from education.intake import service as intake
from education.web import FORMS, pick, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/kurser"
WHAT = "undervisning i samfundsforhold"
LABELS = {
    "course_kind": "Kursus",
    "course_programme": "Program",
    "edit_programme": "Program",
    "session_held_on": "Dato",
    "session_start_time": "Fra kl.",
    "session_end_time": "Til kl.",
    "session_place": "Sted",
    "session_teacher": "Underviser",
    "session_capacity": "Antal pladser",
    "enrol_case_id": "Sag",
}
SESSION_FIELDS = ("held_on", "start_time", "end_time", "place", "teacher", "capacity")


def _labels() -> dict[str, str]:
    return {k.value: v for k, v in COURSE_LABELS.items()}


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = [(c, len(service.sessions(session, course_id=c.id))) for c in service.courses(session)]
    have = {c.kind for c, _ in rows}
    return render(
        request,
        "courses.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        courses=rows,
        course_labels=_labels(),
        missing=[(k, v) for k, v in _labels().items() if k not in have],
    )


@router.get(PAGE)
def courses_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(PAGE)
async def create_course(request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        course = service.create_course(session, data=CourseIn.model_validate(pick(form, ("kind", "programme"))), by=by)
        return f"{PAGE}/{course.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="course_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("kind", "programme"),
    )


def _course_page(
    request: Request,
    session: Session,
    course_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        course = service.get_course(session, course_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"kursus {course_id}")
    sessions = [service.session_out(session, s) for s in service.sessions(session, course_id=course_id)]
    return render(
        request,
        "course.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        course=course,
        title=_labels().get(course.kind, course.kind),
        sessions=sessions,
    )


@router.get(f"{PAGE}/{{course_id}}")
def course_page(
    course_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    return _course_page(request, session, course_id, errors={}, form={})


@router.post(f"{PAGE}/{{course_id}}")
async def edit_course(
    course_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = CourseUpdate.model_validate(pick(form, ("version", "programme")))
        service.update_course(session, course_id=course_id, data=data, by=by)
        return f"{PAGE}/{course_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="edit_",
        action=action,
        rerender=lambda errors, form: _course_page(
            request, session, course_id, errors=errors, form=form, status_code=422
        ),
        fields=("programme",),
    )


@router.post(f"{PAGE}/{{course_id}}/hold")
async def add_session(
    course_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        row = service.add_session(
            session, course_id=course_id, data=SessionIn.model_validate(pick(form, SESSION_FIELDS)), by=by
        )
        return f"{PAGE}/hold/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="session_",
        action=action,
        rerender=lambda errors, form: _course_page(
            request, session, course_id, errors=errors, form=form, status_code=422
        ),
        fields=SESSION_FIELDS,
    )


def _session_page(
    request: Request,
    session: Session,
    session_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        row = service.get_session(session, session_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"hold {session_id}")
    record_page(request, session, purpose=lookups.LIST_ENROLMENTS, criteria=f"session={session_id}")
    course = service.get_course(session, row.course_id)
    out = service.session_out(session, row)
    enrolled = service.enrolments(session, session_id=session_id)
    numbers = intake.case_numbers(session)
    return render(
        request,
        "course_session.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        course=course,
        title=_labels().get(course.kind, course.kind),
        s=out,
        enrolments=enrolled,
        case_numbers=numbers,
        case_options=sorted(((cid, n) for cid, n in numbers.items()), key=lambda p: p[1]),
    )


@router.get(f"{PAGE}/hold/{{session_id}}")
def session_page(
    session_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    return _session_page(request, session, session_id, errors={}, form={})


@router.post(f"{PAGE}/hold/{{session_id}}/tilmeldinger")
async def enrol(session_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        service.enrol(session, session_id=session_id, data=EnrolmentIn.model_validate(pick(form, ("case_id",))), by=by)
        return f"{PAGE}/hold/{session_id}#enrolments-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="enrol_",
        action=action,
        rerender=lambda errors, form: _session_page(
            request, session, session_id, errors=errors, form=form, status_code=422
        ),
        fields=("case_id",),
    )


@router.post("/tilmeldinger/{enrolment_id}/fremmoede")
async def attendance(
    enrolment_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)
) -> Response:
    enrolment = session.get(CourseEnrolment, enrolment_id)
    if enrolment is None:
        return render(request, "not_found.html", 404, what="tilmeldingen")
    session_id = enrolment.session_id

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = AttendanceIn.model_validate(pick(form, ("attended",)))
        service.record_attendance(session, enrolment_id=enrolment_id, data=data, by=by)
        return f"{PAGE}/hold/{session_id}#enrolment-{enrolment_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix=f"e{enrolment_id}_",
        action=action,
        rerender=lambda errors, form: _session_page(
            request, session, session_id, errors=errors, form=form, status_code=422
        ),
        fields=("attended",),
    )
