"""What education runs: the events it handles (by contract), declared once."""

from __future__ import annotations

from education.config import EducationSettings
from education.intake import handlers
from education.plans.service import PLAN_TASKS
from shared.contracts.reception import CaseOpened, PlanActionAssigned, PlanActionWithdrawn, ResponsibilityTakenOver
from shared.runtime import Handlers, ServiceDefinition, ServiceRuntime

SERVICE = ServiceDefinition(
    name="education",
    settings=EducationSettings,
    handlers=Handlers()
    .on(CaseOpened, handlers.on_case_opened)
    .on(ResponsibilityTakenOver, handlers.on_responsibility_taken_over)
    .on(PlanActionAssigned, PLAN_TASKS.on_assigned)
    .on(PlanActionWithdrawn, PLAN_TASKS.on_withdrawn),
)
# The consumer's view (event type → handler), as the worker and the in-process runner use it.
HANDLERS = SERVICE.handlers.by_type()


def build(settings: EducationSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
