"""Absence list lines in and out (E4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from education.intake.schemas import Track
from shared.validation import Id, LongText, ShortText, invalid


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
            raise invalid(
                "period_end", "period_end must not be before period_start", "Periodens slutdato ligger før startdatoen"
            )
        if self.absent_hours > self.planned_hours:
            raise invalid(
                "absent_hours", "absent_hours cannot exceed planned_hours", "Fraværet er større end de planlagte timer"
            )
        if self.excused_hours > self.absent_hours:
            raise invalid(
                "excused_hours", "excused_hours cannot exceed absent_hours", "Det lovlige fravær er større end fraværet"
            )
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


class ModuleTestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    track: Track
    module: int = Field(ge=1, le=6)
    passed_on: date


class ModuleTestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    track: str
    module: int
    passed_on: date
    registered_by: str


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    planned_on: date


class FollowUpUpdate(BaseModel):
    """Move the planned date, or record the conversation as held (date, summary, sanction or not)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    planned_on: date | None = None
    held_on: date | None = None
    summary: LongText = ""
    sanction_recommended: bool | None = None

    @model_validator(mode="after")
    def _held(self) -> Self:
        if self.held_on is not None:
            if not self.summary:
                raise invalid(
                    "summary", "summary is required when the conversation is held", "Skriv et referat af samtalen"
                )
            if self.sanction_recommended is None:
                raise invalid(
                    "sanction_recommended",
                    "sanction_recommended is required when the conversation is held",
                    "Vælg om Økonomisk Team skal overveje en sanktion",
                )
        elif self.summary or self.sanction_recommended is not None:
            raise invalid(
                "held_on",
                "held_on is required with a summary or a sanction recommendation",
                "Skriv datoen for samtalen",
            )
        elif self.planned_on is None:
            raise invalid(
                "planned_on",
                "give a new planned_on or record the conversation as held",
                "Skriv en ny dato eller registrér samtalen som afholdt",
            )
        return self


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    absence_id: int
    case_id: int
    planned_on: date
    held_on: date | None
    summary: str
    sanction_recommended: bool | None
    updated_by: str
    version: int


class OpenAbsenceOut(AbsenceOut):
    """An absence with unexcused hours and no follow-up conversation held yet (planned or not)."""

    follow_up: FollowUpOut | None
