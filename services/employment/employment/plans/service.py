"""Beskæftigelse's plan actions: the shared behaviour (shared.plan_tasks) on employment's table and event."""

from __future__ import annotations

from employment.plans.models import PlanTask
from shared.auth import Department
from shared.contracts.employment import EmploymentPlanActionUpdated
from shared.plan_tasks import PlanTasks

PLAN_TASKS = PlanTasks(
    service="employment", model=PlanTask, updated_event=EmploymentPlanActionUpdated, workers=(Department.JOBCENTRET,)
)
