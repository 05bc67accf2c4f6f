"""The list of match conversation (job-ready or activity-ready)s to schedule (B1)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from employment.intake import service
from shared.auth import Department, Principal, require
from shared.web.deps import ReadDb

router = APIRouter(tags=["employment"])


class PendingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: int
    case_number: str
    due_date: date
    status: str


@router.get("/match_conversations", response_model=list[PendingOut])
def pending(session: ReadDb, _by: Annotated[Principal, Depends(require(Department.JOBCENTRET))]) -> list[PendingOut]:
    return [PendingOut.model_validate(r) for r in service.pending(session)]
