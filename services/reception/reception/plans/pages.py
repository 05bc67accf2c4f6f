"""The integration plan as a Danish page (R5): Jobcentret plans; owning departments move their actions on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
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
from reception.web import FORMS, JC, CaseReader, render_case_page
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import NotFound
from shared.plan_tasks import STATUS_LABELS, status_choices
from shared.web.deps import Db, IdPath
from shared.web.submit import Action, pick

router = APIRouter(include_in_schema=False)
ACTION_FIELDS = ("owner", "title", "details", "due_date")


def plan_page(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The plan and its actions; ``form_for`` names the form the kept input belongs to."""

    def load(db: Session, case: Case) -> dict[str, Any]:
        try:
            plan = service.get_plan(db, case_id=case_id)
        except NotFound:
            plan = None
        actions = [ActionOut.model_validate(a) for a in service.actions_for(db, case_id=case_id)]
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
        session,
        principal,
        case_id,
        purpose=lookups.READ_PLAN,
        template="plan.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/plan")
def show(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return plan_page(request, session, user, case_id)


def _on_case(session: Session, case_id: int, action_id: int) -> None:
    row = session.get(PlanAction, action_id)
    if row is None or row.case_id != case_id:
        raise NotFound(f"no plan action {action_id} on case {case_id}", danish="Indsatsen findes ikke på sagen")


async def _submit(
    request: Request,
    session: Session,
    user: Principal,
    case_id: int,
    *,
    form_for: str,
    prefix: str,
    fields: tuple[str, ...],
    action: Action,
    caseworker: bool = True,
) -> Response:
    """One of the plan's forms (``form_for``); a refusal keeps its status (403, 404, 409)."""
    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="lægge og ændre integrationsplanen",
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: plan_page(
            request, session, user, case_id, errors=errors, form=form, form_for=form_for, status_code=422
        ),
        fields=fields,
        allowed=(JC,) if caseworker else None,
        refused="Kun Jobcentret kan lægge og ændre integrationsplanen",
        keep_status=(403, 404, 409),
    )


@router.post("/sager/{case_id}/plan")
async def create_plan(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        service.create_plan(db, case_id=case_id, data=PlanIn.model_validate(pick(form, ("reason",))), by=by)
        return f"/sager/{case_id}/plan"

    return await _submit(request, session, user, case_id, form_for="plan", prefix="", fields=("reason",), action=action)


@router.post("/sager/{case_id}/plan/indsatser")
async def add_action(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = ActionIn.model_validate(pick(form, ACTION_FIELDS))
        return f"/sager/{case_id}/plan#indsats-{service.add_action(db, case_id=case_id, data=data, by=by).id}"

    return await _submit(
        request, session, user, case_id, form_for="action", prefix="", fields=ACTION_FIELDS, action=action
    )


@router.post("/sager/{case_id}/plan/indsatser/{action_id}/status")
async def update_action(
    case_id: IdPath, action_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = ActionUpdate.model_validate(pick(form, ("status", "note", "version")))
        _on_case(db, case_id, action_id)
        service.update_action(db, action_id=action_id, data=data, by=by)
        return f"/sager/{case_id}/plan#indsats-{action_id}"

    # The owning department moves its action on: any case reader may post, the service decides.
    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for=f"status-{action_id}",
        prefix=f"a{action_id}_",
        fields=("status", "note", "version"),
        action=action,
        caseworker=False,
    )


@router.post("/sager/{case_id}/plan/indsatser/{action_id}/tilbagetraek")
async def withdraw_action(
    case_id: IdPath, action_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = WithdrawIn.model_validate(pick(form, ("reason", "version")))
        _on_case(db, case_id, action_id)
        service.withdraw_action(db, action_id=action_id, data=data, by=by)
        return f"/sager/{case_id}/plan#indsats-{action_id}"

    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for=f"withdraw-{action_id}",
        prefix=f"w{action_id}_",
        fields=("reason", "version"),
        action=action,
    )
