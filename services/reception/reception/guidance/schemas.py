"""Request and response models for the local-area tour and the guidance log (R6)."""

from __future__ import annotations

import enum
from datetime import date

from pydantic import BaseModel, ConfigDict

from shared.validation import CaseDate, Label, LongText, OptionalShortText, ShortText


class TourIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    booked_for: CaseDate
    guide: ShortText


class TourDoneIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done_on: CaseDate
    notes: LongText = ""


class TourOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: int
    booked_for: date
    guide: str
    done_on: date | None
    notes: str | None


class Channel(enum.StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"
    VIDEO = "video"


class GuidanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: CaseDate
    channel: Channel
    topic: ShortText
    interpreter: OptionalShortText = ""
    language: Label = ""
    note: LongText = ""


class GuidanceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    on: date
    channel: str
    topic: str
    interpreter: str | None
    language: str | None
    note: str | None
    by: str
