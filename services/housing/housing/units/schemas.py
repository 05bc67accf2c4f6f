"""Request and response models for temporary units and assignments."""

from __future__ import annotations

import enum
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, Id, ShortText


class UnitStatus(enum.StrEnum):
    READY = "ready"
    BEING_PREPARED = "being_prepared"
    OCCUPIED = "occupied"
    OUT_OF_SERVICE = "out_of_service"


UNIT_STATUS_LABELS = {
    UnitStatus.READY: "Klar",
    UnitStatus.BEING_PREPARED: "Under klargøring",
    UnitStatus.OCCUPIED: "Optaget",
    UnitStatus.OUT_OF_SERVICE: "Ude af drift",
}


class UnitType(enum.StrEnum):
    APARTMENT = "apartment"
    ROOM = "room"
    HOUSE = "house"
    SHARED = "shared"


UNIT_TYPE_LABELS = {
    UnitType.APARTMENT: "Lejlighed",
    UnitType.ROOM: "Værelse",
    UnitType.HOUSE: "Hus",
    UnitType.SHARED: "Delebolig",
}


class UnitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: ShortText
    capacity: int = Field(ge=1, le=50, description="beds")
    ready_from: CaseDate
    status: UnitStatus = UnitStatus.READY
    unit_type: UnitType = UnitType.APARTMENT


class UnitUpdate(BaseModel):
    """Change a unit's status, readiness date or beds; ``version`` guards against lost updates."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    status: UnitStatus | None = None
    ready_from: CaseDate | None = None
    capacity: int | None = Field(default=None, ge=1, le=50)


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    address: str
    capacity: int
    ready_from: date
    status: str
    unit_type: str
    version: int
    beds_taken: int = 0


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: Id


class AssignmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    unit_id: int
    case_id: int
    household_size: int
    arrival_date: date
    active: bool
    moved_in_on: date | None = None
    ended_on: date | None = None
    end_reason: str | None = None


class MoveOutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    moved_out_on: CaseDate
    reason: ShortText
