"""What housing runs: the events it handles (by contract) and the periodic readiness check, declared once."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from housing.config import HousingSettings
from housing.permanent import handlers as permanent_handlers
from housing.plans.service import PLAN_TASKS
from housing.readiness import handlers, service
from shared.contracts.reception import (
    ArrivalScheduled,
    CaseOpened,
    FamilyReunificationPlanned,
    PlanActionAssigned,
    PlanActionWithdrawn,
)
from shared.runtime import Handlers, Periodic, ServiceDefinition, ServiceRuntime


def _check_readiness(settings: HousingSettings, factory: sessionmaker[Session]) -> int:
    return service.flag_unready_arrivals(factory, warning_days=settings.readiness_warning_days)


SERVICE = ServiceDefinition(
    name="housing",
    settings=HousingSettings,
    handlers=Handlers()
    .on(CaseOpened, handlers.on_case_opened)
    .on(ArrivalScheduled, handlers.on_arrival_scheduled)
    .on(FamilyReunificationPlanned, permanent_handlers.on_family_reunification_planned)
    .on(PlanActionAssigned, PLAN_TASKS.on_assigned)
    .on(PlanActionWithdrawn, PLAN_TASKS.on_withdrawn),
    # H1: arrivals close at hand without a ready unit are flagged.
    periodic=(Periodic("check_readiness", every=lambda s: s.readiness_check_seconds, run=_check_readiness),),
)
HANDLERS = SERVICE.handlers.by_type()


def build(settings: HousingSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
