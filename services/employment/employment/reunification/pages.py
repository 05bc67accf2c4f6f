"""Familiesammenføring til udlændinge (B10): the cases, the security deposit and the notes of each."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.foreigners import service as foreigners
from employment.foreigners.service import ForeignerIn
from employment.reunification import service
from employment.reunification.schemas import FORM_LABELS, NOTE_LABELS, DepositIn, Lodged, NoteIn, Released
from employment.web import FORMS, case_form, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import money_input, render

router = APIRouter(include_in_schema=False)
PAGE = "/familiesammenfoering"
WHAT = "familiesammenføring"
LABELS = {
    "new_name": "Navn",
    "new_date_of_birth": "Fødselsdato",
    "dep_amount": "Beløb",
    "dep_form": "Form",
    "lodge_lodged_on": "Stillet den",
    "rel_released_on": "Frigivet den",
    "note_kind": "Type",
    "note_noted_on": "Dato",
    "note_text": "Notat",
}


def _common() -> dict[str, Any]:
    return {
        "form_labels": {k.value: v for k, v in FORM_LABELS.items()},
        "note_labels": {k.value: v for k, v in NOTE_LABELS.items()},
        "labels": LABELS,
        "today": today(),
    }


def _list_page(
    request: Request, session: Session, by: Principal, *, errors: dict[str, str], form: dict[str, str], code: int = 200
) -> Response:
    rows = [
        {"id": c.id, "name": c.name, "date_of_birth": c.date_of_birth, "deposit": d}
        for c, d in service.cases(session, by=by)
    ]
    return render(request, "reunifications.html", code, errors=errors, form=form, rows=rows, **_common())


@router.get(PAGE)
def reunifications_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _list_page(request, session, principal, errors={}, form={})


@router.post(PAGE)
async def create(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = ForeignerIn.model_validate({**pick(form, "name", "date_of_birth"), "residence_basis": "family"})
        row = foreigners.create(session, data=data, by=by)
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=principal,
        what="oprette sager",
        prefix="new_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, principal, errors=errors, form=form, code=422),
        fields=("name", "date_of_birth"),
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
        case = service.reunification_case(session, case_id)
        foreigners.log_access(session, by=by, case_id=case_id, purpose=lookups.READ_REUNIFICATION_CASE)
        deposit = service.deposit(session, case_id=case_id)
        notes = service.notes(session, case_id=case_id)
    except DomainError:
        return not_found(request, f"sag {case_id} om familiesammenføring")
    return render(
        request,
        "reunification.html",
        code,
        errors=errors,
        form=form,
        case=case,
        deposit=deposit,
        notes=notes,
        **_common(),
    )


@router.get(f"{PAGE}/{{case_id}}")
def case_page(case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _case_page(request, session, case_id, principal, errors={}, form={})


_case_form = functools.partial(case_form, page=_case_page)


@router.post(f"{PAGE}/{{case_id}}/sikkerhedsstillelse")
async def register(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        fields = {**pick(form, "form"), "amount": money_input(form.get("amount", ""))}
        service.register_deposit(session, case_id=case_id, data=DepositIn.model_validate(fields), by=by)
        return f"{PAGE}/{case_id}#deposit-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="registrere sikkerhedsstillelse",
        prefix="dep_",
        fields=("amount", "form"),
        action=action,
    )


def _deposit_id(request: Request, session: Session, case_id: int) -> int:
    try:
        row = service.deposit(session, case_id=case_id)
    except DomainError:
        return 0
    return row.id if row is not None else 0


@router.post(f"{PAGE}/{{case_id}}/stillet")
async def lodged(case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    deposit_id = _deposit_id(request, session, case_id)
    if not deposit_id:
        return not_found(request, "sikkerhedsstillelsen")

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.lodge(session, deposit_id=deposit_id, data=Lodged.model_validate(pick(form, "version", "lodged_on")))
        return f"{PAGE}/{case_id}#deposit-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="registrere sikkerhedsstillelse",
        prefix="lodge_",
        fields=("lodged_on",),
        action=action,
    )


@router.post(f"{PAGE}/{{case_id}}/frigivet")
async def released(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    deposit_id = _deposit_id(request, session, case_id)
    if not deposit_id:
        return not_found(request, "sikkerhedsstillelsen")

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.release(
            session, deposit_id=deposit_id, data=Released.model_validate(pick(form, "version", "released_on"))
        )
        return f"{PAGE}/{case_id}#deposit-h"

    return await _case_form(
        request,
        case_id,
        session=session,
        principal=principal,
        what="frigive sikkerhedsstillelse",
        prefix="rel_",
        fields=("released_on",),
        action=action,
    )


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
