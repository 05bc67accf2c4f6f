"""Use cases for the integration plan (R5).

An action for another service is published in the same transaction (outbox) and that service
reports its progress back as ``<service>.plan_action_updated``; an action for a department that
works in reception is moved on here by that department.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.service import get_case
from reception.plans.models import IntegrationPlan, PlanAction
from reception.plans.schemas import OWNER_LABELS as OWNER_LABELS
from reception.plans.schemas import (
    SERVICE_OWNERS,
    ActionIn,
    ActionUpdate,
    PlanIn,
    WithdrawIn,
)
from reception.plans.schemas import ActionOwner as ActionOwner
from reception.plans.schemas import responsible_department as responsible_department
from shared.auth import Principal
from shared.bus.envelope import EventEnvelope
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.plans import NEXT_STATUSES, PlanActionStatus, PlanActionUpdated
from shared.contracts.reception import PlanActionAssigned, PlanActionWithdrawn
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Forbidden, Invalid, NotFound

# The ``name as name`` imports re-export what other sub-domains use: they reach this one through its service only.

SERVICE = "reception"
log = logging.getLogger(__name__)


def create_plan(session: Session, *, case_id: int, data: PlanIn, by: Principal) -> IntegrationPlan:
    """Open the case's integration plan (one per case)."""
    get_case(session, case_id=case_id)
    plan = IntegrationPlan(case_id=case_id, reason=data.reason, created_by=by.user)
    if not try_insert(session, plan):
        raise Conflict(
            f"case {case_id} has an integration plan already", danish="Sagen har allerede en integrationsplan"
        )
    return plan


def get_plan(session: Session, *, case_id: int) -> IntegrationPlan:
    get_case(session, case_id=case_id)
    plan = session.get(IntegrationPlan, case_id)
    if plan is None:
        raise NotFound(f"case {case_id} has no integration plan", danish="Sagen har ingen integrationsplan")
    return plan


def actions_for(session: Session, *, case_id: int) -> list[PlanAction]:
    query = select(PlanAction).where(PlanAction.case_id == case_id)
    return list(session.scalars(query.order_by(PlanAction.due_date, PlanAction.id)))


def add_action(session: Session, *, case_id: int, data: ActionIn, by: Principal) -> PlanAction:
    """Add an action; one for another service is sent to it as ``reception.plan_action_assigned``."""
    get_plan(session, case_id=case_id)
    if data.due_date < today():
        raise Invalid("due_date must not be in the past", field="due_date", danish="Fristen ligger i fortiden")
    action = PlanAction(
        case_id=case_id,
        owner=data.owner.value,
        title=data.title,
        details=data.details,
        due_date=data.due_date,
        created_by=by.user,
    )
    session.add(action)
    session.flush()
    if data.owner in SERVICE_OWNERS:
        case = get_case(session, case_id=case_id)
        publish(
            session,
            PlanActionAssigned(
                case_id=case_id,
                case_number=case.case_number or "",
                action_id=action.id,
                owner=action.owner,
                title=action.title,
                details=action.details,
                due_date=action.due_date,
            ),
            producer=SERVICE,
        )
    return action


def _action(session: Session, *, action_id: int, version: int) -> PlanAction:
    row = session.get(PlanAction, action_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no plan action with id {action_id}", danish="Indsatsen findes ikke")
    if row.version != version:
        raise Conflict(
            f"the action was changed by someone else (version {row.version})",
            danish="Indsatsen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def _move(row: PlanAction, status: PlanActionStatus) -> None:
    if status not in NEXT_STATUSES[PlanActionStatus(row.status)]:
        raise Conflict(
            f"a {row.status} action cannot become {status.value}", danish="Indsatsen kan ikke skifte til den status"
        )


def update_action(session: Session, *, action_id: int, data: ActionUpdate, by: Principal) -> PlanAction:
    """The owning department moves its action on; a service's action follows that service's reports."""
    row = _action(session, action_id=action_id, version=data.version)
    owner = ActionOwner(row.owner)
    if owner in SERVICE_OWNERS:
        raise Conflict(
            f"the action is owned by {owner.value}, which reports its status",
            danish=f"Indsatsen opdateres af {OWNER_LABELS[owner]} i deres eget system",
        )
    if by.department.value != owner.value:
        raise Forbidden(
            f"only {owner.value} updates this action", danish="Kun den ansvarlige afdeling kan opdatere indsatsen"
        )
    _move(row, data.status)
    row.status, row.note = data.status.value, data.note
    row.updated_by, row.updated_at = by.user, utcnow()
    session.flush()
    return row


def withdraw_action(session: Session, *, action_id: int, data: WithdrawIn, by: Principal) -> PlanAction:
    """Take an open action off the plan; the owning service is told."""
    row = _action(session, action_id=action_id, version=data.version)
    if row.status in (PlanActionStatus.DONE.value, PlanActionStatus.WITHDRAWN.value):
        raise Conflict(f"the action is {row.status} already", danish="Indsatsen er allerede afsluttet")
    row.status, row.note = PlanActionStatus.WITHDRAWN.value, data.reason
    row.updated_by, row.updated_at = by.user, utcnow()
    session.flush()
    if ActionOwner(row.owner) in SERVICE_OWNERS:
        publish(
            session,
            PlanActionWithdrawn(case_id=row.case_id, action_id=row.id, owner=row.owner, reason=data.reason),
            producer=SERVICE,
        )
    return row


def on_action_updated(session: Session, event: PlanActionUpdated, envelope: EventEnvelope) -> None:
    """A service reported progress on its action: follow it forward; late or foreign reports are ignored."""
    row = session.get(PlanAction, event.action_id, with_for_update=True)
    if row is None or row.owner != envelope.producer:
        log.warning(
            "plan action %s: report from %s ignored (unknown action or not its owner)",
            event.action_id,
            envelope.producer,
        )
        return
    if event.status not in NEXT_STATUSES[PlanActionStatus(row.status)]:
        return  # withdrawn meanwhile, or an older report arriving after a newer one
    row.status, row.note = event.status.value, event.note
    row.updated_by, row.updated_at = envelope.producer, envelope.occurred_at
