"""R5: ``/plan-actions`` (JSON) and ``/integrationsplan`` (Danish page) for Boligområdet."""

from __future__ import annotations

from housing.plans.service import PLAN_TASKS

router = PLAN_TASKS.router()
