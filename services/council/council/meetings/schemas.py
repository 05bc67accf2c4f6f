"""Request and response models for members and meetings (C1)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, Id, LongText, PlanningDate, RequiredLongText, ShortText, invalid

# A row's version as the caller last saw it (a stale one is a 409).
Version = Annotated[int, Field(ge=1, le=2**31)]


class Role(enum.StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"


ROLE_LABELS = {Role.CHAIR: "Formand", Role.VICE_CHAIR: "Næstformand", Role.MEMBER: "Medlem"}


class ItemKind(enum.StrEnum):
    ORIENTATION = "orientation"
    DISCUSSION = "discussion"
    DECISION = "decision"


KIND_LABELS = {ItemKind.ORIENTATION: "Orientering", ItemKind.DISCUSSION: "Drøftelse", ItemKind.DECISION: "Beslutning"}


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    organisation: ShortText
    role: Role = Role.MEMBER
    term_start: PlanningDate
    term_end: PlanningDate

    @model_validator(mode="after")
    def _term(self) -> MemberIn:
        if self.term_end <= self.term_start:
            raise invalid(
                "term_end", "term_end must be after term_start", "Periodens slutdato skal ligge efter startdatoen"
            )
        return self


class MemberUpdate(BaseModel):
    """Change role, organisation or the end of the term; ``version`` guards against lost updates."""

    model_config = ConfigDict(extra="forbid")

    version: Version
    role: Role | None = None
    organisation: ShortText | None = None
    term_end: PlanningDate | None = None


class MemberOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    organisation: str
    role: str
    term_start: date
    term_end: date
    version: int


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meeting_date: CaseDate
    place: ShortText


class AgendaItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: ShortText
    description: LongText = ""
    kind: ItemKind


class AgendaOrder(BaseModel):
    """The meeting's item ids in their new order (every item once)."""

    model_config = ConfigDict(extra="forbid")

    item_ids: list[Id] = Field(min_length=1, max_length=200)


class MinutesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    minutes: RequiredLongText
    version: Version


class ApproveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version


class AgendaItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    meeting_id: int
    position: int
    title: str
    description: str
    kind: str
    minutes: str | None
    version: int


class MeetingOut(BaseModel):
    id: int
    meeting_date: date
    place: str
    minutes_approved_at: datetime | None
    minutes_approved_by: str | None
    version: int
    items: list[AgendaItemOut]
