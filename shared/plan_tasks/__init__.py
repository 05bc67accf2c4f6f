"""Integration-plan actions other services own (R5): received as events, worked on, reported back.

Reception keeps the plan; an action it gives to housing, education or employment arrives as
``reception.plan_action_assigned``. The owning service keeps its copy here, its staff move it on
(in progress, done) through the API or the Danish page, and each step publishes
``<service>.plan_action_updated`` back to reception — in the same transaction (outbox).
Every owning service mounts the same code, so there is one place for the behaviour; each has its
own table (``plan_tasks``) in its own database.

The files are those of any sub-domain (models, schemas, service, routes, pages, handlers); this
module wires them into ``PlanTasks``, the one object a service declares.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import PlanActionAssigned, PlanActionWithdrawn
from shared.plan_tasks import handlers as _handlers
from shared.plan_tasks import pages, routes
from shared.plan_tasks.handlers import WithdrawalBeforeAssignment
from shared.plan_tasks.models import PlanTaskColumns
from shared.plan_tasks.schemas import PlanTaskOut, PlanTaskUpdate
from shared.plan_tasks.service import LIST_PLAN_ACTIONS, STATUS_LABELS, PlanTaskService, status_choices

__all__ = [
    "LIST_PLAN_ACTIONS",
    "STATUS_LABELS",
    "PlanTaskColumns",
    "PlanTaskOut",
    "PlanTaskService",
    "PlanTaskUpdate",
    "PlanTasks",
    "WithdrawalBeforeAssignment",
    "status_choices",
]


class PlanTasks(PlanTaskService):
    """One service's plan actions with their handlers and HTTP routes, as a service's bootstrap and main use them."""

    # The handlers a service's bootstrap declares for reception's plan events (each its own contract).
    def on_assigned(self, session: Session, event: PlanActionAssigned, _envelope: EventEnvelope) -> None:
        _handlers.on_assigned(self, session, event)

    def on_withdrawn(self, session: Session, event: PlanActionWithdrawn, _envelope: EventEnvelope) -> None:
        _handlers.on_withdrawn(self, session, event)

    def router(self) -> APIRouter:
        """The JSON API (``/plan-actions``) and the Danish page (``/integrationsplan``)."""
        router = APIRouter()
        router.include_router(routes.router(self))
        router.include_router(pages.router(self))
        return router
