"""Wires education: settings, database, bus handlers."""

from __future__ import annotations

from education.config import EducationSettings
from education.intake import handlers
from education.plans.service import PLAN_TASKS
from shared.bus.inbox import Handler
from shared.runtime import ServiceRuntime

HANDLERS: dict[str, Handler] = {
    "reception.case_opened": handlers.on_case_opened,
    "reception.responsibility_taken_over": handlers.on_responsibility_taken_over,
    **PLAN_TASKS.handlers,
}


def build(settings: EducationSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(settings or EducationSettings(), handlers=HANDLERS)
