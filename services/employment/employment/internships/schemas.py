"""Companies, outreach and internships in and out (B5)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.validation import CaseDate, Id, RequiredLongText, ShortText, invalid

Cvr = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{8}$")]
Hours = Annotated[int, Field(ge=1, le=37)]


class InternshipKind(enum.StrEnum):
    COMPANY = "virksomhedspraktik"
    LANGUAGE = "sprogpraktik"


KIND_LABELS = {InternshipKind.COMPANY: "Virksomhedspraktik", InternshipKind.LANGUAGE: "Sprogpraktik"}


class InternshipStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


STATUS_LABELS = {
    InternshipStatus.PLANNED: "Planlagt",
    InternshipStatus.RUNNING: "I gang",
    InternshipStatus.COMPLETED: "Gennemført",
    InternshipStatus.CANCELLED: "Afbrudt",
}


class CompanyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    cvr: Cvr
    contact: ShortText


class CompanyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    cvr: str
    contact: str


class OutreachIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contacted_on: CaseDate
    outcome: RequiredLongText


class OutreachOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    company_id: int
    contacted_on: date
    by: str
    outcome: str


class InternshipIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    company_id: Id
    kind: InternshipKind
    start_date: CaseDate
    end_date: CaseDate
    hours_per_week: Hours

    @model_validator(mode="after")
    def _period(self) -> InternshipIn:
        if self.end_date < self.start_date:
            raise invalid("end_date", "end must not be before start", "Slutdatoen ligger før startdatoen")
        return self


class InternshipUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Annotated[int, Field(ge=1, le=2**31)]
    status: InternshipStatus | None = None
    end_date: CaseDate | None = None
    hours_per_week: Hours | None = None


class InternshipOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    company_id: int
    kind: str
    start_date: date
    end_date: date
    hours_per_week: int
    status: str
    created_by: str
    version: int
