"""Request and response models for civil society (R7–R9) and welcome meetings (R10)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.validation import CaseDate, Id, LongText, OptionalShortText, ShortText, invalid


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


class MatchStatus(enum.StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class EndReason(enum.StrEnum):
    """Why a host-family or mentor agreement ended."""

    AS_AGREED = "as_agreed"
    PERSON_MOVED = "person_moved"
    VOLUNTEER_STOPPED = "volunteer_stopped"
    PERSON_DECLINED = "person_declined"
    OTHER = "other"


class MatchEndIn(BaseModel):
    """R7: an agreement ends on a date (not before its start, not in the future) for a reason; "other" is explained."""

    model_config = ConfigDict(extra="forbid")

    ended_on: CaseDate
    reason: EndReason
    note: LongText = ""

    @model_validator(mode="after")
    def _explained(self) -> MatchEndIn:
        if self.reason == EndReason.OTHER and not self.note:
            raise invalid("note", "say why the agreement ended", "Skriv, hvorfor aftalen er afsluttet")
        return self


class MatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    volunteer_id: int
    kind: str
    content: str
    purpose: str
    follow_up_days: int
    started_on: date
    next_follow_up: date | None
    status: str
    ended_on: date | None = None
    end_reason: str | None = None
    end_note: str = ""
    ended_by: str | None = None


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
