"""What housing runs, declared once: its routes and pages, the events it handles (by contract), its periodic jobs."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from housing.config import HousingSettings
from housing.facility import pages as facility_pages
from housing.facility import routes as facility_routes
from housing.leases import pages as lease_pages
from housing.leases import routes as lease_routes
from housing.lookups import router as lookups_router
from housing.movein import pages as movein_pages
from housing.movein import routes as movein_routes
from housing.permanent import handlers as permanent_handlers
from housing.permanent import pages as permanent_pages
from housing.permanent import routes as permanent_routes
from housing.plans import routes as plan_routes
from housing.plans.service import PLAN_TASKS
from housing.readiness import handlers, service
from housing.readiness import pages as readiness_pages
from housing.storage import pages as storage_pages
from housing.storage import routes as storage_routes
from housing.units import pages as unit_pages
from housing.units import routes
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
    # Its JSON API and its Danish pages, in the order they are matched.
    routers=(
        routes.router,
        storage_routes.router,
        movein_routes.router,
        facility_routes.router,
        lease_routes.router,
        permanent_routes.router,
        plan_routes.router,
        lookups_router,
        unit_pages.router,
        storage_pages.router,
        movein_pages.router,
        facility_pages.router,
        lease_pages.router,
        permanent_pages.router,
        readiness_pages.router,
    ),
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
