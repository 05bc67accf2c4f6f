"""What employment runs: the events it handles (by contract) and the periodic B8 check, declared once."""

from __future__ import annotations

from employment.config import EmploymentSettings
from employment.followup import service as followups
from employment.intake import handlers
from employment.plans.service import PLAN_TASKS
from shared.contracts.reception import CaseOpened, PlanActionAssigned, PlanActionWithdrawn, ResponsibilityTakenOver
from shared.runtime import Handlers, Periodic, ServiceDefinition, ServiceRuntime

SERVICE = ServiceDefinition(
    name="employment",
    settings=EmploymentSettings,
    handlers=Handlers()
    .on(CaseOpened, handlers.on_case_opened)
    .on(ResponsibilityTakenOver, handlers.on_responsibility_taken_over)
    .on(PlanActionAssigned, PLAN_TASKS.on_assigned)
    .on(PlanActionWithdrawn, PLAN_TASKS.on_withdrawn),
    periodic=(
        # B8: overdue statutory follow-up conversations are announced once.
        Periodic(
            "announce_overdue_follow_ups",
            every=lambda s: s.follow_up_check_seconds,
            run=lambda _s, factory: followups.announce_overdue(factory),
        ),
    ),
)
HANDLERS = SERVICE.handlers.by_type()


def build(settings: EmploymentSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
