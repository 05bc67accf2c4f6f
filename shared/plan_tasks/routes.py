"""R5 JSON API: ``/plan-actions`` lists the actions reception gave this service and moves one on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from shared import access
from shared.auth import Principal, require
from shared.plan_tasks.schemas import PlanTaskOut, PlanTaskUpdate
from shared.plan_tasks.service import LIST_PLAN_ACTIONS, PlanTaskService
from shared.web.deps import Db, IdPath


def router(plan: PlanTaskService) -> APIRouter:
    """The JSON API of one service's plan actions."""
    # A default, not an Annotated alias: this module's annotations are strings resolved at module level.
    worker = Depends(require(*plan.workers))
    api = APIRouter(tags=["integrationsplan"])

    @api.get("/plan-actions", response_model=list[PlanTaskOut])
    def list_actions(session: Db, by: Principal = worker) -> Any:
        """R5: the integration-plan actions reception gave this service (persons' plans: access-logged)."""
        access.record(session, by=by, purpose=LIST_PLAN_ACTIONS)
        return plan.tasks(session)

    @api.post("/plan-actions/{action_id}/status", response_model=PlanTaskOut)
    def move_on(action_id: IdPath, body: PlanTaskUpdate, session: Db, by: Principal = worker) -> Any:
        """R5: in progress or done, with a note; reception's plan follows."""
        return plan.update(session, action_id=action_id, data=body, by=by)

    return api
