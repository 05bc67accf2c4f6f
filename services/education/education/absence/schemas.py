"""Absence list lines in and out (E4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from education.intake.schemas import Track
from shared.validation import CaseDate, Id, LongText, ShortText, invalid


class AbsentDayIn(BaseModel):
    """One day of unexcused absence: the day and its hours."""

    model_config = ConfigDict(extra="forbid")

    on: CaseDate
    hours: int = Field(ge=1, le=24)


class AbsenceIn(BaseModel):
    """One line of the absence list. ``absent_days``: the days of the unexcused hours (within the period,
    none in the future, each once; their hours sum to the unexcused hours). Left out, the hours are undated
    and count as on the period's first day (see ``service.days_of``)."""

    model_config = ConfigDict(extra="forbid")

    case_id: Id
    course: ShortText
    period_start: CaseDate
    period_end: CaseDate
    planned_hours: int = Field(ge=1, le=1000)
    absent_hours: int = Field(ge=0, le=1000)
    excused_hours: int = Field(default=0, ge=0, le=1000)
    note: LongText = ""
    absent_days: list[AbsentDayIn] | None = Field(default=None, max_length=366)

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
        if self.absent_days is not None:
            self._check_days(self.absent_days)
        return self

    def _check_days(self, days: list[AbsentDayIn]) -> None:
        seen: set[date] = set()
        for day in days:
            if not self.period_start <= day.on <= self.period_end:
                raise invalid(
                    "absent_days",
                    f"{day.on.isoformat()} is outside the period",
                    f"Fraværsdagen {day.on:%d.%m.%Y} ligger uden for perioden "
                    f"{self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}",
                )
            if day.on in seen:
                raise invalid(
                    "absent_days",
                    f"{day.on.isoformat()} is given twice",
                    f"Fraværsdagen {day.on:%d.%m.%Y} står der to gange – skriv dagens timer samlet",
                )
            seen.add(day.on)
        unexcused = self.absent_hours - self.excused_hours
        total = sum(day.hours for day in days)
        if total != unexcused:
            raise invalid(
                "absent_days",
                f"the days' hours ({total}) must add up to the unexcused hours ({unexcused})",
                f"Timerne på fraværsdagene ({total}) skal give det ulovlige fravær ({unexcused} timer: "
                f"fraværstimer minus lovligt fravær)",
            )


class AbsentDayOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    on: date
    hours: int


class AbsenceOut(BaseModel):
    """``absent_days``: the dated days; for an undated line (``days_dated`` false) the unexcused hours on the
    period's first day."""

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
    days_dated: bool
    absent_days: list[AbsentDayOut]


class ModuleTestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    track: Track
    module: int = Field(ge=1, le=6)
    passed_on: CaseDate


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

    planned_on: CaseDate


class FollowUpUpdate(BaseModel):
    """Move the planned date, or record the conversation as held (date, summary, sanction or not)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    planned_on: CaseDate | None = None
    held_on: CaseDate | None = None
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
