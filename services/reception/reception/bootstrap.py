"""What reception runs, declared once: its routes and pages, the events it handles (by contract), its periodic jobs.

Every event reception receives lands on the case timeline first (``timeline.record``); some also
change the case.
"""

from __future__ import annotations

from reception import lookups
from reception.benefits import handlers as benefit_handlers
from reception.benefits import pages as benefit_pages
from reception.benefits import routes as benefit_routes
from reception.cases import handlers as case_handlers
from reception.cases import handover_pages
from reception.cases import pages as case_pages
from reception.cases import routes as case_routes
from reception.civil import pages as civil_pages
from reception.civil import routes as civil_routes
from reception.config import ReceptionSettings
from reception.contacts import pages as contact_pages
from reception.contacts import routes as contact_routes
from reception.contracts import pages as contract_pages
from reception.contracts import routes as contract_routes
from reception.deadlines import pages as deadline_pages
from reception.deadlines import routes as deadline_routes
from reception.deadlines import service as deadlines
from reception.documents import pages as document_pages
from reception.documents import routes as document_routes
from reception.guidance import pages as guidance_pages
from reception.guidance import routes as guidance_routes
from reception.influx import pages as influx_pages
from reception.influx import routes as influx_routes
from reception.onboarding import handlers as onboarding_handlers
from reception.onboarding import routes as onboarding_routes
from reception.plans import pages as plan_pages
from reception.plans import routes as plan_routes
from reception.plans.service import on_action_updated
from reception.referrals import pages as referral_pages
from reception.referrals import routes as referral_routes
from reception.timeline import routes as timeline_routes
from reception.timeline.service import record
from shared import crypto
from shared.contracts import education, employment, housing
from shared.contracts import reception as own
from shared.runtime import Handlers, Periodic, ServiceDefinition, ServiceRuntime


def _configure_cpr_keys(settings: ReceptionSettings) -> None:
    crypto.configure(settings.cpr_keys, settings.cpr_digest_key)


SERVICE = ServiceDefinition(
    name="reception",
    settings=ReceptionSettings,
    # Its JSON API and its Danish pages, in the order they are matched.
    routers=(
        case_routes.router,
        onboarding_routes.router,
        contract_routes.router,
        benefit_routes.router,
        deadline_routes.router,
        guidance_routes.router,
        influx_routes.router,
        referral_routes.router,
        civil_routes.router,
        plan_routes.router,
        timeline_routes.router,
        lookups.router,
        document_routes.router,
        contact_routes.router,
        guidance_pages.router,
        influx_pages.router,
        referral_pages.router,
        case_pages.router,
        handover_pages.router,
        contract_pages.router,
        benefit_pages.router,
        deadline_pages.router,
        plan_pages.router,
        civil_pages.router,
        document_pages.router,
        contact_pages.router,
    ),
    prepare=_configure_cpr_keys,
    handlers=Handlers()
    .on(own.CaseOpened, record)  # the onboarding checklist opened with the case (cases.service.open_case)
    .on(own.ArrivalScheduled, record, onboarding_handlers.on_arrival_scheduled)
    .on(own.CprRegistered, record)
    .on(own.ResponsibilityTakenOver, record)
    .on(own.FamilyReunificationPlanned, record)
    .on(own.ContractSigned, record)
    .on(own.SanctionDecided, record)
    .on(own.SanctionAppealed, record)
    .on(own.AppealReconsidered, record)
    .on(own.DeadlineOverdue, record)
    .on(own.PlanActionAssigned, record)
    .on(own.PlanActionWithdrawn, record)
    .on(housing.PlacementRequested, record, case_handlers.on_placement_requested)
    .on(housing.TemporaryAssigned, record, case_handlers.on_temporary_assigned)
    .on(housing.ReadinessFlagged, record, case_handlers.on_readiness_flagged)
    .on(housing.MovedIn, record, case_handlers.on_moved_in)
    .on(housing.MovedOut, record, case_handlers.on_moved_out)
    .on(housing.PermanentAllocated, record, case_handlers.on_permanent_allocated)
    .on(housing.HousingPlanActionUpdated, record, on_action_updated)
    .on(education.EducationPlanActionUpdated, record, on_action_updated)
    .on(education.AbsenceReported, record, benefit_handlers.on_absence_reported)
    .on(education.LanguageEnrolled, record)
    .on(education.AbsenceFollowedUp, record)
    .on(employment.EmploymentPlanActionUpdated, record, on_action_updated)
    .on(employment.SelfSufficiencyReported, record, benefit_handlers.on_self_sufficiency_reported)
    .on(employment.MatchClassified, record)
    .on(employment.FollowUpOverdue, record),
    periodic=(
        Periodic(
            "announce_overdue",
            every=lambda s: s.overdue_check_seconds,
            run=lambda _s, factory: deadlines.announce_overdue(factory),
        ),
    ),
)
# The consumer's view (event type → handler), as the worker and the in-process runner use it.
HANDLERS = SERVICE.handlers.by_type()


def build(settings: ReceptionSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
