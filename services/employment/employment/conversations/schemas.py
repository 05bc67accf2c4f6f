"""Conversations in and out (B1, B2, B4, B9)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.validation import CaseDate, LongText, ShortText, invalid

AnswerKey = Annotated[str, StringConstraints(max_length=50)]
Answers = Annotated[dict[AnswerKey, LongText], Field(max_length=30)]
Version = Annotated[int, Field(ge=1, le=2**31)]


class PlanAction(BaseModel):
    """B4: one action of the plan, with the institution or company and its dates."""

    model_config = ConfigDict(extra="forbid")

    description: ShortText
    partner: ShortText  # the institution or company
    start_date: CaseDate
    end_date: CaseDate | None = None

    @model_validator(mode="after")
    def _period(self) -> PlanAction:
        if self.end_date is not None and self.end_date < self.start_date:
            raise invalid("end_date", "end must not be before start", "Slutdatoen ligger før startdatoen")
        return self


Actions = Annotated[list[PlanAction], Field(max_length=30)]


class ConversationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template: Annotated[str, StringConstraints(max_length=40)]
    held_on: CaseDate
    held_by: ShortText
    answers: Answers = {}
    actions: Actions = []


class ConversationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    held_on: CaseDate | None = None
    held_by: ShortText | None = None
    answers: Answers | None = None
    actions: Actions | None = None


class Finalise(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version


class ConversationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    template: str
    held_on: date
    held_by: str
    answers: dict[str, Any]
    actions: list[Any]
    status: str
    created_by: str
    finalised_by: str | None
    finalised_at: datetime | None
    version: int


class QuestionOut(BaseModel):
    key: str
    label: str
    required: bool
    choices: dict[str, str]


class TemplateOut(BaseModel):
    key: str
    row: str
    title: str
    questions: list[QuestionOut]
    has_actions: bool
    family_reunification_only: bool
