"""Inbound events from reception: an action given to this service, or withdrawn from it; idempotent."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shared.contracts.plans import PlanActionStatus
from shared.contracts.reception import PlanActionAssigned, PlanActionWithdrawn
from shared.db import utcnow
from shared.plan_tasks.service import PlanTaskService


class WithdrawalBeforeAssignment(LookupError):
    """A withdrawal overtook its assignment on the bus: retried until the assignment is in."""


def on_assigned(plan: PlanTaskService, session: Session, event: PlanActionAssigned) -> None:
    """Keep the action if it is ours; a repeat or an already withdrawn action is left as it is."""
    if event.owner != plan.service or session.get(plan.model, event.action_id) is not None:
        return
    session.add(
        plan.model(
            action_id=event.action_id,
            case_id=event.case_id,
            case_number=event.case_number,
            title=event.title,
            details=event.details,
            due_date=event.due_date,
        )
    )


def on_withdrawn(plan: PlanTaskService, session: Session, event: PlanActionWithdrawn) -> None:
    if event.owner != plan.service:
        return
    row = session.get(plan.model, event.action_id, with_for_update=True)
    if row is None:
        raise WithdrawalBeforeAssignment(f"plan action {event.action_id} not received yet")
    row.status, row.note = PlanActionStatus.WITHDRAWN.value, event.reason
    row.updated_by, row.updated_at = "reception", utcnow()
