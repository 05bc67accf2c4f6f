"""Recognition applications in and out (B3)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.validation import CaseDate, LongText, ShortText, invalid

Version = Annotated[int, Field(ge=1, le=2**31)]


class Authority(enum.StrEnum):
    UFS = "ufs"
    STPS = "stps"
    BUVM = "buvm"
    OTHER = "other"


AUTHORITY_LABELS = {
    Authority.UFS: "Uddannelses- og Forskningsstyrelsen",
    Authority.STPS: "Styrelsen for Patientsikkerhed",
    Authority.BUVM: "Børne- og Undervisningsministeriet",
    Authority.OTHER: "Anden godkendelsesmyndighed",
}
DOCUMENTS = {
    "diploma": "Eksamensbevis",
    "transcripts": "Karakterudskrift",
    "translation": "Oversættelse",
    "identity": "Legitimation",
}
STATUS_LABELS = {
    "collecting": "Dokumentation indsamles",
    "submitted": "Sendt til myndigheden",
    "recognised": "Godkendt",
    "refused": "Afslået",
}


class RecognitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    qualification: ShortText
    country: ShortText
    authority: Authority


class DocumentsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    diploma: bool | None = None
    transcripts: bool | None = None
    translation: bool | None = None
    identity: bool | None = None


class Submit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    submitted_on: CaseDate


class Outcome(enum.StrEnum):
    RECOGNISED = "recognised"
    REFUSED = "refused"


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    outcome: Outcome
    answered_on: CaseDate
    recognised_as: ShortText | None = None
    note: LongText = ""

    @model_validator(mode="after")
    def _recognised_as(self) -> AnswerIn:
        if self.outcome == Outcome.RECOGNISED and not self.recognised_as:
            raise invalid(
                "recognised_as",
                "recognised_as is required when the qualification is recognised",
                "Skriv hvad uddannelsen er godkendt som",
            )
        return self


class RecognitionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    qualification: str
    country: str
    authority: str
    diploma: bool
    transcripts: bool
    translation: bool
    identity: bool
    status: str
    submitted_on: date | None
    answered_on: date | None
    recognised_as: str | None
    answer_note: str
    created_by: str
    created_at: datetime
    version: int
