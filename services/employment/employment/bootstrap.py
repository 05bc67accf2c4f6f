"""Wires employment: settings, database, bus handlers, the periodic follow-up deadline check (B8)."""

from __future__ import annotations

from employment.config import EmploymentSettings
from employment.followup import service as followups
from employment.intake import handlers
from employment.plans.service import PLAN_TASKS
from shared.bus.inbox import Handler
from shared.runtime import ServiceRuntime

HANDLERS: dict[str, Handler] = {
    "reception.case_opened": handlers.on_case_opened,
    "reception.responsibility_taken_over": handlers.on_responsibility_taken_over,
    **PLAN_TASKS.handlers,
}


def build(settings: EmploymentSettings | None = None) -> ServiceRuntime:
    settings = settings or EmploymentSettings()
    return ServiceRuntime(
        settings,
        handlers=HANDLERS,
        periodic={"announce_overdue_follow_ups": (settings.follow_up_check_seconds, followups.announce_overdue)},
    )
