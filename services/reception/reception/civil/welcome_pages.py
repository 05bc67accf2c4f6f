"""The town hall's welcome meetings as a Danish page (R10): Borgmesterkontoret and Jobcentret create them,
invite cases by case number and register attendance after the meeting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from reception import lookups
from reception.cases import service as cases
from reception.civil import service
from reception.civil.schemas import AttendanceIn, InviteByNumberIn, MeetingIn
from reception.web import danish_message, no_access_page
from shared import access
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, render, signed_in, to_login

router = APIRouter(include_in_schema=False)

ATTENDANCE_CHOICES = {"true": "Mødt op", "false": "Ikke mødt op"}
HOSTS = (Department.BORGMESTERKONTORET.label, Department.JOBCENTRET.label)
WELCOME = (Department.BORGMESTERKONTORET, Department.JOBCENTRET)
MEETING_FIELDS = ("held_on", "place", "host")


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def meetings_page(
    request: Request,
    principal: Principal,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The meetings with their invited cases; reading an invited case is logged."""
    with request.app.state.runtime.session_factory.begin() as session:
        meetings = service.meetings(session)
        invited: dict[int, Any] = {}
        for case_id in sorted({i.case_id for m in meetings for i in m.invitations}):
            invited[case_id] = cases.get_case(session, case_id=case_id)
            access.record(session, by=principal, purpose=lookups.READ_WELCOME_MEETINGS, case_id=case_id)
        return render(
            request,
            "welcome_meetings.html",
            status_code,
            meetings=meetings,
            invited=invited,
            errors=errors or {},
            form=form or {},
            form_for=form_for,
            today=today(),
            hosts=HOSTS,
            attendance_choices=ATTENDANCE_CHOICES,
        )


def _welcome(request: Request) -> Principal | None:
    principal = signed_in(request)
    return principal if principal and principal.department in WELCOME else None


@router.get("/velkomstmoeder")
def meetings(request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = _welcome(request)
    if principal is None:
        return no_access_page(request, "velkomstmøderne")
    return meetings_page(request, principal)


@router.post("/velkomstmoeder")
async def create_meeting(request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = _welcome(request)
    if principal is None:
        return no_access_page(request, "velkomstmøderne")
    form = await _form(request)
    try:
        if form.get("host", "") not in HOSTS:
            errors = {"host": "Vælg en af mulighederne"}
        else:
            data = MeetingIn.model_validate({k: form.get(k, "") for k in MEETING_FIELDS})
            with request.app.state.runtime.session_factory.begin() as session:
                meeting_id = service.create_meeting(session, data=data).id
            return RedirectResponse(f"/velkomstmoeder#moede-{meeting_id}", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = {exc.field or "meeting": danish_message(exc)}
    return meetings_page(request, principal, errors=errors, form=form, form_for="meeting", status_code=422)


@router.post("/velkomstmoeder/{meeting_id}/invitationer")
async def invite(meeting_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = _welcome(request)
    if principal is None:
        return no_access_page(request, "velkomstmøderne")
    form = await _form(request)
    prefix = f"m{meeting_id}_"
    try:
        data = InviteByNumberIn.model_validate({"case_number": form.get("case_number", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            service.invite_by_number(session, meeting_id=meeting_id, case_number=data.case_number)
        return RedirectResponse(f"/velkomstmoeder#moede-{meeting_id}", status_code=303)
    except ValidationError as exc:
        errors = {prefix + k: v for k, v in danish_errors(exc).items()}
        if form.get("case_number", "").strip():
            errors[prefix + "case_number"] = "Skriv sagsnummeret som år og nummer, fx 2026-000001"
    except DomainError as exc:
        field = {"case_id": "case_number"}.get(exc.field or "", exc.field)
        errors = {prefix + (field or "_"): danish_message(exc)}
    return meetings_page(request, principal, errors=errors, form=form, form_for=f"invite-{meeting_id}", status_code=422)


@router.post("/velkomstmoeder/invitationer/{invitation_id}/fremmoede")
async def attendance(invitation_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = _welcome(request)
    if principal is None:
        return no_access_page(request, "velkomstmøderne")
    form = await _form(request)
    prefix = f"i{invitation_id}_"
    try:
        if form.get("attended", "") not in ATTENDANCE_CHOICES:
            errors = {prefix + "attended": "Vælg en af mulighederne"}
        else:
            data = AttendanceIn.model_validate({"attended": form["attended"]})
            with request.app.state.runtime.session_factory.begin() as session:
                row = service.record_attendance(session, invitation_id=invitation_id, attended=data.attended)
                meeting_id = row.meeting_id
            return RedirectResponse(f"/velkomstmoeder#moede-{meeting_id}", status_code=303)
    except DomainError as exc:
        errors = {prefix + "_": danish_message(exc)}
    return meetings_page(
        request, principal, errors=errors, form=form, form_for=f"attend-{invitation_id}", status_code=422
    )
