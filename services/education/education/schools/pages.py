"""E2: Sprogskole – the language schools, and with each the strategy and programme, the steering group."""

from __future__ import annotations

from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from education.schools import service
from education.schools.models import CooperationText, SteeringMeeting, SteeringMember
from education.schools.schemas import (
    TEXT_KIND_LABELS,
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
}
SCHOOL_FIELDS = ("name", "address", "contact")
TEXT_FIELDS = ("kind", "title", "text", "valid_from", "valid_to")
TEXT_EDIT_FIELDS = ("version", "title", "text", "valid_from", "valid_to")
MEMBER_FIELDS = ("name", "organisation", "role")
MEMBER_EDIT_FIELDS = ("version", "name", "organisation", "role")
MEMBER_LEAVE_FIELDS = ("version", "left_on")
MEETING_EDIT_FIELDS = ("version", "agenda", "minutes", "decisions")


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
    members = service.members(session, school_id=school_id)
    former = service.former_members(session, school_id=school_id)
    meetings = service.meetings(session, school_id=school_id)
    return render(
        request,
        "school.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        school=school,
        texts=texts,
        members=members,
        former=former,
        meetings=meetings,
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


@router.post(f"{PAGE}/{{school_id}}/styregruppe")
async def add_member(
    school_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = MemberIn.model_validate(pick(form, MEMBER_FIELDS))
        service.add_member(session, school_id=school_id, data=data, by=by)
        return f"{PAGE}/{school_id}#members-h"

    return await _on_school(
        request, school_id, session=session, principal=principal, prefix="member_", fields=MEMBER_FIELDS, action=action
    )


@router.post(f"{PAGE}/{{school_id}}/moeder")
async def add_meeting(
    school_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        row = service.add_meeting(
            session, school_id=school_id, data=MeetingIn.model_validate(pick(form, ("held_on", "agenda"))), by=by
        )
        return f"{PAGE}/{school_id}#meeting-{row.id}"

    return await _on_school(
        request,
        school_id,
        session=session,
        principal=principal,
        prefix="meeting_",
        fields=("held_on", "agenda"),
        action=action,
    )


# One of the rows that belong to a school (the school's page is shown again after a refused edit).
_Owned = TypeVar("_Owned", CooperationText, SteeringMeeting, SteeringMember)


def _owner(request: Request, session: Session, model: type[_Owned], row_id: int) -> int | None:
    row = session.get(model, row_id)
    return None if row is None else row.school_id


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


@router.post("/styregruppemoeder/{meeting_id}")
async def edit_meeting(
    meeting_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    school_id = _owner(request, session, SteeringMeeting, meeting_id)
    if school_id is None:
        return render(request, "not_found.html", 404, what="mødet")

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = MeetingUpdate.model_validate(pick(form, MEETING_EDIT_FIELDS))
        service.update_meeting(session, meeting_id=meeting_id, data=data, by=by)
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


@router.post("/styregruppemedlemmer/{member_id}")
async def edit_member(
    member_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    school_id = _owner(request, session, SteeringMember, member_id)
    if school_id is None:
        return render(request, "not_found.html", 404, what="medlemmet")

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = MemberUpdate.model_validate(pick(form, MEMBER_EDIT_FIELDS))
        service.update_member(session, member_id=member_id, data=data, by=by)
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


@router.post("/styregruppemedlemmer/{member_id}/fratraadt")
async def member_left(
    member_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    school_id = _owner(request, session, SteeringMember, member_id)
    if school_id is None:
        return render(request, "not_found.html", 404, what="medlemmet")

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = MemberLeave.model_validate(blank_to_none(pick(form, MEMBER_LEAVE_FIELDS), "left_on"))
        service.remove_member(session, member_id=member_id, data=data, by=by)
        return f"{PAGE}/{school_id}#former-members-h"

    return await _on_school(
        request,
        school_id,
        session=session,
        principal=principal,
        prefix=f"l{member_id}_",
        fields=MEMBER_LEAVE_FIELDS,
        action=action,
    )
