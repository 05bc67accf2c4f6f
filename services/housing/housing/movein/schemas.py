"""Request and response models for move-in and furniture (H2)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.validation import CaseDate, LongText, ShortText, invalid

MeterReading = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{1,9}([.,][0-9]{1,3})?$")]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("10000000"), max_digits=12, decimal_places=2)]


class MoveInIn(BaseModel):
    """The move-in checklist; it completes (and announces the move-in) when every point is done."""

    model_config = ConfigDict(extra="forbid")

    keys_handed_over: bool = False
    electricity_reading: MeterReading | None = None
    water_reading: MeterReading | None = None
    heating_reading: MeterReading | None = None
    house_rules_explained: bool = False
    guidance_given: bool = False
    notes: LongText = ""
    moved_in_on: CaseDate | None = None


class MoveInOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    assignment_id: int
    keys_handed_over: bool
    electricity_reading: str | None
    water_reading: str | None
    heating_reading: str | None
    house_rules_explained: bool
    guidance_given: bool
    notes: str | None
    completed_at: datetime | None
    missing: list[str] = Field(default_factory=list)


class FurnitureStatus(enum.StrEnum):
    NEEDED = "needed"
    ORDERED = "ordered"
    DELIVERED = "delivered"


class FurnitureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: ShortText
    supplier: ShortText | None = None
    cost: Money | None = None


class FurnitureUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: FurnitureStatus | None = None
    supplier: ShortText | None = None
    cost: Money | None = None
    delivered_on: CaseDate | None = None

    @model_validator(mode="after")
    def _delivered(self) -> FurnitureUpdate:
        if self.status == FurnitureStatus.DELIVERED and self.delivered_on is None:
            raise invalid(
                "delivered_on",
                "delivered_on is required when the status is delivered",
                "Skriv leveringsdatoen, når inventaret er leveret",
            )
        return self


class FurnitureOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    assignment_id: int
    item: str
    supplier: str | None
    cost: Decimal | None
    status: str
    delivered_on: date | None
