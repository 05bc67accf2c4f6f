"""Completing onboarding tasks through the API (R3)."""

from __future__ import annotations

from fastapi import APIRouter

from reception.cases.service import OnboardingTaskOut
from reception.onboarding import service
from reception.onboarding.schemas import CHECKLIST, CompleteTaskIn, TaskKind
from reception.web import Reader
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["onboarding"])


@router.post("/onboarding-tasks/{task_id}/complete", response_model=OnboardingTaskOut)
def complete_task(task_id: IdPath, body: CompleteTaskIn, session: Db, by: Reader) -> OnboardingTaskOut:
    """Complete a task; only its owner department may. CPR registration takes the CPR number."""
    task = service.complete_task(
        session, task_id=task_id, by=by, cpr=body.cpr, note=body.note, registered_on=body.registered_on
    )
    return OnboardingTaskOut(
        id=task.id,
        kind=task.kind,
        title=CHECKLIST[TaskKind(task.kind)].title,
        owner_department=task.owner_department,
        due_date=task.due_date,
        status=task.status,
        completed_at=task.completed_at,
        completed_by=task.completed_by,
        due_why=service.task_due_why(task),
    )
