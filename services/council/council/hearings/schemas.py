"""Request and response models for consultation cases and announcements (C1)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, RequiredLongText, ShortText, invalid

Version = Annotated[int, Field(ge=1, le=2**31)]


class ConsultationStatus(enum.StrEnum):
    RECEIVED = "received"
    IN_PREPARATION = "in_preparation"
    ANSWERED = "answered"


STATUS_LABELS = {
    ConsultationStatus.RECEIVED: "Modtaget",
    ConsultationStatus.IN_PREPARATION: "Under udarbejdelse",
    ConsultationStatus.ANSWERED: "Besvaret",
}


class ConsultationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: ShortText
    from_body: ShortText
    received_on: CaseDate
    reply_due: CaseDate

    @model_validator(mode="after")
    def _deadline(self) -> ConsultationIn:
        if self.reply_due < self.received_on:
            raise invalid(
                "reply_due", "reply_due must not be before received_on", "Svarfristen ligger før modtagelsesdatoen"
            )
        return self


class PrepareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reply: RequiredLongText
    version: Version


class ConsultationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    from_body: str
    received_on: date
    reply_due: date
    status: str
    reply: str | None
    answered_on: date | None
    answered_late: bool
    overdue: bool = False
    version: int


class AnnouncementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: ShortText
    text: RequiredLongText
    published_on: CaseDate | None = None


class AnnouncementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    text: str
    published_on: date
    created_by: str
