"""Request and response models for the coordinating team (C4)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.auth import Department
from shared.validation import CaseDate, LongText, OptionalShortText, RequiredLongText, ShortText, invalid

Version = Annotated[int, Field(ge=1, le=2**31)]


class TeamDepartment(enum.StrEnum):
    """The municipal departments whose heads meet in the coordinating team (not operations or the state)."""

    JOBCENTRET = Department.JOBCENTRET.value
    BORGERSERVICE = Department.BORGERSERVICE.value
    OKONOMI = Department.OKONOMI.value
    SOCIAL_PSYKIATRI = Department.SOCIAL_PSYKIATRI.value
    FRIVILLIGHED = Department.FRIVILLIGHED.value
    BORGMESTERKONTORET = Department.BORGMESTERKONTORET.value
    BKF = Department.BKF.value
    SUNDHEDSCENTRET = Department.SUNDHEDSCENTRET.value

    @property
    def label(self) -> str:
        return Department(self.value).label


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"


STATUS_LABELS = {ActionStatus.OPEN: "Åben", ActionStatus.DONE: "Udført"}


class ParticipantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: TeamDepartment
    name: OptionalShortText = ""


class TeamMeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meeting_date: CaseDate
    participants: list[ParticipantIn] = Field(max_length=50)

    @model_validator(mode="after")
    def _participants(self) -> TeamMeetingIn:
        if not self.participants:
            raise invalid("participants", "give at least one participant", "Vælg mindst én deltagende afdeling")
        keys = [(p.department, p.name) for p in self.participants]
        if len(set(keys)) != len(keys):
            raise invalid("participants", "duplicate participant", "Samme deltager er angivet to gange")
        return self


class TeamItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: ShortText
    notes: LongText = ""


class TeamActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: RequiredLongText
    owner: TeamDepartment
    due_on: CaseDate


class TeamActionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ActionStatus
    version: Version


class ParticipantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    department: str
    name: str


class TeamItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    position: int
    title: str
    notes: str


class TeamActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    meeting_id: int
    text: str
    owner: str
    due_on: date
    status: str
    done_on: date | None
    overdue: bool = False
    version: int


class TeamMeetingOut(BaseModel):
    id: int
    meeting_date: date
    participants: list[ParticipantOut]
    items: list[TeamItemOut]
    actions: list[TeamActionOut]


class MonthOut(BaseModel):
    month: str
    meetings: int
    missing: bool


class MonthlyCheckOut(BaseModel):
    """One meeting a month: every month of the span, with the months that had none."""

    from_month: str
    to_month: str
    months: list[MonthOut]
    missing: list[str]
