"""Wires reception: settings, database, bus handlers. Used by main.py, worker.py and tests."""

from __future__ import annotations

from reception.cases import handlers as case_handlers
from reception.config import ReceptionSettings
from reception.onboarding import handlers as onboarding_handlers
from shared.bus.inbox import Handler
from shared.runtime import ServiceRuntime

HANDLERS: dict[str, Handler] = {
    "reception.case_opened": onboarding_handlers.on_case_opened,
    "reception.arrival_scheduled": onboarding_handlers.on_arrival_scheduled,
    "housing.placement_requested": case_handlers.on_placement_requested,
    "housing.temporary_assigned": case_handlers.on_temporary_assigned,
    "housing.readiness_flagged": case_handlers.on_readiness_flagged,
    "housing.moved_in": case_handlers.on_moved_in,
    "housing.moved_out": case_handlers.on_moved_out,
    "housing.permanent_allocated": case_handlers.on_permanent_allocated,
}


def build(settings: ReceptionSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(settings or ReceptionSettings(), handlers=HANDLERS)
