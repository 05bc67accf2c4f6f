"""Frister (B8): overdue follow-up conversations in red, the coming month, and each case's schedule."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.followup import control, service
from employment.followup.schemas import ControlActionIn, ControlStepIn, FollowUpHeldIn, FollowUpIn
from employment.intake import service as intake
from employment.web import FORMS, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError, NotFound
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/frister"
KIND_LABELS = {"statutory": "Lovpligtig (§ 20)", "as_needed": "Efter behov", "yearly": "Hver 12. måned (§ 20)"}
LABELS = {
    "held_held_on": "Dato for samtalen",
    "held_held_by": "Samtalen holdt af",
    "held_note": "Notat",
    "add_due_date": "Frist",
    "control_received_on": "Oplysningerne modtaget den",
    "control_what": "Hvad viste kontrolaktionen",
}
CONTROL_STEPS = {"samtale": "Samtalen holdt den", "tilbud": "Tilbuddet givet den"}


@router.get(PAGE)
def deadlines(request: Request, session: Db, principal: Principal = FORMS.reader("frister")) -> Response:
    overdue = service.overdue(session)
    upcoming = service.upcoming(session)
    numbers = intake.case_numbers(session)
    controls = [control.out(r) for r in control.open_steps(session)]
    record_page(request, session, purpose=lookups.LIST_FOLLOW_UPS, criteria=lookups.OVERDUE_AND_UPCOMING)
    return render(
        request,
        "deadlines.html",
        overdue=overdue,
        upcoming=upcoming,
        controls=controls,
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
        controls = [control.out(r) for r in control.for_case(session, case_id=case_id)]
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
        case=case,
        rows=rows,
        controls=controls,
        step_labels=CONTROL_STEPS,
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


@router.post(f"{PAGE}/sager/{{case_id}}/kontrolaktioner")
async def record_control_action(
    case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere kontrolaktioner")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        control.record(
            session, case_id=case_id, data=ControlActionIn.model_validate(pick(form, "received_on", "what")), by=by
        )
        return f"{PAGE}/sager/{case_id}#control-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere kontrolaktioner",
        prefix="control_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=("received_on", "what"),
    )


@router.post(f"{PAGE}/sager/{{case_id}}/kontrolaktioner/{{action_id}}/{{step}}")
async def control_step(
    case_id: IdPath,
    action_id: IdPath,
    step: str,
    request: Request,
    session: Db,
    user: Principal = FORMS.reader("registrere kontrolaktioner"),
) -> Response:
    if step not in CONTROL_STEPS:
        return not_found(request, "siden")

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = ControlStepIn.model_validate(pick(form, "version", "on"))
        if control.get(session, action_id).case_id != case_id:
            raise NotFound(f"control action {action_id} is not of case {case_id}", danish="Kontrolaktionen findes ikke")
        if step == "samtale":
            control.conversation_held(session, action_id=action_id, data=data)
        else:
            control.offer_given(session, action_id=action_id, data=data)
        return f"{PAGE}/sager/{case_id}#control-{action_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere kontrolaktioner",
        prefix=f"k{action_id}{step}_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=("version", "on"),
    )
