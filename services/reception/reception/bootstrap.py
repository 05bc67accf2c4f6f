"""What reception runs: the events it handles (by contract) and the periodic deadline check, declared once.

Every event reception receives lands on the case timeline first (``timeline.record``); some also
change the case.
"""

from __future__ import annotations

from reception.benefits import handlers as benefit_handlers
from reception.cases import handlers as case_handlers
from reception.config import ReceptionSettings
from reception.deadlines import service as deadlines
from reception.onboarding import handlers as onboarding_handlers
from reception.plans.service import on_action_updated
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
    prepare=_configure_cpr_keys,
    handlers=Handlers()
    .on(own.CaseOpened, record)  # the onboarding checklist opened with the case (cases.service.open_case)
    .on(own.ArrivalScheduled, record, onboarding_handlers.on_arrival_scheduled)
    .on(own.CprRegistered, record)
    .on(own.ResponsibilityTakenOver, record)
    .on(own.FamilyReunificationPlanned, record)
    .on(own.ContractSigned, record)
    .on(own.SanctionDecided, record)
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
