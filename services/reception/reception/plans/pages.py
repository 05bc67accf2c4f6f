"""The integration plan as a Danish page (R5): Jobcentret plans; owning departments move their actions on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.plans import service
from reception.plans.models import PlanAction
from reception.plans.schemas import (
    OWNER_LABELS,
    SERVICE_OWNERS,
    ActionIn,
    ActionOut,
    ActionUpdate,
    PlanIn,
    WithdrawIn,
)
from reception.web import danish_message, no_access_page, page_reader, render_case_page
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import DomainError, NotFound
from shared.plan_tasks import STATUS_LABELS, status_choices
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, signed_in, to_login

router = APIRouter(include_in_schema=False)
ACTION_FIELDS = ("owner", "title", "details", "due_date")


def plan_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The plan and its actions; ``form_for`` names the form the kept input belongs to."""

    def load(session: Session, case: Case) -> dict[str, Any]:
        try:
            plan = service.get_plan(session, case_id=case_id)
        except NotFound:
            plan = None
        actions = [ActionOut.model_validate(a) for a in service.actions_for(session, case_id=case_id)]
        return {
            "plan": plan,
            "actions": actions,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "today": today(),
            "is_caseworker": principal.department == Department.JOBCENTRET,
            "owner_labels": {o.value: label for o, label in OWNER_LABELS.items()},
            "service_owners": {o.value for o in SERVICE_OWNERS},
            "status_labels": STATUS_LABELS,
            "next_statuses": status_choices(),
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_PLAN,
        template="plan.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/plan")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return plan_page(request, principal, case_id)


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def _caseworker(principal: Principal) -> None:
    if principal.department != Department.JOBCENTRET:
        raise DomainError("only Jobcentret", danish="Kun Jobcentret kan lægge og ændre integrationsplanen")


def _on_case(session: Session, case_id: int, action_id: int) -> None:
    row = session.get(PlanAction, action_id)
    if row is None or row.case_id != case_id:
        raise NotFound(f"no plan action {action_id} on case {case_id}", danish="Indsatsen findes ikke på sagen")


def _failed(
    request: Request,
    principal: Principal,
    case_id: int,
    form: dict[str, str],
    form_for: str,
    exc: Exception,
    prefix: str,
) -> Response:
    if isinstance(exc, ValidationError):
        errors = {prefix + k: v for k, v in danish_errors(exc).items()}
        return plan_page(request, principal, case_id, errors=errors, form=form, form_for=form_for, status_code=422)
    assert isinstance(exc, DomainError)
    key = prefix + (exc.field if exc.field else "_")
    return plan_page(
        request,
        principal,
        case_id,
        errors={key: danish_message(exc)},
        form=form,
        form_for=form_for,
        status_code=exc.status if exc.status in (403, 404, 409) else 422,
    )


@router.post("/sager/{case_id}/plan")
async def create_plan(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _caseworker(principal)
        data = PlanIn.model_validate({"reason": form.get("reason", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            service.create_plan(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/plan", status_code=303)
    except (ValidationError, DomainError) as exc:
        return _failed(request, principal, case_id, form, "plan", exc, "")


@router.post("/sager/{case_id}/plan/indsatser")
async def add_action(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _caseworker(principal)
        data = ActionIn.model_validate({k: form.get(k, "") for k in ACTION_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            action = service.add_action(session, case_id=case_id, data=data, by=principal)
            action_id = action.id
        return RedirectResponse(f"/sager/{case_id}/plan#indsats-{action_id}", status_code=303)
    except (ValidationError, DomainError) as exc:
        return _failed(request, principal, case_id, form, "action", exc, "")


@router.post("/sager/{case_id}/plan/indsatser/{action_id}/status")
async def update_action(case_id: IdPath, action_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        data = ActionUpdate.model_validate(
            {"status": form.get("status", ""), "note": form.get("note", ""), "version": form.get("version", "")}
        )
        with request.app.state.runtime.session_factory.begin() as session:
            _on_case(session, case_id, action_id)
            service.update_action(session, action_id=action_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/plan#indsats-{action_id}", status_code=303)
    except (ValidationError, DomainError) as exc:
        return _failed(request, principal, case_id, form, f"status-{action_id}", exc, f"a{action_id}_")


@router.post("/sager/{case_id}/plan/indsatser/{action_id}/tilbagetraek")
async def withdraw_action(case_id: IdPath, action_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _caseworker(principal)
        data = WithdrawIn.model_validate({"reason": form.get("reason", ""), "version": form.get("version", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            _on_case(session, case_id, action_id)
            service.withdraw_action(session, action_id=action_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/plan#indsats-{action_id}", status_code=303)
    except (ValidationError, DomainError) as exc:
        return _failed(request, principal, case_id, form, f"withdraw-{action_id}", exc, f"w{action_id}_")
