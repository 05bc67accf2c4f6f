"""R5: ``/plan-actions`` (JSON) and ``/integrationsplan`` (Danish page) for Danskuddannelse."""

from __future__ import annotations

from education.plans.service import PLAN_TASKS

router = PLAN_TASKS.router()
