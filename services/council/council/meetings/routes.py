"""The council's members and meetings through the API (C1): Jobcentret writes, the council reads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from council.meetings import service
from council.meetings.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    AgendaOrder,
    ApproveIn,
    MeetingIn,
    MeetingOut,
    MemberIn,
    MemberOut,
    MemberUpdate,
    MinutesIn,
)
from council.web import CouncilReader, Secretariat
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["sekretær"])


@router.post("/members", status_code=status.HTTP_201_CREATED, response_model=MemberOut)
def add_member(body: MemberIn, session: Db, _by: Secretariat) -> Any:
    return service.add_member(session, data=body)


@router.get("/members", response_model=list[MemberOut])
def list_members(session: ReadDb, _by: CouncilReader) -> Any:
    return service.members(session)


@router.patch("/members/{member_id}", response_model=MemberOut)
def update_member(member_id: IdPath, body: MemberUpdate, session: Db, _by: Secretariat) -> Any:
    """Role, organisation, end of term; a stale ``version`` is a 409."""
    return service.update_member(session, member_id=member_id, data=body)


@router.post("/meetings", status_code=status.HTTP_201_CREATED, response_model=MeetingOut)
def create_meeting(body: MeetingIn, session: Db, _by: Secretariat) -> MeetingOut:
    return service.meeting_out(session, service.create_meeting(session, data=body))


@router.get("/meetings", response_model=list[MeetingOut])
def list_meetings(session: ReadDb, _by: CouncilReader) -> list[MeetingOut]:
    return [service.meeting_out(session, m) for m in service.meetings(session)]


@router.get("/meetings/{meeting_id}", response_model=MeetingOut)
def get_meeting(meeting_id: IdPath, session: ReadDb, _by: CouncilReader) -> MeetingOut:
    return service.meeting_out(session, service.get_meeting(session, meeting_id))


@router.post("/meetings/{meeting_id}/items", status_code=status.HTTP_201_CREATED, response_model=AgendaItemOut)
def add_item(meeting_id: IdPath, body: AgendaItemIn, session: Db, _by: Secretariat) -> Any:
    return service.add_item(session, meeting_id=meeting_id, data=body)


@router.put("/meetings/{meeting_id}/items/order", response_model=list[AgendaItemOut])
def reorder(meeting_id: IdPath, body: AgendaOrder, session: Db, _by: Secretariat) -> Any:
    return service.reorder(session, meeting_id=meeting_id, data=body)


@router.put("/agenda-items/{item_id}/minutes", response_model=AgendaItemOut)
def write_minutes(item_id: IdPath, body: MinutesIn, session: Db, _by: Secretariat) -> Any:
    """409 once the meeting's minutes are approved, or on a stale ``version``."""
    return service.write_minutes(session, item_id=item_id, data=body)


@router.post("/meetings/{meeting_id}/minutes/approve", response_model=MeetingOut)
def approve_minutes(meeting_id: IdPath, body: ApproveIn, session: Db, by: Secretariat) -> MeetingOut:
    """Approve and publish the minutes; afterwards nothing on the meeting can be edited."""
    return service.meeting_out(session, service.approve_minutes(session, meeting_id=meeting_id, data=body, by=by))
