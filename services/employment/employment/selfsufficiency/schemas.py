"""Self-sufficiency in and out (B7)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from shared.validation import CaseDate, LongText


class SelfSufficiencyKind(enum.StrEnum):
    JOB = "job"  # ordinary work
    SU = "su"  # student grant (Statens Uddannelsesstøtte)
    OTHER = "other"


class SelfSufficiencyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: SelfSufficiencyKind
    effective_from: CaseDate
    note: LongText = ""


class SelfSufficiencyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    kind: SelfSufficiencyKind
    effective_from: date
    note: str
    reported_by: str
    reported_at: datetime
