"""What education runs, declared once: its routes and pages and the events it handles (by contract)."""

from __future__ import annotations

from education import pages
from education.absence import pages as absence_pages
from education.absence import routes as absence_routes
from education.config import EducationSettings
from education.courses import pages as course_pages
from education.courses import routes as course_routes
from education.efforts import pages as effort_pages
from education.efforts import routes as effort_routes
from education.influx import handlers as influx_handlers
from education.intake import handlers, routes
from education.intake import pages as intake_pages
from education.lookups import router as lookups_router
from education.plans import routes as plan_routes
from education.plans.service import PLAN_TASKS
from education.schools import pages as school_pages
from education.schools import routes as school_routes
from shared.contracts.reception import (
    CaseOpened,
    InfluxOrderRecorded,
    InfluxOrderRevoked,
    PlanActionAssigned,
    PlanActionWithdrawn,
    ResponsibilityTakenOver,
)
from shared.runtime import Handlers, ServiceDefinition, ServiceRuntime

SERVICE = ServiceDefinition(
    name="education",
    settings=EducationSettings,
    # Its JSON API and its Danish pages, in the order they are matched.
    routers=(
        routes.router,
        absence_routes.router,
        course_routes.router,
        school_routes.router,
        effort_routes.router,
        plan_routes.router,
        lookups_router,
        intake_pages.router,
        absence_pages.router,
        effort_pages.router,
        school_pages.router,
        course_pages.router,
        pages.router,
    ),
    handlers=Handlers()
    .on(CaseOpened, handlers.on_case_opened)
    .on(ResponsibilityTakenOver, handlers.on_responsibility_taken_over)
    .on(PlanActionAssigned, PLAN_TASKS.on_assigned)
    .on(PlanActionWithdrawn, PLAN_TASKS.on_withdrawn)
    # integrationsloven § 4 b: the minister's orders, recorded in reception
    .on(InfluxOrderRecorded, influx_handlers.on_order_recorded)
    .on(InfluxOrderRevoked, influx_handlers.on_order_revoked),
)
# The consumer's view (event type → handler), as the worker and the in-process runner use it.
HANDLERS = SERVICE.handlers.by_type()


def build(settings: EducationSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
