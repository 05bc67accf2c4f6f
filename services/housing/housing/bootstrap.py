"""Wires housing: settings, database, bus handlers, the periodic readiness check."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from housing.config import HousingSettings
from housing.permanent import handlers as permanent_handlers
from housing.plans.service import PLAN_TASKS
from housing.readiness import handlers, service
from shared.bus.inbox import Handler
from shared.runtime import ServiceRuntime

HANDLERS: dict[str, Handler] = {
    "reception.case_opened": handlers.on_case_opened,
    "reception.arrival_scheduled": handlers.on_arrival_scheduled,
    "reception.family_reunification_planned": permanent_handlers.on_family_reunification_planned,
    **PLAN_TASKS.handlers,
}


def build(settings: HousingSettings | None = None) -> ServiceRuntime:
    settings = settings or HousingSettings()
    warning_days = settings.readiness_warning_days

    def check_readiness(factory: sessionmaker[Session]) -> int:
        return service.flag_unready_arrivals(factory, warning_days=warning_days)

    return ServiceRuntime(
        settings, handlers=HANDLERS, periodic={"check_readiness": (settings.readiness_check_seconds, check_readiness)}
    )
