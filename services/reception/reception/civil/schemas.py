"""Request and response models for civil society (R7–R9) and welcome meetings (R10)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.validation import CaseDate, Id, LongText, OptionalShortText, ShortText


class BackgroundCheck(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class VolunteerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    contact: ShortText
    skills: LongText = ""
    languages: OptionalShortText = ""
    availability: OptionalShortText = ""


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    background_check: BackgroundCheck


class VolunteerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    contact: str
    skills: str
    languages: str
    availability: str
    background_check: str


class MatchKind(enum.StrEnum):
    HOST_FAMILY = "host_family"
    MENTOR = "mentor"


class MatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    volunteer_id: Id
    kind: MatchKind
    content: LongText = Field(min_length=3)
    purpose: LongText = Field(min_length=3)
    follow_up_days: int = Field(30, ge=7, le=180)


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: CaseDate
    note: LongText = Field(min_length=1)


class MatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    volunteer_id: int
    kind: str
    content: str
    purpose: str
    follow_up_days: int
    next_follow_up: date
    status: str


class PackageStatus(enum.StrEnum):
    REQUESTED = "requested"
    COLLECTED = "collected"
    DELIVERED = "delivered"


class PackageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: LongText = Field(min_length=1)


class PackageUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: PackageStatus


class PackageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    items: str
    status: str


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: CaseDate
    place: ShortText = "Rødovre Rådhus"
    host: ShortText = "Borgmesterkontoret"


class InviteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: Id


class InviteByNumberIn(BaseModel):
    """The welcome meetings page invites a case by its case number."""

    model_config = ConfigDict(extra="forbid")

    case_number: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{4}-[0-9]{6}$")]


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attended: bool


class InvitationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    meeting_id: int
    case_id: int
    attended: bool | None


class MeetingOut(BaseModel):
    id: int
    held_on: date
    place: str
    host: str
    invitations: list[InvitationOut]
