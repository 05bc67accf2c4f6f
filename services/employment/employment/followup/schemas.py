"""Follow-up conversations in and out (B8)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from shared.validation import LongText, ShortText


class FollowUpHeldIn(BaseModel):
    """A follow-up conversation held: it fills the case's earliest open due date."""

    model_config = ConfigDict(extra="forbid")

    held_on: date
    held_by: ShortText
    note: LongText = ""


class FollowUpIn(BaseModel):
    """One more follow-up, as needed, due on ``due_date``."""

    model_config = ConfigDict(extra="forbid")

    due_date: date


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    due_date: date
    kind: str
    held_on: date | None
    held_by: str | None
    note: str
    overdue: bool = False
