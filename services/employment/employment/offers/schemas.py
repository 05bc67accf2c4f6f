"""Education offers in and out (B6)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, LongText, ShortText


class OfferKind(enum.StrEnum):
    NINTH_GRADE = "ninth_grade"
    LITERACY = "literacy"
    SPECIAL = "special"


KIND_LABELS = {
    OfferKind.NINTH_GRADE: "9. klasse / FVU",
    OfferKind.LITERACY: "Alfabetisering",
    OfferKind.SPECIAL: "Særligt tilbud",
}


class OfferStatus(enum.StrEnum):
    PLANNED = "planned"
    STARTED = "started"
    COMPLETED = "completed"
    DROPPED = "dropped"


STATUS_LABELS = {
    OfferStatus.PLANNED: "Planlagt",
    OfferStatus.STARTED: "I gang",
    OfferStatus.COMPLETED: "Gennemført",
    OfferStatus.DROPPED: "Afbrudt",
}


class OfferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: OfferKind
    provider: ShortText
    start_date: CaseDate
    note: LongText = ""


class OfferUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Annotated[int, Field(ge=1, le=2**31)]
    status: OfferStatus
    note: LongText | None = None


class OfferOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    kind: str
    provider: str
    start_date: date
    status: str
    note: str
    created_by: str
    version: int
