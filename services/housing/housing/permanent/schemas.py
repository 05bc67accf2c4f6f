"""Request and response models for permanent housing (H5, H6)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, Id, LongText, ShortText

Money = Annotated[Decimal, Field(ge=0, le=Decimal("1000000"), max_digits=12, decimal_places=2)]


class NeedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: Id
    household_size: int = Field(ge=1, le=30)
    rooms_needed: int = Field(ge=1, le=10)
    accessibility: LongText = ""
    location_constraints: LongText = ""
    needed_by: CaseDate


class PriorityIn(BaseModel):
    """Allocation by need: a priority always carries its written reason."""

    model_config = ConfigDict(extra="forbid")

    reason: LongText = Field(min_length=10)


class NeedOut(BaseModel):
    id: int
    case_id: int
    household_size: int
    rooms_needed: int
    accessibility: str | None
    location_constraints: str | None
    needed_by: date
    registered_on: date
    priority: bool
    priority_reason: str | None
    status: str
    position: int | None = None


class AssociationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    contact: ShortText


class AssociationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    contact: str


class Allocation(enum.StrEnum):
    TURN = "turn"
    NEED = "need"


class OfferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    need_id: Id
    association_id: Id
    address: ShortText
    rooms: int = Field(ge=1, le=10)
    monthly_rent: Money
    available_from: CaseDate
    allocation: Allocation
    reason: LongText = Field(min_length=3)


class OfferOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    need_id: int
    dwelling_id: int
    association_id: int
    address: str
    rooms: int
    monthly_rent: Decimal
    available_from: date
    allocation: str
    status: str


class DwellingOut(BaseModel):
    id: int
    association_id: int
    address: str
    rooms: int
    monthly_rent: Decimal
    reserved_by_offer: int | None


class Decision(enum.StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # the municipality takes the offer back; the dwelling is free again


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    reason: LongText = Field(min_length=3)
    move_in_date: CaseDate | None = None


class DecisionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    need_id: int
    offer_id: int | None
    decision: str
    reason: str
    by: str
    at: datetime
