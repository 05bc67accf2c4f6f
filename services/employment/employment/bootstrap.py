"""Wires employment: settings, database, bus handlers."""

from __future__ import annotations

from employment.config import EmploymentSettings
from employment.intake import handlers
from employment.plans.service import PLAN_TASKS
from shared.bus.inbox import Handler
from shared.runtime import ServiceRuntime

HANDLERS: dict[str, Handler] = {"reception.case_opened": handlers.on_case_opened, **PLAN_TASKS.handlers}


def build(settings: EmploymentSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(settings or EmploymentSettings(), handlers=HANDLERS)
