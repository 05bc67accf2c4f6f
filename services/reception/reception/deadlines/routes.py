"""The "due soon / overdue" list per department."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query
from pydantic import BaseModel

from reception import lookups
from reception.deadlines import service
from reception.web import Reader
from shared import access
from shared.clock import today
from shared.web.deps import Db

router = APIRouter(tags=["frister"])


class DeadlineOut(BaseModel):
    kind: str
    ref_id: int
    case_id: int
    case_number: str
    title: str
    department: str
    due_date: date
    state: str
    rule: str = ""  # the shared.law rule that computed due_date ("" for the municipality's own task dates)
    why: str = ""


@router.get("/deadlines", response_model=list[DeadlineOut])
def deadlines(session: Db, by: Reader, within_days: int = Query(7, ge=0, le=365)) -> list[DeadlineOut]:
    """The caller's department's deadlines: overdue first, then those due within ``within_days``."""
    on = today()
    found = service.due(session, department=by.department.value, within_days=within_days)
    # A list naming cases: logged without a case, with its filter (the department is the row's own).
    access.record(session, by=by, purpose=lookups.LIST_DEADLINES, criteria=f"within_days={within_days}")
    return [DeadlineOut(**d.__dict__, state=d.state(on)) for d in found]
