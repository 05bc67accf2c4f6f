"""Special language efforts in and out (E3)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, LongText, ShortText, invalid


class EffortKind(enum.StrEnum):
    LANGUAGE_INTERNSHIP = "sprogpraktik"
    WORKPLACE_DANISH = "virksomhedsdansk"
    SUPPORT_TEACHING = "stoetteundervisning"
    TURBO = "turbodansk"


KIND_LABELS = {
    EffortKind.LANGUAGE_INTERNSHIP: "Sprogpraktik",
    EffortKind.WORKPLACE_DANISH: "Virksomhedsdansk (arbejdspladsdansk)",
    EffortKind.SUPPORT_TEACHING: "Støtteundervisning",
    EffortKind.TURBO: "Turbodansk (turboforløb)",
}


class EffortStatus(enum.StrEnum):
    PLANNED = "planned"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


STATUS_LABELS = {
    EffortStatus.PLANNED: "Planlagt",
    EffortStatus.STARTED: "I gang",
    EffortStatus.COMPLETED: "Gennemført",
    EffortStatus.CANCELLED: "Afbrudt",
}
# Where each status may go next; completed and cancelled are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    "planned": frozenset({"started", "cancelled"}),
    "started": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
}


class EffortIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: EffortKind
    provider: ShortText
    from_date: CaseDate
    to_date: CaseDate
    hours_per_week: int = Field(ge=1, le=40)

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.to_date < self.from_date:
            raise invalid("to_date", "to_date must not be before from_date", "Slutdatoen ligger før startdatoen")
        return self


class EffortUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    status: EffortStatus | None = None
    outcome: LongText = ""

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.status is None and not self.outcome:
            raise invalid(
                "outcome", "give a status or a note on the outcome", "Vælg en ny status eller skriv et resultat"
            )
        if self.status == EffortStatus.COMPLETED and not self.outcome:
            raise invalid(
                "outcome", "outcome is required when the effort is completed", "Skriv resultatet af indsatsen"
            )
        return self


class EffortOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    kind: str
    provider: str
    from_date: date
    to_date: date
    hours_per_week: int
    status: str
    outcome: str
    created_by: str
    updated_by: str
    updated_at: datetime
    version: int
