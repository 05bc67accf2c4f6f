"""Events education (Danskuddannelse) publishes. No names or CPR numbers: case ids only."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from shared.bus.envelope import Event, contract
from shared.contracts.plans import PlanActionUpdated


@contract("education.plan_action_updated", 1)
class EducationPlanActionUpdated(PlanActionUpdated):
    """Education moved an integration-plan action it owns on (R5)."""


@contract("education.absence_reported", 1)
class AbsenceReported(Event):
    """The language school's absence list showed unexcused absence for the case's person (E4).

    Økonomisk Team decides on a sanction in reception; education only reports.
    """

    case_id: int
    absence_id: int
    course: str
    period_start: date
    period_end: date
    planned_hours: int = Field(ge=1)
    absent_hours: int = Field(ge=1)
