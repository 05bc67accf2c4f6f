"""What the plan-action API answers and accepts."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from shared.contracts.plans import PlanActionStatus
from shared.validation import OptionalShortText


class PlanTaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action_id: int
    case_id: int
    case_number: str
    title: str
    details: str
    due_date: date
    status: PlanActionStatus
    note: str
    updated_by: str | None
    updated_at: datetime | None


class PlanTaskUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: PlanActionStatus
    note: OptionalShortText = ""
