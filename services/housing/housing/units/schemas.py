"""Request and response models for temporary units and assignments."""

from __future__ import annotations

import enum
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import Id, ShortText


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


class UnitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: ShortText
    capacity: int = Field(ge=1, le=50, description="beds")
    ready_from: date
    status: UnitStatus = UnitStatus.READY


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    address: str
    capacity: int
    ready_from: date
    status: str
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
