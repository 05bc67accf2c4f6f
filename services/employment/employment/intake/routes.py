"""The list of match conversation (job-ready or activity-ready)s to schedule (B1)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from employment import lookups
from employment.intake import service
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db

router = APIRouter(tags=["employment"])


class PendingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: int
    case_number: str
    due_date: date
    status: str
    # integrationsloven § 4's day as reception announced it, § 16's deadline with its rule and why (None with the
    # why for a person under 18 that day), and the day the § 17 visitation (B1) was completed.
    responsibility_from: date | None = None
    programme_due: date | None = None
    programme_rule: str = ""
    programme_why: str = ""
    visitation_completed_on: date | None = None


@router.get("/match_conversations", response_model=list[PendingOut])
def pending(session: Db, by: Annotated[Principal, Depends(require(Department.JOBCENTRET))]) -> list[PendingOut]:
    """The cases whose match conversation is to be held (a list of persons: access-logged)."""
    access.record(session, by=by, purpose=lookups.LIST_MATCH_CONVERSATIONS)
    return [PendingOut.model_validate(r) for r in service.pending(session)]
