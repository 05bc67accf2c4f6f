"""Boligområdet's plan actions: the shared behaviour (shared.plan_tasks) on housing's table and event."""

from __future__ import annotations

from housing.plans.models import PlanTask
from shared.auth import Department
from shared.contracts.housing import HousingPlanActionUpdated
from shared.plan_tasks import PlanTasks

PLAN_TASKS = PlanTasks(
    service="housing",
    model=PlanTask,
    updated_event=HousingPlanActionUpdated,
    workers=(Department.SOCIAL_PSYKIATRI, Department.BORGERSERVICE),
)
