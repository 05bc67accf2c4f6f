"""The use cases on one service's plan actions: list them, move one on and tell reception."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.auth import Department, Principal
from shared.bus.outbox import publish
from shared.contracts.plans import NEXT_STATUSES, PlanActionStatus, PlanActionUpdated
from shared.db import utcnow
from shared.errors import Conflict, NotFound
from shared.plan_tasks.schemas import PlanTaskUpdate

# The actions name the person's case and what the plan holds for them: each read of the list is logged.
LIST_PLAN_ACTIONS = "list_plan_actions"

STATUS_LABELS = {
    PlanActionStatus.PLANNED.value: ("info", "Planlagt"),
    PlanActionStatus.IN_PROGRESS.value: ("warning", "Igangsat"),
    PlanActionStatus.DONE.value: ("success", "Udført"),
    PlanActionStatus.WITHDRAWN.value: ("error", "Trukket tilbage"),
}


def status_choices() -> dict[str, list[tuple[str, str]]]:
    """For each status, the (value, Danish label) pairs it may move on to: the pages' select options."""
    return {
        s.value: [(n.value, STATUS_LABELS[n.value][1]) for n in PlanActionStatus if n in NEXT_STATUSES[s]]
        for s in PlanActionStatus
    }


@dataclass(frozen=True)
class PlanTaskService:
    """One service's plan actions: its name, its table, the event it reports with, who works on them."""

    service: str
    model: type[Any]
    updated_event: type[PlanActionUpdated]
    workers: tuple[Department, ...]

    def tasks(self, session: Session) -> list[Any]:
        """Every action this service holds: open ones first, soonest due first."""
        rows = session.scalars(select(self.model).order_by(self.model.due_date, self.model.action_id))
        closed = (PlanActionStatus.DONE.value, PlanActionStatus.WITHDRAWN.value)
        return sorted(rows, key=lambda r: r.status in closed)

    def update(self, session: Session, *, action_id: int, data: PlanTaskUpdate, by: Principal) -> Any:
        """Move an action on and tell reception, in one transaction."""
        row = session.get(self.model, action_id, with_for_update=True)
        if row is None:
            raise NotFound(f"plan action {action_id} not found", danish="Indsatsen findes ikke")
        current = PlanActionStatus(row.status)
        if current == PlanActionStatus.WITHDRAWN:
            raise Conflict("the action was withdrawn from the plan", danish="Indsatsen er trukket tilbage fra planen")
        if data.status not in NEXT_STATUSES[current]:
            raise Conflict(
                f"a {current.value} action cannot become {data.status.value}",
                field="status",
                danish=f"En indsats med status {STATUS_LABELS[current.value][1].lower()} kan ikke få den status",
            )
        row.status, row.note = data.status.value, data.note
        row.updated_by, row.updated_at = by.user, utcnow()
        session.flush()
        publish(
            session,
            self.updated_event(case_id=row.case_id, action_id=row.action_id, status=data.status, note=row.note),
            producer=self.service,
        )
        return row
