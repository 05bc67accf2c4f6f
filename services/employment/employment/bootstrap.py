"""What employment runs, declared once: its routes and pages, the events it handles (by contract), its periodic jobs."""

from __future__ import annotations

from employment import lookups, pages
from employment.config import EmploymentSettings
from employment.conversations import pages as conversation_pages
from employment.conversations import routes as conversation_routes
from employment.followup import pages as followup_pages
from employment.followup import routes as followup_routes
from employment.followup import service as followups
from employment.foreigners import pages as foreigner_pages
from employment.foreigners import routes as foreigner_routes
from employment.influx import handlers as influx_handlers
from employment.intake import handlers, routes
from employment.internships import pages as internship_pages
from employment.internships import routes as internship_routes
from employment.offers import pages as offer_pages
from employment.offers import routes as offer_routes
from employment.plans import routes as plan_routes
from employment.plans.service import PLAN_TASKS
from employment.recognition import pages as recognition_pages
from employment.recognition import routes as recognition_routes
from employment.reunification import pages as reunification_pages
from employment.reunification import routes as reunification_routes
from employment.selfsufficiency import routes as selfsufficiency_routes
from shared.contracts.reception import (
    CaseOpened,
    InfluxOrderRecorded,
    InfluxOrderRevoked,
    PlanActionAssigned,
    PlanActionWithdrawn,
    ResponsibilityTakenOver,
)
from shared.runtime import Handlers, Periodic, ServiceDefinition, ServiceRuntime

SERVICE = ServiceDefinition(
    name="employment",
    settings=EmploymentSettings,
    # Its JSON API and its Danish pages, in the order they are matched.
    routers=(
        routes.router,
        selfsufficiency_routes.router,
        plan_routes.router,
        lookups.cases_router,
        lookups.foreigner_cases_router,
        conversation_routes.router,
        conversation_pages.router,
        followup_routes.router,
        followup_pages.router,
        internship_routes.router,
        internship_pages.router,
        recognition_routes.router,
        recognition_pages.router,
        offer_routes.router,
        offer_pages.router,
        foreigner_routes.router,
        foreigner_pages.router,
        reunification_routes.router,
        reunification_pages.router,
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
    periodic=(
        # B8: overdue statutory follow-up conversations are announced once.
        Periodic(
            "announce_overdue_follow_ups",
            every=lambda s: s.follow_up_check_seconds,
            run=lambda _s, factory: followups.announce_overdue(factory),
        ),
    ),
)
HANDLERS = SERVICE.handlers.by_type()


def build(settings: EmploymentSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
