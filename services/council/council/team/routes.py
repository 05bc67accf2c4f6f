"""The coordinating team through the API (C4): Jobcentret keeps the record; the department heads read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from council.team import service
from council.team.schemas import (
    MonthlyCheckOut,
    TeamActionIn,
    TeamActionOut,
    TeamActionUpdate,
    TeamItemIn,
    TeamItemOut,
    TeamMeetingIn,
    TeamMeetingOut,
)
from council.web import Secretariat, TeamReader
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(prefix="/team", tags=["koordinerende team"])
Month = Annotated[str | None, Query(max_length=7)]


@router.post("/meetings", status_code=status.HTTP_201_CREATED, response_model=TeamMeetingOut)
def create_meeting(body: TeamMeetingIn, session: Db, by: Secretariat) -> TeamMeetingOut:
    return service.meeting_out(session, service.create_meeting(session, data=body, by=by))


@router.get("/meetings", response_model=list[TeamMeetingOut])
def list_meetings(session: ReadDb, _by: TeamReader) -> list[TeamMeetingOut]:
    return [service.meeting_out(session, m) for m in service.meetings(session)]


@router.get("/meetings/{meeting_id}", response_model=TeamMeetingOut)
def get_meeting(meeting_id: IdPath, session: ReadDb, _by: TeamReader) -> TeamMeetingOut:
    return service.meeting_out(session, service.get_meeting(session, meeting_id))


@router.post("/meetings/{meeting_id}/items", status_code=status.HTTP_201_CREATED, response_model=TeamItemOut)
def add_item(meeting_id: IdPath, body: TeamItemIn, session: Db, _by: Secretariat) -> Any:
    return service.add_item(session, meeting_id=meeting_id, data=body)


@router.post("/meetings/{meeting_id}/actions", status_code=status.HTTP_201_CREATED, response_model=TeamActionOut)
def add_action(meeting_id: IdPath, body: TeamActionIn, session: Db, _by: Secretariat) -> TeamActionOut:
    return service.action_out(service.add_action(session, meeting_id=meeting_id, data=body))


@router.patch("/actions/{action_id}", response_model=TeamActionOut)
def update_action(action_id: IdPath, body: TeamActionUpdate, session: Db, _by: Secretariat) -> TeamActionOut:
    """Done or open again; a stale ``version`` is a 409."""
    return service.action_out(service.update_action(session, action_id=action_id, data=body))


@router.get("/actions/overdue", response_model=list[TeamActionOut])
def overdue(session: ReadDb, _by: TeamReader) -> list[TeamActionOut]:
    """Open actions past their due date, across meetings."""
    return service.overdue(session)


@router.get("/monthly-check", response_model=MonthlyCheckOut)
def monthly_check(session: ReadDb, _by: TeamReader, from_month: Month = None, to_month: Month = None) -> Any:
    """Months (YYYY-MM; default the last 12) with their number of meetings; months without one are listed."""
    return service.monthly_check(session, from_month=from_month, to_month=to_month)
