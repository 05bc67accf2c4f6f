"""Language schools and the cooperation with each through the API (E2): texts, steering group, business committee."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from education.schools import service
from education.schools.schemas import (
    Committee,
    CooperationIn,
    CooperationOut,
    CooperationUpdate,
    MeetingIn,
    MeetingOut,
    MeetingUpdate,
    MemberIn,
    MemberLeave,
    MemberOut,
    MemberUpdate,
    SchoolIn,
    SchoolOut,
)
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["sprogskole"])
Staff = Annotated[Principal, Depends(require(Department.JOBCENTRET))]
STEERING, BUSINESS = Committee.STEERING, Committee.BUSINESS


@router.post("/language-schools", status_code=status.HTTP_201_CREATED, response_model=SchoolOut)
def add_school(body: SchoolIn, session: Db, by: Staff) -> Any:
    """E2: a language school (name, address, contact)."""
    return service.add_school(session, data=body, by=by)


@router.get("/language-schools", response_model=list[SchoolOut])
def list_schools(session: ReadDb, _by: Staff) -> Any:
    return service.schools(session)


@router.get("/language-schools/{school_id}", response_model=SchoolOut)
def get_school(school_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return service.get_school(session, school_id)


@router.post(
    "/language-schools/{school_id}/cooperation", status_code=status.HTTP_201_CREATED, response_model=CooperationOut
)
def add_text(school_id: IdPath, body: CooperationIn, session: Db, by: Staff) -> Any:
    """E2: a strategy or programme agreed with the school, valid from–to."""
    return service.add_text(session, school_id=school_id, data=body, by=by)


@router.get("/language-schools/{school_id}/cooperation", response_model=list[CooperationOut])
def list_texts(school_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return service.texts(session, school_id=school_id)


@router.patch("/cooperation/{text_id}", response_model=CooperationOut)
def update_text(text_id: IdPath, body: CooperationUpdate, session: Db, by: Staff) -> Any:
    """Title, text, validity; a stale ``version`` is a 409."""
    return service.update_text(session, text_id=text_id, data=body, by=by)


@router.post(
    "/language-schools/{school_id}/steering-members", status_code=status.HTTP_201_CREATED, response_model=MemberOut
)
def add_member(school_id: IdPath, body: MemberIn, session: Db, by: Staff) -> Any:
    """E2: a member of the steering group (name, organisation, role)."""
    return service.add_member(session, school_id=school_id, data=body, by=by)


@router.get("/language-schools/{school_id}/steering-members", response_model=list[MemberOut])
def list_members(school_id: IdPath, session: ReadDb, _by: Staff, include_left: bool = False) -> Any:
    """E2: the current members; ``?include_left=true`` also those who have left, with the day they left."""
    return service.members(session, school_id=school_id, include_left=include_left)


@router.patch("/steering-members/{member_id}", response_model=MemberOut)
def update_member(member_id: IdPath, body: MemberUpdate, session: Db, by: Staff) -> Any:
    """E2: a member's new name, organisation or role; a stale ``version`` is a 409."""
    return service.update_member(session, member_id=member_id, data=body, by=by, committee=STEERING)


@router.post("/steering-members/{member_id}/leave", response_model=MemberOut)
def remove_member(member_id: IdPath, body: MemberLeave, session: Db, by: Staff) -> Any:
    """E2: the member leaves the steering group (kept as history with ``left_on``); a stale ``version`` is a 409."""
    return service.remove_member(session, member_id=member_id, data=body, by=by, committee=STEERING)


@router.post(
    "/language-schools/{school_id}/steering-meetings", status_code=status.HTTP_201_CREATED, response_model=MeetingOut
)
def add_meeting(school_id: IdPath, body: MeetingIn, session: Db, by: Staff) -> Any:
    """E2: a steering-group meeting with its agenda."""
    return service.add_meeting(session, school_id=school_id, data=body, by=by)


@router.get("/language-schools/{school_id}/steering-meetings", response_model=list[MeetingOut])
def list_meetings(school_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return service.meetings(session, school_id=school_id)


@router.patch("/steering-meetings/{meeting_id}", response_model=MeetingOut)
def update_meeting(meeting_id: IdPath, body: MeetingUpdate, session: Db, by: Staff) -> Any:
    """Agenda, minutes and decisions; a stale ``version`` is a 409."""
    return service.update_meeting(session, meeting_id=meeting_id, data=body, by=by, committee=STEERING)


# The business committee (forretningsudvalg), beside the steering group and modelled alike (E2).


@router.post(
    "/language-schools/{school_id}/business-members", status_code=status.HTTP_201_CREATED, response_model=MemberOut
)
def add_business_member(school_id: IdPath, body: MemberIn, session: Db, by: Staff) -> Any:
    """E2: a member of the business committee (name, organisation, role)."""
    return service.add_member(session, school_id=school_id, data=body, by=by, committee=BUSINESS)


@router.get("/language-schools/{school_id}/business-members", response_model=list[MemberOut])
def list_business_members(school_id: IdPath, session: ReadDb, _by: Staff, include_left: bool = False) -> Any:
    """E2: the committee's current members; ``?include_left=true`` also those who have left."""
    return service.members(session, school_id=school_id, include_left=include_left, committee=BUSINESS)


@router.patch("/business-members/{member_id}", response_model=MemberOut)
def update_business_member(member_id: IdPath, body: MemberUpdate, session: Db, by: Staff) -> Any:
    """E2: a committee member's new name, organisation or role; a stale ``version`` is a 409."""
    return service.update_member(session, member_id=member_id, data=body, by=by, committee=BUSINESS)


@router.post("/business-members/{member_id}/leave", response_model=MemberOut)
def remove_business_member(member_id: IdPath, body: MemberLeave, session: Db, by: Staff) -> Any:
    """E2: the member leaves the business committee (kept as history with ``left_on``)."""
    return service.remove_member(session, member_id=member_id, data=body, by=by, committee=BUSINESS)


@router.post(
    "/language-schools/{school_id}/business-meetings", status_code=status.HTTP_201_CREATED, response_model=MeetingOut
)
def add_business_meeting(school_id: IdPath, body: MeetingIn, session: Db, by: Staff) -> Any:
    """E2: a business-committee meeting with its agenda."""
    return service.add_meeting(session, school_id=school_id, data=body, by=by, committee=BUSINESS)


@router.get("/language-schools/{school_id}/business-meetings", response_model=list[MeetingOut])
def list_business_meetings(school_id: IdPath, session: ReadDb, _by: Staff) -> Any:
    return service.meetings(session, school_id=school_id, committee=BUSINESS)


@router.patch("/business-meetings/{meeting_id}", response_model=MeetingOut)
def update_business_meeting(meeting_id: IdPath, body: MeetingUpdate, session: Db, by: Staff) -> Any:
    """Agenda, minutes and decisions of a business-committee meeting; a stale ``version`` is a 409."""
    return service.update_meeting(session, meeting_id=meeting_id, data=body, by=by, committee=BUSINESS)
