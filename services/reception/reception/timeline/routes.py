"""The case timeline through the API."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from reception import lookups
from reception.cases import service as cases
from reception.timeline import service
from reception.web import Reader
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["tidslinje"])


class TimelineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    occurred_at: datetime
    event_type: str
    producer: str
    summary: str


@router.get("/cases/{case_id}/timeline", response_model=list[TimelineOut])
def timeline(case_id: IdPath, session: Db, by: Reader) -> list[TimelineOut]:
    """Everything that happened to the person's case, across services, in order."""
    cases.get_case(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_TIMELINE, case_id=case_id)
    return [TimelineOut.model_validate(e) for e in service.entries(session, case_id=case_id)]
