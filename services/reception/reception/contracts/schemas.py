"""Request and response models for the integration contract (R4)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, computed_field

from shared.law.registry import reference_of
from shared.validation import CaseDate, Label, LongText, OptionalShortText, ShortText


class ContractIn(BaseModel):
    """The contract's content; ``version`` must be the one the caseworker last saw (no lost updates)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    meeting_date: CaseDate
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


class RevisionIn(BaseModel):
    """Revise a signed contract at a follow-up (integrationsloven § 20, stk. 3): a new version to be signed by
    both again; the signed one is kept as it was. ``version`` is the one the caseworker last saw."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    follow_up_on: CaseDate = Field(description="the follow-up conversation at which the revision was agreed")
    reason: ShortText = Field(description="what changed in the person's situation or the plan")


class ContractRevisionOut(BaseModel):
    """An earlier version of the contract, as it stood (with its signatures) when it was revised."""

    model_config = ConfigDict(from_attributes=True)

    revision: int
    due_date: date
    meeting_date: date | None
    participants: str
    interpreter: str | None
    interpreter_language: str | None
    employment_goal: str
    danish_goal: str
    obligations: str
    declaration_signed: bool
    caseworker_signed_at: datetime | None
    caseworker_signed_by: str | None
    citizen_signed_at: datetime | None
    revision_reason: str | None
    replaced_at: datetime
    replaced_by: str


class ContractOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    due_date: date
    # The shared/law rule that set the due date ("inl19-contract"; empty for a provisional date) and why.
    due_rule: str | None = None
    due_why: str | None = None
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
    # Which version of the contract this is (1 the first); the earlier ones, oldest first.
    revision: int = 1
    revision_reason: str | None = None
    revision_follow_up_on: date | None = None
    revised_at: datetime | None = None
    revised_by: str | None = None
    revisions: list[ContractRevisionOut] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def due_reference(self) -> str:
        """The act's § and stk. of the due date's rule ("integrationsloven § 19, stk. 1"), or "" for none."""
        return reference_of(self.due_rule)
