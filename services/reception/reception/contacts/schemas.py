"""Request and response models for the asylum-centre contact log and partner notifications (R1)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, computed_field

from shared.validation import CaseDate, RequiredLongText, ShortText


class Channel(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    MEETING = "meeting"
    LETTER = "letter"


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: CaseDate
    channel: Channel
    contact_person: ShortText
    summary: RequiredLongText


class ContactOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    on: date
    channel: str
    contact_person: str
    summary: str
    by: str
    created_at: datetime


class NotificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    partner: str
    created_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str:
        """``open`` until the partner acknowledges, then ``acknowledged``."""
        return "open" if self.acknowledged_at is None else "acknowledged"
