"""Danskuddannelse's plan actions: the shared behaviour (shared.plan_tasks) on education's table and event."""

from __future__ import annotations

from education.plans.models import PlanTask
from shared.auth import Department
from shared.contracts.education import EducationPlanActionUpdated
from shared.plan_tasks import PlanTasks

PLAN_TASKS = PlanTasks(
    service="education", model=PlanTask, updated_event=EducationPlanActionUpdated, workers=(Department.JOBCENTRET,)
)
