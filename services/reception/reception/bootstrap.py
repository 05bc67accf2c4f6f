"""Wires reception: settings, database, bus handlers. Used by main.py, worker.py and tests."""

from __future__ import annotations

from reception.benefits import handlers as benefit_handlers
from reception.cases import handlers as case_handlers
from reception.config import ReceptionSettings
from reception.deadlines import service as deadlines
from reception.onboarding import handlers as onboarding_handlers
from reception.plans.service import on_action_updated
from reception.timeline.service import with_timeline
from shared import crypto
from shared.bus.inbox import Handler
from shared.runtime import ServiceRuntime

# Every event reception receives lands on the case timeline; some also change the case.
HANDLERS: dict[str, Handler] = {
    "reception.case_opened": with_timeline(onboarding_handlers.on_case_opened),
    "reception.arrival_scheduled": with_timeline(onboarding_handlers.on_arrival_scheduled),
    "reception.cpr_registered": with_timeline(),
    "reception.responsibility_taken_over": with_timeline(),
    "reception.family_reunification_planned": with_timeline(),
    "reception.contract_signed": with_timeline(),
    "reception.sanction_decided": with_timeline(),
    "reception.deadline_overdue": with_timeline(),
    "housing.placement_requested": with_timeline(case_handlers.on_placement_requested),
    "housing.temporary_assigned": with_timeline(case_handlers.on_temporary_assigned),
    "housing.readiness_flagged": with_timeline(case_handlers.on_readiness_flagged),
    "housing.moved_in": with_timeline(case_handlers.on_moved_in),
    "housing.moved_out": with_timeline(case_handlers.on_moved_out),
    "housing.permanent_allocated": with_timeline(case_handlers.on_permanent_allocated),
    "reception.plan_action_assigned": with_timeline(),
    "reception.plan_action_withdrawn": with_timeline(),
    "housing.plan_action_updated": with_timeline(on_action_updated),
    "education.plan_action_updated": with_timeline(on_action_updated),
    "employment.plan_action_updated": with_timeline(on_action_updated),
    "education.absence_reported": with_timeline(benefit_handlers.on_absence_reported),
    "education.language_enrolled": with_timeline(),
    "education.absence_followed_up": with_timeline(),
    "employment.self_sufficiency_reported": with_timeline(benefit_handlers.on_self_sufficiency_reported),
    "employment.match_classified": with_timeline(),
    "employment.follow_up_overdue": with_timeline(),
}


def build(settings: ReceptionSettings | None = None) -> ServiceRuntime:
    settings = settings or ReceptionSettings()
    crypto.configure(settings.cpr_keys, settings.cpr_digest_key)
    periodic = {"announce_overdue": (settings.overdue_check_seconds, deadlines.announce_overdue)}
    return ServiceRuntime(settings, handlers=HANDLERS, periodic=periodic)
