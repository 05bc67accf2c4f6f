"""Security deposits and notes in and out (B10)."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, RequiredLongText

Money = Annotated[Decimal, Field(gt=0, le=Decimal("10000000"), max_digits=12, decimal_places=2)]
Version = Annotated[int, Field(ge=1, le=2**31)]


class DepositForm(enum.StrEnum):
    BANK_GUARANTEE = "bank_guarantee"
    DEPOSIT = "deposit"


FORM_LABELS = {DepositForm.BANK_GUARANTEE: "Bankgaranti", DepositForm.DEPOSIT: "Kontant deponering"}


class NoteKind(enum.StrEnum):
    EFFORT = "effort"
    COORDINATION = "coordination"


NOTE_LABELS = {NoteKind.EFFORT: "Beskæftigelsesindsats", NoteKind.COORDINATION: "Koordinering med forvaltningen"}


class DepositIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Money
    form: DepositForm


class Lodged(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    lodged_on: CaseDate


class Released(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    released_on: CaseDate


class DepositOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    amount: Decimal
    form: str
    lodged_on: date | None
    released_on: date | None
    created_by: str
    version: int


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
