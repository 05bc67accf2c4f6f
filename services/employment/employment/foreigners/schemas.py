"""Other foreigners' cases in and out (B11)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import BirthDate, CaseDate, RequiredLongText, ShortText

Version = Annotated[int, Field(ge=1, le=2**31)]


class ResidenceBasis(enum.StrEnum):
    WORK = "work"
    STUDY = "study"
    EU = "eu_eea"
    FAMILY = "family"
    OTHER = "other"


BASIS_LABELS = {
    ResidenceBasis.WORK: "Arbejde",
    ResidenceBasis.STUDY: "Studie",
    ResidenceBasis.EU: "EU/EØS-ophold",
    ResidenceBasis.FAMILY: "Familiesammenføring",
    ResidenceBasis.OTHER: "Andet opholdsgrundlag",
}


class NoteKind(enum.StrEnum):
    GUIDANCE = "guidance"
    ATTENDANCE = "attendance"


NOTE_LABELS = {NoteKind.GUIDANCE: "Samtale – råd og vejledning", NoteKind.ATTENDANCE: "Opfølgning på deltagelse"}


class ClassStatus(enum.StrEnum):
    REQUESTED = "requested"
    ENROLLED = "enrolled"
    DECLINED = "declined"


CLASS_LABELS = {ClassStatus.REQUESTED: "Tilmeldt", ClassStatus.ENROLLED: "Optaget", ClassStatus.DECLINED: "Afvist"}


class ForeignerIn(BaseModel):
    """Name, birth date and residence basis; no CPR number (the form refuses one)."""

    model_config = ConfigDict(extra="forbid")

    name: ShortText
    date_of_birth: BirthDate
    residence_basis: ResidenceBasis


class ForeignerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    date_of_birth: date
    residence_basis: str
    created_by: str


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: NoteKind
    noted_on: CaseDate
    text: RequiredLongText


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    kind: str
    noted_on: date
    by: str
    text: str


class ClassRequestIn(BaseModel):
    """The request to join Danish classes; ``requested_on`` is the day the citizen applied (or was referred as
    part of activation): danskuddannelsesloven § 5, stk. 2 counts a month from it."""

    model_config = ConfigDict(extra="forbid")

    school: ShortText
    requested_on: CaseDate


class ClassRequestUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    status: ClassStatus


class ClassRequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    school: str
    requested_on: date
    status: str
    requested_by: str
    start_due: date | None = None
    start_rule: str = ""
    start_why: str = ""
    version: int


class CitizenRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    received_on: CaseDate
    request: RequiredLongText


class ResponseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    responded_on: CaseDate
    response: RequiredLongText


class CitizenRequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    received_on: date
    request: str
    response: str | None
    responded_on: date | None
    responded_by: str | None


class ForeignerDetail(BaseModel):
    case: ForeignerOut
    notes: list[NoteOut]
    class_requests: list[ClassRequestOut]
    citizen_requests: list[CitizenRequestOut]
