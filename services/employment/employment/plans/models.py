"""Beskæftigelse's copy of the integration-plan actions it owns (R5); the columns live in shared.plan_tasks."""

from __future__ import annotations

from employment.db import Base
from shared.plan_tasks import PlanTaskColumns


class PlanTask(PlanTaskColumns, Base):
    pass
