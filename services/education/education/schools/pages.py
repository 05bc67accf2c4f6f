"""E2: Sprogskole – the language schools, and with each the strategy and programme, the steering group
(styregruppe) and the business committee (forretningsudvalg), both with members and meetings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from education.schools import service
from education.schools.models import CooperationText, SteeringMeeting, SteeringMember
from education.schools.schemas import (
    COMMITTEE_LABELS,
    TEXT_KIND_LABELS,
    Committee,
    CooperationIn,
    CooperationUpdate,
    MeetingIn,
    MeetingUpdate,
    MemberIn,
    MemberLeave,
    MemberUpdate,
    SchoolIn,
)
from education.web import FORMS, Action, blank_to_none, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/sprogskoler"
WHAT = "sprogskolerne"
LABELS = {
    "school_name": "Navn",
    "school_address": "Adresse",
    "school_contact": "Kontakt",
    "text_kind": "Type",
    "text_title": "Titel",
    "text_text": "Tekst",
    "text_valid_from": "Gyldig fra",
    "text_valid_to": "Gyldig til",
    "member_name": "Navn",
    "member_organisation": "Organisation",
    "member_role": "Rolle",
    "meeting_held_on": "Mødedato",
    "meeting_agenda": "Dagsorden",
    "bmember_name": "Navn",
    "bmember_organisation": "Organisation",
    "bmember_role": "Rolle",
    "bmeeting_held_on": "Mødedato",
    "bmeeting_agenda": "Dagsorden",
}
SCHOOL_FIELDS = ("name", "address", "contact")
TEXT_FIELDS = ("kind", "title", "text", "valid_from", "valid_to")
TEXT_EDIT_FIELDS = ("version", "title", "text", "valid_from", "valid_to")
MEMBER_FIELDS = ("name", "organisation", "role")
MEMBER_EDIT_FIELDS = ("version", "name", "organisation", "role")
MEMBER_LEAVE_FIELDS = ("version", "left_on")
MEETING_EDIT_FIELDS = ("version", "agenda", "minutes", "decisions")


@dataclass(frozen=True)
class Body:
    """How one body (steering group or business committee) appears on the school's page and in its form paths."""

    committee: Committee
    key: str  # the ids' prefix on the page ("" for the steering group, as before) and the new-form prefix's
    add_member: str  # /sprogskoler/{id}/<add_member>
    add_meeting: str  # /sprogskoler/{id}/<add_meeting>
    members: str  # /<members>/{member_id} and /<members>/{member_id}/fratraadt
    meetings: str  # /<meetings>/{meeting_id}
    meetings_title: str

    @property
    def title(self) -> str:
        return COMMITTEE_LABELS[self.committee]


BODIES = (
    Body(
        Committee.STEERING, "", "styregruppe", "moeder", "styregruppemedlemmer", "styregruppemoeder", "Styregruppemøder"
    ),
    Body(
        Committee.BUSINESS,
        "b",
        "forretningsudvalg",
        "forretningsudvalgsmoeder",
        "forretningsudvalgsmedlemmer",
        "forretningsudvalgsmoeder",
        "Forretningsudvalgsmøder",
    ),
)


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    schools = service.schools(session)
    return render(request, "schools.html", status_code, errors=errors, form=form, labels=LABELS, schools=schools)


@router.get(PAGE)
def schools_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(PAGE)
async def add_school(request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        row = service.add_school(session, data=SchoolIn.model_validate(pick(form, SCHOOL_FIELDS)), by=by)
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="school_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=SCHOOL_FIELDS,
    )


def _school_page(
    request: Request,
    session: Session,
    school_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        school = service.get_school(session, school_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"sprogskole {school_id}")
    texts = service.texts(session, school_id=school_id)
    bodies = [
        {
            "body": body,
            "members": service.members(session, school_id=school_id, committee=body.committee),
            "former": service.former_members(session, school_id=school_id, committee=body.committee),
            "meetings": service.meetings(session, school_id=school_id, committee=body.committee),
        }
        for body in BODIES
    ]
    return render(
        request,
        "school.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        school=school,
        texts=texts,
        bodies=bodies,
        today=today(),
        kinds=[(k.value, v) for k, v in TEXT_KIND_LABELS.items()],
        kind_labels={k.value: v for k, v in TEXT_KIND_LABELS.items()},
    )


@router.get(f"{PAGE}/{{school_id}}")
def school_page(
    school_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    return _school_page(request, session, school_id, errors={}, form={})


async def _on_school(
    request: Request,
    school_id: int,
    *,
    session: Session,
    principal: Principal,
    prefix: str,
    fields: tuple[str, ...],
    action: Action,
) -> Response:
    return await submit(
        request,
        session=session,
        principal=principal,
        what=WHAT,
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: _school_page(
            request, session, school_id, errors=errors, form=form, status_code=422
        ),
        fields=fields,
    )


@router.post(f"{PAGE}/{{school_id}}/samarbejde")
async def add_text(
    school_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = CooperationIn.model_validate(blank_to_none(pick(form, TEXT_FIELDS), "valid_to"))
        row = service.add_text(session, school_id=school_id, data=data, by=by)
        return f"{PAGE}/{school_id}#text-{row.id}"

    return await _on_school(
        request, school_id, session=session, principal=principal, prefix="text_", fields=TEXT_FIELDS, action=action
    )


# One of the rows that belong to a school (the school's page is shown again after a refused edit).
_Owned = TypeVar("_Owned", CooperationText, SteeringMeeting, SteeringMember)


def _owner(
    request: Request, session: Session, model: type[_Owned], row_id: int, committee: Committee | None = None
) -> int | None:
    """The school the row belongs to; with ``committee``, None for another body's row (a 404 on the page)."""
    row = session.get(model, row_id)
    if row is None or (committee is not None and getattr(row, "committee", None) != committee.value):
        return None
    return row.school_id


@router.post("/samarbejde/{text_id}")
async def edit_text(
    text_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    school_id = _owner(request, session, CooperationText, text_id)
    if school_id is None:
        return render(request, "not_found.html", 404, what="teksten")

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = CooperationUpdate.model_validate(blank_to_none(pick(form, TEXT_EDIT_FIELDS), "valid_from", "valid_to"))
        service.update_text(session, text_id=text_id, data=data, by=by)
        return f"{PAGE}/{school_id}#text-{text_id}"

    return await _on_school(
        request,
        school_id,
        session=session,
        principal=principal,
        prefix=f"t{text_id}_",
        fields=TEXT_EDIT_FIELDS,
        action=action,
    )


def _body_routes(body: Body) -> None:
    """The body's forms: add a member or a meeting, edit a member, a member leaves, edit a meeting."""
    member_prefix, meeting_prefix = f"{body.key}member_", f"{body.key}meeting_"
    to_members = f"#{body.key}members-h"

    @router.post(f"{PAGE}/{{school_id}}/{body.add_member}", name=f"add_{body.committee}_member")
    async def add_member(
        school_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
    ) -> Response:
        def action(session: Session, by: Principal, form: dict[str, str]) -> str:
            data = MemberIn.model_validate(pick(form, MEMBER_FIELDS))
            service.add_member(session, school_id=school_id, data=data, by=by, committee=body.committee)
            return f"{PAGE}/{school_id}{to_members}"

        return await _on_school(
            request,
            school_id,
            session=session,
            principal=principal,
            prefix=member_prefix,
            fields=MEMBER_FIELDS,
            action=action,
        )

    @router.post(f"{PAGE}/{{school_id}}/{body.add_meeting}", name=f"add_{body.committee}_meeting")
    async def add_meeting(
        school_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
    ) -> Response:
        def action(session: Session, by: Principal, form: dict[str, str]) -> str:
            data = MeetingIn.model_validate(pick(form, ("held_on", "agenda")))
            row = service.add_meeting(session, school_id=school_id, data=data, by=by, committee=body.committee)
            return f"{PAGE}/{school_id}#meeting-{row.id}"

        return await _on_school(
            request,
            school_id,
            session=session,
            principal=principal,
            prefix=meeting_prefix,
            fields=("held_on", "agenda"),
            action=action,
        )

    @router.post(f"/{body.meetings}/{{meeting_id}}", name=f"edit_{body.committee}_meeting")
    async def edit_meeting(
        meeting_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
    ) -> Response:
        school_id = _owner(request, session, SteeringMeeting, meeting_id, body.committee)
        if school_id is None:
            return render(request, "not_found.html", 404, what="mødet")

        def action(session: Session, by: Principal, form: dict[str, str]) -> str:
            data = MeetingUpdate.model_validate(pick(form, MEETING_EDIT_FIELDS))
            service.update_meeting(session, meeting_id=meeting_id, data=data, by=by, committee=body.committee)
            return f"{PAGE}/{school_id}#meeting-{meeting_id}"

        return await _on_school(
            request,
            school_id,
            session=session,
            principal=principal,
            prefix=f"m{meeting_id}_",
            fields=MEETING_EDIT_FIELDS,
            action=action,
        )

    @router.post(f"/{body.members}/{{member_id}}", name=f"edit_{body.committee}_member")
    async def edit_member(
        member_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
    ) -> Response:
        school_id = _owner(request, session, SteeringMember, member_id, body.committee)
        if school_id is None:
            return render(request, "not_found.html", 404, what="medlemmet")

        def action(session: Session, by: Principal, form: dict[str, str]) -> str:
            data = MemberUpdate.model_validate(pick(form, MEMBER_EDIT_FIELDS))
            service.update_member(session, member_id=member_id, data=data, by=by, committee=body.committee)
            return f"{PAGE}/{school_id}#member-{member_id}"

        return await _on_school(
            request,
            school_id,
            session=session,
            principal=principal,
            prefix=f"s{member_id}_",
            fields=MEMBER_EDIT_FIELDS,
            action=action,
        )

    @router.post(f"/{body.members}/{{member_id}}/fratraadt", name=f"{body.committee}_member_left")
    async def member_left(
        member_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
    ) -> Response:
        school_id = _owner(request, session, SteeringMember, member_id, body.committee)
        if school_id is None:
            return render(request, "not_found.html", 404, what="medlemmet")

        def action(session: Session, by: Principal, form: dict[str, str]) -> str:
            data = MemberLeave.model_validate(blank_to_none(pick(form, MEMBER_LEAVE_FIELDS), "left_on"))
            service.remove_member(session, member_id=member_id, data=data, by=by, committee=body.committee)
            return f"{PAGE}/{school_id}#{body.key}former-members-h"

        return await _on_school(
            request,
            school_id,
            session=session,
            principal=principal,
            prefix=f"l{member_id}_",
            fields=MEMBER_LEAVE_FIELDS,
            action=action,
        )


for _body in BODIES:
    _body_routes(_body)
