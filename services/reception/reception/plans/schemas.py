"""Plan and action models, and who owns what (R5)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.auth import Department
from shared.contracts.plans import PlanActionStatus
from shared.validation import CaseDate, LongText, OptionalShortText, ShortText


class ActionOwner(enum.StrEnum):
    # Other services: the action travels as an event and the service reports back.
    HOUSING = "housing"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    # Departments working in reception: they move the action on here.
    JOBCENTRET = "jobcentret"
    BORGERSERVICE = "borgerservice"
    OKONOMI = "okonomi"
    BKF = "bkf"
    SUNDHEDSCENTRET = "sundhedscentret"
    FRIVILLIGHED = "frivillighed"
    SOCIAL_PSYKIATRI = "social_psykiatri"


SERVICE_OWNERS = frozenset({ActionOwner.HOUSING, ActionOwner.EDUCATION, ActionOwner.EMPLOYMENT})

OWNER_LABELS = {
    ActionOwner.HOUSING: "Bolig",
    ActionOwner.EDUCATION: "Danskuddannelse",
    ActionOwner.EMPLOYMENT: "Beskæftigelse",
    ActionOwner.JOBCENTRET: "Jobcentret",
    ActionOwner.BORGERSERVICE: "Borgerservice",
    ActionOwner.OKONOMI: "Økonomisk Team",
    ActionOwner.BKF: "BKF / Koordinerende team",
    ActionOwner.SUNDHEDSCENTRET: "Sundhedscentret",
    ActionOwner.FRIVILLIGHED: "Frivillighedsområdet",
    ActionOwner.SOCIAL_PSYKIATRI: "Social- og Psykiatriafdelingen",
}

# Whose deadline list a service-owned action appears on in reception.
DEADLINE_DEPARTMENT = {
    ActionOwner.HOUSING: Department.SOCIAL_PSYKIATRI,
    ActionOwner.EDUCATION: Department.JOBCENTRET,
    ActionOwner.EMPLOYMENT: Department.JOBCENTRET,
}


def responsible_department(owner: ActionOwner) -> Department:
    return DEADLINE_DEPARTMENT.get(owner) or Department(owner.value)


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: LongText = Field(min_length=3)


class ActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    owner: ActionOwner
    title: ShortText
    details: LongText = ""
    due_date: CaseDate


class ActionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: PlanActionStatus
    note: OptionalShortText = ""
    version: int = Field(ge=1)


class WithdrawIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: ShortText
    version: int = Field(ge=1)


class ActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    owner: ActionOwner
    title: str
    details: str
    due_date: date
    status: PlanActionStatus
    note: str
    created_by: str
    created_at: datetime
    updated_by: str | None
    updated_at: datetime | None
    version: int


class PlanOut(BaseModel):
    case_id: int
    reason: str
    created_by: str
    created_at: datetime
    actions: list[ActionOut]
