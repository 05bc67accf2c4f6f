"""Request and response models for the integration contract (R4)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import Label, LongText, OptionalShortText


class ContractIn(BaseModel):
    """The contract's content; ``version`` must be the one the caseworker last saw (no lost updates)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    meeting_date: date
    participants: LongText = Field(min_length=1)
    interpreter: OptionalShortText = ""
    interpreter_language: Label = ""
    employment_goal: LongText = Field(min_length=1)
    danish_goal: LongText = Field(min_length=1)
    obligations: LongText = Field(min_length=1)
    declaration_signed: bool = False


class Party(enum.StrEnum):
    CASEWORKER = "caseworker"
    CITIZEN = "citizen"


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    party: Party
    version: int = Field(ge=1, le=2**31)


class ContractOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    due_date: date
    meeting_date: date | None
    participants: str
    interpreter: str | None
    interpreter_language: str | None
    employment_goal: str
    danish_goal: str
    obligations: str
    declaration_signed: bool
    status: str
    caseworker_signed_at: datetime | None
    caseworker_signed_by: str | None
    citizen_signed_at: datetime | None
    version: int
