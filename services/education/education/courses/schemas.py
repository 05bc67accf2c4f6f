"""Requests and answers for the courses, sessions, enrolments and attendance (E5)."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, Id, LocalTime, RequiredLongText, ShortText, invalid


class CourseKind(enum.StrEnum):
    SOCIETY = "samfundsforhold"
    MORAL_CODE = "moralkodeks"
    RIGHTS_AND_DUTIES = "ret_og_pligt"
    DIGITAL_TOOLS = "digitale_redskaber"
    LABOUR_MARKET = "arbejdsmarkedskultur"


# The seed's names for the five courses.
COURSE_LABELS = {
    CourseKind.SOCIETY: "Undervisning i samfundsforhold",
    CourseKind.MORAL_CODE: "Undervisning i moralkodeks – betingelser for dansk statsborgerskab",
    CourseKind.RIGHTS_AND_DUTIES: "Undervisning og indførelse i ret og pligt – herunder på beskæftigelsesområdet",
    CourseKind.DIGITAL_TOOLS: "Undervisning i digitale redskaber",
    CourseKind.LABOUR_MARKET: "Undervisning i dansk arbejdsmarkedskultur",
}


class CourseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: CourseKind
    programme: RequiredLongText


class CourseUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    programme: RequiredLongText


class CourseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    programme: str
    updated_by: str
    updated_at: datetime
    version: int


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: CaseDate
    start_time: LocalTime
    end_time: LocalTime
    place: ShortText
    teacher: ShortText
    capacity: int = Field(ge=1, le=500)

    @model_validator(mode="after")
    def _times(self) -> Self:
        if self.end_time <= self.start_time:
            raise invalid(
                "end_time", "end_time must be after start_time", "Sluttidspunktet skal ligge efter starttidspunktet"
            )
        return self


class SessionOut(BaseModel):
    id: int
    course_id: int
    held_on: date
    start_time: time
    end_time: time
    place: str
    teacher: str
    capacity: int
    enrolled: int
    attended: int


class EnrolmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: Id


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attended: bool


class EnrolmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    session_id: int
    case_id: int
    enrolled_by: str
    enrolled_at: datetime
    attended: bool | None
    attendance_by: str | None
