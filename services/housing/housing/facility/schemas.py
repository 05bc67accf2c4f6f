"""Request and response models for Egegårdsvej 22 (H3)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, Id, LongText, ShortText, invalid


class FacilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    address: ShortText


class RoomIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText = Field(max_length=50)
    beds: int = Field(ge=1, le=20)
    ready_from: CaseDate


class RoomOut(BaseModel):
    id: int
    name: str
    unit_id: int
    beds: int
    beds_taken: int


class FacilityOut(BaseModel):
    id: int
    name: str
    address: str
    rooms: list[RoomOut]
    beds: int
    beds_taken: int


class Condition(enum.StrEnum):
    GOOD = "good"
    WORN = "worn"
    BROKEN = "broken"


class InventoryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: ShortText
    quantity: int = Field(ge=0, le=1000)
    condition: Condition = Condition.GOOD
    note: LongText = ""


class InventoryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quantity: int | None = Field(default=None, ge=0, le=1000)
    condition: Condition | None = None
    note: LongText | None = None


class InventoryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    room_id: int
    item: str
    quantity: int
    condition: str
    note: str | None


class MaintenanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: LongText = Field(min_length=1)
    room_id: Id | None = None


class MaintenanceStatus(enum.StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    DONE = "done"


class MaintenanceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assigned_to: ShortText | None = None
    status: MaintenanceStatus | None = None
    done_note: LongText | None = None


class MaintenanceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    facility_id: int
    room_id: int | None
    description: str
    reported_by: str
    assigned_to: str | None
    status: str
    created_at: datetime
    done_at: datetime | None
    done_note: str | None


class InspectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    due_on: CaseDate
    interval_days: int = Field(ge=7, le=730)


class InspectionDone(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done_on: CaseDate
    inspector: ShortText
    findings: LongText = Field(min_length=1)
    follow_up: LongText = ""
    follow_up_due: CaseDate | None = None

    @model_validator(mode="after")
    def _follow_up(self) -> InspectionDone:
        if self.follow_up and self.follow_up_due is None:
            raise invalid(
                "follow_up_due",
                "follow_up_due is required when a follow-up is given",
                "Skriv en frist for opfølgningen",
            )
        return self


class InspectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    facility_id: int
    due_on: date
    interval_days: int
    done_on: date | None
    inspector: str | None
    findings: str | None
    follow_up: str | None
    follow_up_due: date | None
    follow_up_done: bool
