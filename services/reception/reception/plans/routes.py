"""The integration plan through the API (R5)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from reception import lookups
from reception.plans import service
from reception.plans.schemas import ActionIn, ActionOut, ActionUpdate, PlanIn, PlanOut, WithdrawIn
from reception.web import Caseworker, Reader
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["integrationsplan"])


def plan_out(session: Db, case_id: int) -> PlanOut:
    plan = service.get_plan(session, case_id=case_id)
    return PlanOut(
        case_id=plan.case_id,
        reason=plan.reason,
        created_by=plan.created_by,
        created_at=plan.created_at,
        actions=[ActionOut.model_validate(a) for a in service.actions_for(session, case_id=case_id)],
    )


@router.post("/cases/{case_id}/plan", status_code=status.HTTP_201_CREATED, response_model=PlanOut)
def create_plan(case_id: IdPath, body: PlanIn, session: Db, by: Caseworker) -> Any:
    """R5: Jobcentret opens the integration plan for a complex case."""
    service.create_plan(session, case_id=case_id, data=body, by=by)
    return plan_out(session, case_id)


@router.get("/cases/{case_id}/plan", response_model=PlanOut)
def show_plan(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's integration plan (access-logged under its case)."""
    out = plan_out(session, case_id)
    access.record(session, by=by, purpose=lookups.READ_PLAN, case_id=case_id)
    return out


@router.post("/cases/{case_id}/plan/actions", status_code=status.HTTP_201_CREATED, response_model=ActionOut)
def add_action(case_id: IdPath, body: ActionIn, session: Db, by: Caseworker) -> Any:
    """R5: an action owned by a department or service; another service gets it as an event."""
    return service.add_action(session, case_id=case_id, data=body, by=by)


@router.patch("/plan-actions/{action_id}", response_model=ActionOut)
def update_action(action_id: IdPath, body: ActionUpdate, session: Db, by: Reader) -> Any:
    """The owning department moves its action on (version checked: 409 on a stale one)."""
    return service.update_action(session, action_id=action_id, data=body, by=by)


@router.post("/plan-actions/{action_id}/withdraw", response_model=ActionOut)
def withdraw_action(action_id: IdPath, body: WithdrawIn, session: Db, by: Caseworker) -> Any:
    return service.withdraw_action(session, action_id=action_id, data=body, by=by)
