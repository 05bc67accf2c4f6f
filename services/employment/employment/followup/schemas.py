"""Follow-up conversations in and out (B8)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, LongText, RequiredLongText, ShortText


class FollowUpHeldIn(BaseModel):
    """A follow-up conversation held: it fills the case's earliest open due date."""

    model_config = ConfigDict(extra="forbid")

    held_on: CaseDate
    held_by: ShortText
    note: LongText = ""


class FollowUpIn(BaseModel):
    """One more follow-up, as needed, due on ``due_date``."""

    model_config = ConfigDict(extra="forbid")

    due_date: CaseDate


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    due_date: date
    kind: str
    due_rule: str = ""
    due_why: str = ""
    held_on: date | None
    held_by: str | None
    note: str
    overdue: bool = False


class ControlActionIn(BaseModel):
    """Information from a public control action (integrationsloven § 27): the day it came and what it says."""

    model_config = ConfigDict(extra="forbid")

    received_on: CaseDate
    what: RequiredLongText


class ControlStepIn(BaseModel):
    """A step after a control action done on a day: the first conversation held, or the offer given."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    on: CaseDate


class ControlActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    received_on: date
    what: str
    conversation_due: date
    conversation_rule: str
    conversation_why: str
    conversation_held_on: date | None
    offer_due: date
    offer_rule: str
    offer_why: str
    offer_given_on: date | None
    recorded_by: str
    version: int
    # Set when read: a deadline passed without the step.
    conversation_overdue: bool = False
    offer_overdue: bool = False
