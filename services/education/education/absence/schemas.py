"""Absence list lines in and out (E4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import Id, LongText, ShortText


class AbsenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: Id
    course: ShortText
    period_start: date
    period_end: date
    planned_hours: int = Field(ge=1, le=1000)
    absent_hours: int = Field(ge=0, le=1000)
    excused_hours: int = Field(default=0, ge=0, le=1000)
    note: LongText = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.period_end < self.period_start:
            raise ValueError("period_end must not be before period_start")
        if self.absent_hours > self.planned_hours:
            raise ValueError("absent_hours cannot exceed planned_hours")
        if self.excused_hours > self.absent_hours:
            raise ValueError("excused_hours cannot exceed absent_hours")
        return self


class AbsenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    course: str
    period_start: date
    period_end: date
    planned_hours: int
    absent_hours: int
    excused_hours: int
    unexcused_hours: int
    note: str
    reported_by: str
    reported_at: datetime
