"""Language schools, cooperation texts, the steering group and the business committee in and out (E2)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, LongText, PlanningDate, RequiredLongText, ShortText, invalid


class SchoolIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    address: ShortText
    contact: ShortText


class SchoolOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    address: str
    contact: str


class TextKind(enum.StrEnum):
    STRATEGY = "strategy"
    PROGRAMME = "programme"


TEXT_KIND_LABELS = {TextKind.STRATEGY: "Strategi", TextKind.PROGRAMME: "Program"}


class Committee(enum.StrEnum):
    """The two bodies of the cooperation with the school (seed: "Styregruppe og forretningsudvalg")."""

    STEERING = "steering"
    BUSINESS = "business"


COMMITTEE_LABELS = {Committee.STEERING: "Styregruppe", Committee.BUSINESS: "Forretningsudvalg"}
# "the steering group" / "the business committee" in Danish, for messages.
COMMITTEE_DEFINITE = {Committee.STEERING: "styregruppen", Committee.BUSINESS: "forretningsudvalget"}


class CooperationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: TextKind
    title: ShortText
    text: RequiredLongText
    valid_from: CaseDate
    valid_to: PlanningDate | None = None

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise invalid("valid_to", "valid_to must not be before valid_from", "Gyldig til ligger før gyldig fra")
        return self


class CooperationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    title: ShortText | None = None
    text: RequiredLongText | None = None
    valid_from: CaseDate | None = None
    valid_to: PlanningDate | None = None


class CooperationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    school_id: int
    kind: str
    title: str
    text: str
    valid_from: date
    valid_to: date | None
    updated_by: str
    updated_at: datetime
    version: int


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    organisation: ShortText
    role: ShortText


class MemberUpdate(BaseModel):
    """A new name, organisation or role for a member; ``version`` is the one read (a stale one is a 409)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    name: ShortText | None = None
    organisation: ShortText | None = None
    role: ShortText | None = None

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.name is None and self.organisation is None and self.role is None:
            raise invalid("name", "give a name, organisation or role", "Skriv et navn, en organisation eller en rolle")
        return self


class MemberLeave(BaseModel):
    """The member leaves the steering group (or business committee) on ``left_on`` (today unless told).

    The row is kept as history.
    """

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    left_on: CaseDate | None = None


class MemberOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    school_id: int
    committee: str
    name: str
    organisation: str
    role: str
    left_on: date | None
    updated_by: str | None
    version: int


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: CaseDate
    agenda: RequiredLongText


class MeetingUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    agenda: RequiredLongText | None = None
    minutes: LongText | None = None
    decisions: LongText | None = None


class MeetingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    school_id: int
    committee: str
    held_on: date
    agenda: str
    minutes: str
    decisions: str
    updated_by: str
    version: int
