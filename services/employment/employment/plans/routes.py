"""R5: ``/plan-actions`` (JSON) and ``/integrationsplan`` (Danish page) for Beskæftigelse."""

from __future__ import annotations

from employment.plans.service import PLAN_TASKS

router = PLAN_TASKS.router()
