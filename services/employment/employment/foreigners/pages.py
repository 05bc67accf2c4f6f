"""Beskæftigelsesindsats for øvrige udlændinge (B11): the cases, and per case notes, Danish classes, requests."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment.foreigners import service
from employment.foreigners.models import CitizenRequest, DanishClassRequest
from employment.foreigners.schemas import (
    BASIS_LABELS,
    CLASS_LABELS,
    NOTE_LABELS,
    CitizenRequestIn,
    ClassRequestIn,
    ClassRequestUpdate,
    ForeignerIn,
    NoteIn,
    ResponseIn,
)
from employment.web import FORMS, case_form, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/oevrige-udlaendinge"
WHAT = "øvrige udlændinge"
LABELS = {
    "new_name": "Navn",
    "new_date_of_birth": "Fødselsdato",
    "new_residence_basis": "Opholdsgrundlag",
    "note_kind": "Type",
    "note_noted_on": "Dato",
    "note_text": "Notat",
    "class_school": "Sprogskole",
    "class_requested_on": "Tilmeldt den",
    "req_received_on": "Modtaget den",
    "req_request": "Borgerens anmodning",
}


def _common() -> dict[str, Any]:
    return {
        "basis_labels": {k.value: v for k, v in BASIS_LABELS.items()},
        "note_labels": {k.value: v for k, v in NOTE_LABELS.items()},
        "class_labels": {k.value: v for k, v in CLASS_LABELS.items()},
        "labels": LABELS,
        "today": today(),
    }


def _list_page(
    request: Request, session: Session, by: Principal, *, errors: dict[str, str], form: dict[str, str], code: int = 200
) -> Response:
    rows = [
        {"id": c.id, "name": c.name, "date_of_birth": c.date_of_birth, "residence_basis": c.residence_basis}
        for c in service.cases(session, by=by)
    ]
    return render(request, "foreigners.html", code, errors=errors, form=form, rows=rows, **_common())


@router.get(PAGE)
def foreigners_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _list_page(request, session, principal, errors={}, form={})


@router.post(PAGE)
async def create(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        row = service.create(
            session, data=ForeignerIn.model_validate(pick(form, "name", "date_of_birth", "residence_basis")), by=by
        )
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=principal,
        what="oprette sager",
        prefix="new_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, principal, errors=errors, form=form, code=422),
        fields=("name", "date_of_birth", "residence_basis"),
    )


def _case_page(
    request: Request,
    session: Session,
    case_id: int,
    by: Principal,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    code: int = 200,
) -> Response:
    try:
        detail = service.detail(session, case_id=case_id, by=by)
    except DomainError:
        return not_found(request, f"sag {case_id}")
    return render(request, "foreigner.html", code, errors=errors, form=form, d=detail, **_common())


@router.get(f"{PAGE}/{{case_id}}")
def case_page(case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _case_page(request, session, case_id, principal, errors={}, form={})


_case_form = functools.partial(case_form, page=_case_page)


@router.post(f"{PAGE}/{{case_id}}/notater")
async def add_note(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        service.add_note(
            session, case_id=case_id, data=NoteIn.model_validate(pick(form, "kind", "noted_on", "text")), by=by
        )
        return f"{PAGE}/{case_id}#notes-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="skrive notater",
        prefix="note_",
        fields=("kind", "noted_on", "text"),
        action=action,
    )


@router.post(f"{PAGE}/{{case_id}}/danskundervisning")
async def request_class(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = ClassRequestIn.model_validate(pick(form, "school", "requested_on"))
        service.request_class(session, case_id=case_id, data=data, by=by)
        return f"{PAGE}/{case_id}#classes-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="tilmelde danskundervisning",
        prefix="class_",
        fields=("school", "requested_on"),
        action=action,
    )


@router.post(f"{PAGE}/danskundervisning/{{request_id}}")
async def update_class(
    request_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    row = session.get(DanishClassRequest, request_id)
    if row is None:
        return not_found(request, "tilmeldingen")
    case_id = row.case_id

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.update_class(
            session, request_id=request_id, data=ClassRequestUpdate.model_validate(pick(form, "version", "status"))
        )
        return f"{PAGE}/{case_id}#classes-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="ændre tilmeldinger",
        prefix=f"c{request_id}_",
        fields=("status",),
        action=action,
    )


@router.post(f"{PAGE}/{{case_id}}/henvendelser")
async def add_citizen_request(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = CitizenRequestIn.model_validate(pick(form, "received_on", "request"))
        service.add_citizen_request(session, case_id=case_id, data=data)
        return f"{PAGE}/{case_id}#requests-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="registrere henvendelser",
        prefix="req_",
        fields=("received_on", "request"),
        action=action,
    )


@router.post(f"{PAGE}/henvendelser/{{request_id}}")
async def respond(
    request_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    row = session.get(CitizenRequest, request_id)
    if row is None:
        return not_found(request, "henvendelsen")
    case_id = row.case_id

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        service.respond(
            session,
            request_id=request_id,
            data=ResponseIn.model_validate(pick(form, "responded_on", "response")),
            by=by,
        )
        return f"{PAGE}/{case_id}#request-{request_id}"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="besvare henvendelser",
        prefix=f"r{request_id}_",
        fields=("responded_on", "response"),
        action=action,
    )
