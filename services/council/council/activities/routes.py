"""The council's activities through the API (C2): Jobcentret coordinates, the council reads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from council.activities import service
from council.activities.schemas import ActivityIn, ActivityOut, ActivityStatusIn, TaskIn, TaskOut, TaskUpdate
from council.web import CouncilReader, Secretariat
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["aktiviteter"])


@router.post("/activities", status_code=status.HTTP_201_CREATED, response_model=ActivityOut)
def plan(body: ActivityIn, session: Db, _by: Secretariat) -> ActivityOut:
    return service.out(session, service.plan(session, data=body))


@router.get("/activities", response_model=list[ActivityOut])
def list_activities(session: ReadDb, _by: CouncilReader) -> list[ActivityOut]:
    return [service.out(session, a) for a in service.activities(session)]


@router.get("/activities/{activity_id}", response_model=ActivityOut)
def get_activity(activity_id: IdPath, session: ReadDb, _by: CouncilReader) -> ActivityOut:
    return service.out(session, service.get(session, activity_id))


@router.post("/activities/{activity_id}/status", response_model=ActivityOut)
def set_status(activity_id: IdPath, body: ActivityStatusIn, session: Db, _by: Secretariat) -> ActivityOut:
    """Held (not before its date) or cancelled; a stale ``version`` is a 409."""
    return service.out(session, service.set_status(session, activity_id=activity_id, data=body))


@router.post("/activities/{activity_id}/tasks", status_code=status.HTTP_201_CREATED, response_model=TaskOut)
def add_task(activity_id: IdPath, body: TaskIn, session: Db, _by: Secretariat) -> Any:
    return service.add_task(session, activity_id=activity_id, data=body)


@router.patch("/coordination-tasks/{task_id}", response_model=TaskOut)
def update_task(task_id: IdPath, body: TaskUpdate, session: Db, _by: Secretariat) -> Any:
    return service.update_task(session, task_id=task_id, data=body)
