"""Frister (B8): overdue follow-up conversations in red, the coming month, and each case's schedule."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.followup import service
from employment.followup.schemas import FollowUpHeldIn, FollowUpIn
from employment.intake import service as intake
from employment.web import FORMS, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/frister"
KIND_LABELS = {"statutory": "Lovpligtig (§ 20)", "as_needed": "Efter behov"}
LABELS = {
    "held_held_on": "Dato for samtalen",
    "held_held_by": "Samtalen holdt af",
    "held_note": "Notat",
    "add_due_date": "Frist",
}


@router.get(PAGE)
def deadlines(request: Request, session: Db, principal: Principal = FORMS.reader("frister")) -> Response:
    overdue = service.overdue(session)
    upcoming = service.upcoming(session)
    numbers = intake.case_numbers(session)
    record_page(request, session, purpose=lookups.LIST_FOLLOW_UPS, criteria=lookups.OVERDUE_AND_UPCOMING)
    return render(
        request,
        "deadlines.html",
        overdue=overdue,
        upcoming=upcoming,
        numbers=numbers,
        kind_labels=KIND_LABELS,
        today=today(),
    )


def _case_page(
    request: Request,
    session: Session,
    case_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        case = intake.known_case(session, case_id)
        rows = [service.out(r) for r in service.for_case(session, case_id=case_id)]
    except DomainError:
        return not_found(request, f"sag {case_id}")
    record_page(request, session, purpose=lookups.READ_FOLLOW_UPS, case_id=case_id)
    number = case.case_number
    start = intake.arrival_of(case)
    return render(
        request,
        "case_followups.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        case_id=case_id,
        case_number=number,
        start=start,
        rows=rows,
        kind_labels=KIND_LABELS,
        today=today(),
    )


@router.get(f"{PAGE}/sager/{{case_id}}")
def case_page(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("frister")
) -> Response:
    return _case_page(request, session, case_id, errors={}, form={})


@router.post(f"{PAGE}/sager/{{case_id}}/samtaler")
async def held(
    case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere opfølgningssamtaler")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = FollowUpHeldIn.model_validate(pick(form, "held_on", "held_by", "note"))
        service.record_held(session, case_id=case_id, data=data)
        return f"{PAGE}/sager/{case_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere opfølgningssamtaler",
        prefix="held_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=("held_on", "held_by", "note"),
    )


@router.post(f"{PAGE}/sager/{{case_id}}/frister")
async def add(
    case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("tilføje opfølgninger")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.add(session, case_id=case_id, due_date=FollowUpIn.model_validate(pick(form, "due_date")).due_date)
        return f"{PAGE}/sager/{case_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="tilføje opfølgninger",
        prefix="add_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=("due_date",),
    )
