"""R5 Danish page: ``/integrationsplan`` shows the actions and moves one on."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from shared import access
from shared.auth import Principal
from shared.errors import Conflict, NotFound
from shared.plan_tasks.schemas import PlanTaskOut, PlanTaskUpdate
from shared.plan_tasks.service import LIST_PLAN_ACTIONS, STATUS_LABELS, PlanTaskService, status_choices
from shared.web.deps import Db, IdPath
from shared.web.forms import danish_errors, render
from shared.web.submit import PageForms

WHAT = "integrationsplanens indsatser"


def router(plan: PlanTaskService) -> APIRouter:
    """The Danish page of one service's plan actions, for the departments that work on them."""
    # A default, not an Annotated alias: this module's annotations are strings resolved at module level.
    worker = PageForms(readers=plan.workers).reader(WHAT)
    pages = APIRouter(tags=["integrationsplan"])

    @pages.get("/integrationsplan", include_in_schema=False)
    def page(request: Request, session: Db, principal: Principal = worker) -> Response:
        return _page(plan, request, session, principal)

    @pages.post("/integrationsplan/{action_id}", include_in_schema=False)
    async def submit(action_id: IdPath, request: Request, session: Db, principal: Principal = worker) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            data = PlanTaskUpdate.model_validate({"status": form.get("status", ""), "note": form.get("note", "")})
            with session.begin_nested():  # a refused move writes nothing; the page shown again still reads
                plan.update(session, action_id=action_id, data=data, by=principal)
        except ValidationError as exc:
            errors, code = {f"a{action_id}_{k}": v for k, v in danish_errors(exc).items()}, 422
        except (Conflict, NotFound) as exc:
            errors, code = {f"a{action_id}__": exc.danish}, 404 if isinstance(exc, NotFound) else 409
        else:
            return RedirectResponse(f"/integrationsplan#indsats-{action_id}", status_code=303)
        return _page(plan, request, session, principal, errors=errors, form=form, form_for=action_id, status_code=code)

    return pages


def _page(
    plan: PlanTaskService,
    request: Request,
    session: Session,
    principal: Principal,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    form_for: int = 0,
    status_code: int = 200,
) -> Response:
    tasks = [PlanTaskOut.model_validate(r) for r in plan.tasks(session)]
    access.record(session, by=principal, purpose=LIST_PLAN_ACTIONS)  # the read is access-logged
    return render(
        request,
        "plan_tasks.html",
        status_code,
        tasks=tasks,
        errors=errors or {},
        form=form or {},
        form_for=form_for,
        status_labels=STATUS_LABELS,
        next_statuses=status_choices(),
    )
