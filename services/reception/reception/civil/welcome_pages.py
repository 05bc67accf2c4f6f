"""The town hall's welcome meetings as a Danish page (R10): Borgmesterkontoret and Jobcentret create them,
invite cases by case number and register attendance after the meeting."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases import service as cases
from reception.civil import service
from reception.civil.schemas import AttendanceIn, InviteByNumberIn, MeetingIn
from reception.web import FORMS
from shared import access
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import Invalid
from shared.web.deps import Db, IdPath
from shared.web.forms import render
from shared.web.submit import Action, pick

router = APIRouter(include_in_schema=False)

ATTENDANCE_CHOICES = {"true": "Mødt op", "false": "Ikke mødt op"}
HOSTS = (Department.BORGMESTERKONTORET.label, Department.JOBCENTRET.label)
WELCOME = (Department.BORGMESTERKONTORET, Department.JOBCENTRET)
MEETING_FIELDS = ("held_on", "place", "host")
HOST = FORMS.reader("velkomstmøderne", among=WELCOME)


def meetings_page(
    request: Request,
    session: Session,
    principal: Principal,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The meetings with their invited cases; reading an invited case is logged."""
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


@router.get("/velkomstmoeder")
def meetings(request: Request, session: Db, user: Principal = HOST) -> Response:
    return meetings_page(request, session, user)


async def _submit(
    request: Request,
    session: Session,
    user: Principal,
    *,
    form_for: str,
    action: Action,
    prefix: str = "",
    fields: tuple[str, ...] = (),
    alert: str | None = None,
) -> Response:
    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="velkomstmøderne",
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: meetings_page(
            request, session, user, errors=errors, form=form, form_for=form_for, status_code=422
        ),
        fields=fields,
        alert=alert,
    )


def _choose(value: str, choices: Collection[str], field: str) -> None:
    """A choice the page offers (a host, attended or not): anything else is not validated further."""
    if value not in choices:
        raise Invalid(f"{field} must be one of the choices", field=field, danish="Vælg en af mulighederne")


@router.post("/velkomstmoeder")
async def create_meeting(request: Request, session: Db, user: Principal = HOST) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        _choose(form.get("host", ""), HOSTS, "host")
        meeting_id = service.create_meeting(db, data=MeetingIn.model_validate(pick(form, MEETING_FIELDS))).id
        return f"/velkomstmoeder#moede-{meeting_id}"

    return await _submit(
        request, session, user, form_for="meeting", action=action, fields=MEETING_FIELDS, alert="meeting"
    )


@router.post("/velkomstmoeder/{meeting_id}/invitationer")
async def invite(meeting_id: IdPath, request: Request, session: Db, user: Principal = HOST) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        data = InviteByNumberIn.model_validate(pick(form, ("case_number",)))
        service.invite_by_number(db, meeting_id=meeting_id, case_number=data.case_number)
        return f"/velkomstmoeder#moede-{meeting_id}"

    return await _submit(
        request,
        session,
        user,
        form_for=f"invite-{meeting_id}",
        action=action,
        prefix=f"m{meeting_id}_",
        fields=("case_number",),
    )


@router.post("/velkomstmoeder/invitationer/{invitation_id}/fremmoede")
async def attendance(invitation_id: IdPath, request: Request, session: Db, user: Principal = HOST) -> Response:
    prefix = f"i{invitation_id}_"

    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        _choose(form.get("attended", ""), ATTENDANCE_CHOICES, "attended")
        data = AttendanceIn.model_validate({"attended": form["attended"]})
        row = service.record_attendance(db, invitation_id=invitation_id, attended=data.attended)
        return f"/velkomstmoeder#moede-{row.meeting_id}"

    return await _submit(
        request,
        session,
        user,
        form_for=f"attend-{invitation_id}",
        action=action,
        prefix=prefix,
        fields=("attended",),
    )
