"""The shape every service uses to report progress on an integration-plan action it owns (R5).

Each owning service registers it under its own name (``housing.plan_action_updated`` …), so the
event type still says who produced it.
"""

from __future__ import annotations

import enum

from shared.bus.envelope import Event


class PlanActionStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WITHDRAWN = "withdrawn"


# Forward only; a withdrawn or done action does not move again.
NEXT_STATUSES: dict[PlanActionStatus, frozenset[PlanActionStatus]] = {
    PlanActionStatus.PLANNED: frozenset({PlanActionStatus.IN_PROGRESS, PlanActionStatus.DONE}),
    PlanActionStatus.IN_PROGRESS: frozenset({PlanActionStatus.DONE}),
    PlanActionStatus.DONE: frozenset(),
    PlanActionStatus.WITHDRAWN: frozenset(),
}


class PlanActionUpdated(Event):
    """The owning service moved a plan action on (in progress, done), with a note for the caseworker."""

    case_id: int
    action_id: int
    status: PlanActionStatus
    note: str = ""
