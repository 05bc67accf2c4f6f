"""C2 Understøttelse af visse aktiviteter on Danish pages: activities and the municipality's coordination tasks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from council.activities import service
from council.activities.models import CoordinationTask
from council.activities.schemas import STATUS_LABELS, ActivityIn, ActivityStatusIn, TaskIn, TaskUpdate
from council.web import Rerender, not_found, reader, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/aktiviteter"
WHAT = "integrationsrådets aktiviteter"
LABELS = {
    "activity_title": "Aktivitet",
    "activity_activity_date": "Dato",
    "activity_place": "Sted",
    "activity_responsible": "Ansvarlig",
    "activity_description": "Beskrivelse",
    "task_text": "Koordineringsopgave",
    "task_owner": "Ansvarlig for opgaven",
}
FIELDS = ("title", "activity_date", "place", "responsible", "description")


def _statuses() -> dict[str, str]:
    return {s.value: label for s, label in STATUS_LABELS.items()}


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = [service.out(session, a) for a in service.activities(session)]
    return render(
        request,
        "activities.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        activities=rows,
        statuses=_statuses(),
    )


@router.get(PAGE)
def activities_page(request: Request, session: Db, principal: Principal = reader(WHAT)) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(PAGE)
async def plan(request: Request, session: Db, user: Principal = reader("planlægge aktiviteter")) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        row = service.plan(session, data=ActivityIn.model_validate({k: form.get(k, "") for k in FIELDS}))
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="planlægge aktiviteter",
        prefix="activity_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=FIELDS,
    )


def _page(
    request: Request,
    session: Session,
    activity_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        activity = service.out(session, service.get(session, activity_id))
    except DomainError:
        return not_found(request, f"aktivitet {activity_id}")
    return render(
        request,
        "activity.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        activity=activity,
        statuses=_statuses(),
    )


@router.get(f"{PAGE}/{{activity_id}}")
def activity_page(activity_id: IdPath, request: Request, session: Db, principal: Principal = reader(WHAT)) -> Response:
    return _page(request, session, activity_id, errors={}, form={})


def _rerender(request: Request, session: Session, activity_id: int) -> Rerender:
    return lambda errors, form: _page(request, session, activity_id, errors=errors, form=form, status_code=422)


@router.post(f"{PAGE}/{{activity_id}}/status")
async def set_status(
    activity_id: IdPath, request: Request, session: Db, user: Principal = reader("ændre aktiviteters status")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = ActivityStatusIn.model_validate({k: form.get(k, "") for k in ("status", "version")})
        service.set_status(session, activity_id=activity_id, data=data)
        return f"{PAGE}/{activity_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="ændre aktiviteters status",
        prefix="status_",
        action=action,
        rerender=_rerender(request, session, activity_id),
    )


@router.post(f"{PAGE}/{{activity_id}}/opgaver")
async def add_task(
    activity_id: IdPath, request: Request, session: Db, user: Principal = reader("registrere koordineringsopgaver")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.add_task(
            session,
            activity_id=activity_id,
            data=TaskIn.model_validate({k: form.get(k, "") for k in ("text", "owner")}),
        )
        return f"{PAGE}/{activity_id}#tasks-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere koordineringsopgaver",
        prefix="task_",
        action=action,
        rerender=_rerender(request, session, activity_id),
        fields=("text", "owner"),
    )


@router.post(f"{PAGE}/{{activity_id}}/opgaver/{{task_id}}")
async def update_task(
    activity_id: IdPath,
    task_id: IdPath,
    request: Request,
    session: Db,
    user: Principal = reader("opdatere koordineringsopgaver"),
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        task = session.get(CoordinationTask, task_id)
        if task is None or task.activity_id != activity_id:
            raise DomainError("no such task on this activity", danish="Opgaven findes ikke")
        service.update_task(
            session, task_id=task_id, data=TaskUpdate.model_validate({k: form.get(k, "") for k in ("done", "version")})
        )
        return f"{PAGE}/{activity_id}#task-{task_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="opdatere koordineringsopgaver",
        prefix=f"t{task_id}_",
        action=action,
        rerender=_rerender(request, session, activity_id),
    )
