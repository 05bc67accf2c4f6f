"""Request and response models for private leases (H4)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.validation import CaseDate, Id, LongText, PlanningDate, ShortText, invalid

Money = Annotated[Decimal, Field(ge=0, le=Decimal("10000000"), max_digits=12, decimal_places=2)]
Cvr = Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")]


class LegalBasis(enum.StrEnum):
    RENT_ACT = "lejeloven"
    SOCIAL_HOUSING_RENT_ACT = "almenlejeloven"
    INTEGRATION_ACT_TEMPORARY = "integrationsloven_midlertidig"
    SUBLEASE = "fremleje"


LEGAL_BASIS_LABELS = {
    LegalBasis.RENT_ACT: "Lejeloven (privat udlejning)",
    LegalBasis.SOCIAL_HOUSING_RENT_ACT: "Almenlejeloven",
    LegalBasis.INTEGRATION_ACT_TEMPORARY: "Integrationsloven – midlertidig boligplacering",
    LegalBasis.SUBLEASE: "Fremleje",
}


class LandlordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    contact: ShortText
    cvr: Cvr | None = None


class LandlordOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    contact: str
    cvr: str | None


class LeaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit_id: Id
    landlord_id: Id
    monthly_rent: Money
    deposit: Money
    start_date: CaseDate
    end_date: PlanningDate | None = None
    legal_basis: LegalBasis
    terms: LongText = Field(min_length=1)

    @model_validator(mode="after")
    def _period(self) -> LeaseIn:
        if self.end_date is not None and self.end_date <= self.start_date:
            raise invalid("end_date", "end_date must be after start_date", "Slutdatoen skal ligge efter startdatoen")
        return self


class LeaseUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    monthly_rent: Money | None = None
    end_date: PlanningDate | None = None
    terms: LongText | None = None


class LeaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    unit_id: int
    landlord_id: int
    monthly_rent: Decimal
    deposit: Decimal
    start_date: date
    end_date: date | None
    legal_basis: str
    terms: str
    version: int


class DisputeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: ShortText
    note: LongText = Field(min_length=1)


class DisputeStatus(enum.StrEnum):
    OPEN = "open"
    IN_DIALOGUE = "in_dialogue"
    RESOLVED = "resolved"


class DisputeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: DisputeStatus | None = None
    note: LongText = ""
    resolution: LongText = ""

    @model_validator(mode="after")
    def _resolution(self) -> DisputeUpdate:
        if self.status == DisputeStatus.RESOLVED and not self.resolution:
            raise invalid(
                "resolution", "resolution is required when the dispute is resolved", "Skriv hvordan sagen er løst"
            )
        if self.status is None and not self.note:
            raise invalid("note", "give a status or a note", "Skriv en note eller vælg en ny status")
        return self


class DisputeNoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    by: str
    text: str


class DisputeOut(BaseModel):
    id: int
    lease_id: int
    title: str
    status: str
    opened_by: str
    opened_at: datetime
    resolved_at: datetime | None
    resolution: str | None
    notes: list[DisputeNoteOut]
