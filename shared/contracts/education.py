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


@contract("education.language_enrolled", 1)
class LanguageEnrolled(Event):
    """The case's person was enrolled at a language school with a level placement (E1).

    ``track`` is the Danish education (DU1, DU2 or DU3), ``module`` the start module.
    """

    case_id: int
    school_id: int
    track: str
    module: int = Field(ge=1, le=6)
    start_date: date


@contract("education.absence_followed_up", 1)
class AbsenceFollowedUp(Event):
    """The follow-up conversation on a registered absence was held (E4).

    ``sanction_recommended``: whether Økonomisk Team should consider a sanction; Økonomisk Team decides.
    """

    case_id: int
    absence_id: int
    held_on: date
    sanction_recommended: bool
