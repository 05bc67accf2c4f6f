"""Civil society (R7–R9, Frivillighedsområdet) and welcome meetings (R10, Borgmesterkontoret) through the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from reception import lookups
from reception.civil import service
from reception.civil.schemas import (
    AttendanceIn,
    CheckIn,
    FollowUpIn,
    InvitationOut,
    InviteIn,
    MatchEndIn,
    MatchIn,
    MatchOut,
    MeetingIn,
    MeetingOut,
    PackageIn,
    PackageOut,
    PackageUpdate,
    VolunteerIn,
    VolunteerOut,
)
from reception.web import Reader
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["civilsamfund"])
Volunteering = Annotated[Principal, Depends(require(Department.FRIVILLIGHED))]
Agreeing = Annotated[Principal, Depends(require(*service.AGREEMENT_WRITERS))]
Welcome = Annotated[Principal, Depends(require(Department.BORGMESTERKONTORET, Department.JOBCENTRET))]


@router.post("/volunteers", status_code=status.HTTP_201_CREATED, response_model=VolunteerOut)
def register_volunteer(body: VolunteerIn, session: Db, _by: Volunteering) -> Any:
    """R8: a volunteer with skills, languages and availability (background check pending)."""
    return service.register_volunteer(session, data=body)


@router.get("/volunteers", response_model=list[VolunteerOut])
def list_volunteers(session: Db, _by: Volunteering) -> Any:
    return service.volunteers(session)


@router.post("/volunteers/{volunteer_id}/background-check", response_model=VolunteerOut)
def set_check(volunteer_id: IdPath, body: CheckIn, session: Db, _by: Volunteering) -> Any:
    return service.set_check(session, volunteer_id=volunteer_id, data=body)


@router.post("/cases/{case_id}/matches", status_code=status.HTTP_201_CREATED, response_model=MatchOut)
def match(case_id: IdPath, body: MatchIn, session: Db, _by: Agreeing) -> Any:
    """R7: host family or mentor, with the agreement's content, purpose and follow-up interval
    (Frivillighedsområdet or Jobcentret)."""
    return service.match(session, case_id=case_id, data=body)


@router.get("/cases/{case_id}/matches", response_model=list[MatchOut])
def list_matches(case_id: IdPath, session: Db, by: Reader) -> Any:
    """The host families and mentors matched to one case (access-logged under its case)."""
    rows = service.matches_for(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_CIVIL_SOCIETY, case_id=case_id)
    return rows


@router.post("/matches/{match_id}/follow-ups", response_model=MatchOut)
def follow_up(match_id: IdPath, body: FollowUpIn, session: Db, by: Agreeing) -> Any:
    """A follow-up on an active agreement (409 once it has ended)."""
    return service.follow_up(session, match_id=match_id, data=body, by=by)


@router.post("/matches/{match_id}/end", response_model=MatchOut)
def end_match(match_id: IdPath, body: MatchEndIn, session: Db, by: Agreeing) -> Any:
    """R7: end an agreement on a date (from its start to today) for a reason; it then has no next follow-up
    and leaves the deadline list. Ending it again is a 409."""
    return service.end_match(session, match_id=match_id, data=body, by=by)


@router.post("/cases/{case_id}/starter-packages", status_code=status.HTTP_201_CREATED, response_model=PackageOut)
def request_package(case_id: IdPath, body: PackageIn, session: Db, _by: Volunteering) -> Any:
    """R9: items that supplement the household's belongings."""
    return service.request_package(session, case_id=case_id, data=body)


@router.patch("/starter-packages/{package_id}", response_model=PackageOut)
def advance_package(package_id: IdPath, body: PackageUpdate, session: Db, _by: Volunteering) -> Any:
    return service.advance_package(session, package_id=package_id, status=body.status)


@router.post("/welcome-meetings", status_code=status.HTTP_201_CREATED, response_model=MeetingOut)
def create_meeting(body: MeetingIn, session: Db, _by: Welcome) -> MeetingOut:
    """R10: a welcome meeting at the town hall."""
    meeting = service.create_meeting(session, data=body)
    return service.meeting_out(session, meeting_id=meeting.id)


@router.get("/welcome-meetings/{meeting_id}", response_model=MeetingOut)
def get_meeting(meeting_id: IdPath, session: Db, by: Welcome) -> MeetingOut:
    """One welcome meeting with its invited cases: a list of persons, logged with the meeting as criteria."""
    out = service.meeting_out(session, meeting_id=meeting_id)
    access.record(session, by=by, purpose=lookups.LIST_WELCOME_MEETING, criteria=f"meeting_id={meeting_id}")
    return out


@router.post(
    "/welcome-meetings/{meeting_id}/invitations", status_code=status.HTTP_201_CREATED, response_model=InvitationOut
)
def invite(meeting_id: IdPath, body: InviteIn, session: Db, _by: Welcome) -> Any:
    return service.invite(session, meeting_id=meeting_id, case_id=body.case_id)


@router.post("/invitations/{invitation_id}/attendance", response_model=InvitationOut)
def attendance(invitation_id: IdPath, body: AttendanceIn, session: Db, _by: Welcome) -> Any:
    return service.record_attendance(session, invitation_id=invitation_id, attended=body.attended)
