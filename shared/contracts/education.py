"""Events education (Danskuddannelse) publishes. No names or CPR numbers: case ids only."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from shared.bus.envelope import Event, contract, upcaster
from shared.contracts.plans import PlanActionUpdated


@contract("education.plan_action_updated", 1)
class EducationPlanActionUpdated(PlanActionUpdated):
    """Education moved an integration-plan action it owns on (R5)."""


@contract("education.absence_reported", 1)
class AbsenceReportedV1(Event):
    """Version 1 (undated hours), kept so that messages still in flight are read (upcast to v2)."""

    case_id: int
    absence_id: int
    course: str
    period_start: date
    period_end: date
    planned_hours: int = Field(ge=1)
    absent_hours: int = Field(ge=1)


class AbsentDay(BaseModel):
    """One day of unexcused absence and its hours (an undated line's hours may exceed a day's: see v1)."""

    on: date
    hours: int = Field(ge=1)


@contract("education.absence_reported", 2)
class AbsenceReported(Event):
    """The language school's absence list showed unexcused absence for the case's person (E4).

    v2: ``absent_days`` dates each breach on its own day (aktivloven § 35, stk. 3: the deduction window runs
    from each breach); their hours sum to ``absent_hours``. Økonomisk Team decides on a sanction in
    reception; education only reports.
    """

    case_id: int
    absence_id: int
    course: str
    period_start: date
    period_end: date
    planned_hours: int = Field(ge=1)
    absent_hours: int = Field(ge=1)
    absent_days: list[AbsentDay] = Field(min_length=1)


@upcaster("education.absence_reported", 1)
def _absence_reported_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    # v1 gave the hours without days: they are dated at the period's first day, the assumption most
    # favourable to the citizen on both counts: the earliest day is the likeliest to fall before the written
    # guidance (never deducted), and its 3-month deduction window (aktivloven § 35, stk. 3) ends first.
    return {**payload, "absent_days": [{"on": payload["period_start"], "hours": payload["absent_hours"]}]}


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
