"""Use cases for volunteers, host families and mentors, starter packages (R7–R9) and welcome meetings (R10)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.cases.service import get_case
from reception.civil.models import (
    FollowUpNote,
    Invitation,
    Match,
    StarterPackage,
    Volunteer,
    WelcomeMeeting,
)
from reception.civil.schemas import (
    CheckIn,
    FollowUpIn,
    InvitationOut,
    MatchEndIn,
    MatchIn,
    MatchStatus,
    MeetingIn,
    MeetingOut,
    PackageIn,
    PackageStatus,
    VolunteerIn,
)
from shared.auth import Department, Principal
from shared.clock import today
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Invalid, NotFound

# Host-family and mentor agreements (R7) are Frivillighedsområdet's and Jobcentret's, as the seed says: both create
# them, follow them up and end them. Volunteers (R8) and starter packages (R9) stay Frivillighedsområdet's.
AGREEMENT_WRITERS = (Department.FRIVILLIGHED, Department.JOBCENTRET)
_PACKAGE_NEXT = {PackageStatus.REQUESTED: PackageStatus.COLLECTED, PackageStatus.COLLECTED: PackageStatus.DELIVERED}


def register_volunteer(session: Session, *, data: VolunteerIn) -> Volunteer:
    row = Volunteer(
        name=data.name,
        contact=data.contact,
        skills=data.skills,
        languages=data.languages,
        availability=data.availability,
    )
    session.add(row)
    session.flush()
    return row


def set_check(session: Session, *, volunteer_id: int, data: CheckIn) -> Volunteer:
    row = session.get(Volunteer, volunteer_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no volunteer with id {volunteer_id}", danish="Den frivillige findes ikke")
    row.background_check = data.background_check.value
    session.flush()
    return row


def volunteers(session: Session) -> list[Volunteer]:
    return list(session.scalars(select(Volunteer).order_by(Volunteer.name)))


def match(session: Session, *, case_id: int, data: MatchIn) -> Match:
    """Agree a host family or mentor for the person; only volunteers whose background check passed."""
    get_case(session, case_id=case_id)
    volunteer = session.get(Volunteer, data.volunteer_id)
    if volunteer is None:
        raise NotFound(
            f"no volunteer with id {data.volunteer_id}", field="volunteer_id", danish="Den frivillige findes ikke"
        )
    if volunteer.background_check != "approved":
        raise Conflict(
            "the volunteer's background check has not been approved",
            field="volunteer_id",
            danish="Den frivilliges børne- og straffeattest er ikke godkendt",
        )
    row = Match(
        case_id=case_id,
        volunteer_id=volunteer.id,
        kind=data.kind.value,
        content=data.content,
        purpose=data.purpose,
        follow_up_days=data.follow_up_days,
        started_on=today(),
        next_follow_up=today() + timedelta(days=data.follow_up_days),
    )
    session.add(row)
    session.flush()
    return row


def _match(session: Session, match_id: int) -> Match:
    row = session.get(Match, match_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no match with id {match_id}", danish="Aftalen findes ikke")
    return row


def _still_active(row: Match, *, doing: str) -> None:
    if row.status != MatchStatus.ACTIVE:
        assert row.ended_on is not None
        raise Conflict(
            f"the agreement ended on {row.ended_on.isoformat()}",
            danish=f"Aftalen blev afsluttet {row.ended_on:%d.%m.%Y} og kan ikke {doing}",
        )


def follow_up(session: Session, *, match_id: int, data: FollowUpIn, by: Principal) -> Match:
    """Record a follow-up on an active agreement; the next one falls one interval later."""
    row = _match(session, match_id)
    _still_active(row, doing="følges op")
    if data.on > today():
        raise Invalid("the follow-up cannot be in the future", field="on", danish="Datoen ligger i fremtiden")
    session.add(FollowUpNote(match_id=row.id, on=data.on, note=data.note, by=by.user))
    row.next_follow_up = data.on + timedelta(days=row.follow_up_days)
    session.flush()
    return row


def end_match(session: Session, *, match_id: int, data: MatchEndIn, by: Principal) -> Match:
    """End an active agreement on a date between its start and today, for a reason: it has no next follow-up
    after that, so it leaves the deadline list and the overdue notices."""
    row = _match(session, match_id)
    _still_active(row, doing="afsluttes igen")
    if data.ended_on > today():
        raise Invalid("the end date cannot be in the future", field="ended_on", danish="Datoen ligger i fremtiden")
    if data.ended_on < row.started_on:
        raise Invalid(
            f"the agreement started on {row.started_on.isoformat()}; it cannot end before",
            field="ended_on",
            danish=f"Aftalen begyndte {row.started_on:%d.%m.%Y}; den kan ikke slutte før",
        )
    row.status = MatchStatus.ENDED.value
    row.ended_on, row.end_reason, row.end_note, row.ended_by = data.ended_on, data.reason.value, data.note, by.user
    row.next_follow_up = None
    session.flush()
    return row


def matches_for(session: Session, *, case_id: int) -> list[Match]:
    get_case(session, case_id=case_id)
    return list(session.scalars(select(Match).where(Match.case_id == case_id).order_by(Match.id)))


def follow_ups_for(session: Session, *, case_id: int) -> list[FollowUpNote]:
    """The follow-up notes on the case's agreements, oldest first."""
    query = (
        select(FollowUpNote)
        .join(Match, Match.id == FollowUpNote.match_id)
        .where(Match.case_id == case_id)
        .order_by(FollowUpNote.on, FollowUpNote.id)
    )
    return list(session.scalars(query))


def packages_for(session: Session, *, case_id: int) -> list[StarterPackage]:
    return list(
        session.scalars(select(StarterPackage).where(StarterPackage.case_id == case_id).order_by(StarterPackage.id))
    )


def request_package(session: Session, *, case_id: int, data: PackageIn) -> StarterPackage:
    get_case(session, case_id=case_id)
    row = StarterPackage(case_id=case_id, items=data.items)
    session.add(row)
    session.flush()
    return row


def advance_package(session: Session, *, package_id: int, status: PackageStatus) -> StarterPackage:
    """Requested → collected → delivered, one step at a time."""
    row = session.get(StarterPackage, package_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no starter package with id {package_id}", danish="Startpakken findes ikke")
    if _PACKAGE_NEXT.get(PackageStatus(row.status)) != status:
        raise Conflict(
            f"a {row.status} package cannot become {status.value}", danish="Startpakken kan ikke skifte til den status"
        )
    row.status, row.updated_at = status.value, utcnow()
    session.flush()
    return row


def create_meeting(session: Session, *, data: MeetingIn) -> WelcomeMeeting:
    row = WelcomeMeeting(held_on=data.held_on, place=data.place, host=data.host)
    session.add(row)
    session.flush()
    return row


def _meeting(session: Session, meeting_id: int) -> WelcomeMeeting:
    row = session.get(WelcomeMeeting, meeting_id)
    if row is None:
        raise NotFound(f"no welcome meeting with id {meeting_id}", danish="Velkomstmødet findes ikke")
    return row


def invite(session: Session, *, meeting_id: int, case_id: int) -> Invitation:
    _meeting(session, meeting_id)
    get_case(session, case_id=case_id)
    row = Invitation(meeting_id=meeting_id, case_id=case_id)
    if not try_insert(session, row):
        raise Conflict(f"case {case_id} is invited already", field="case_id", danish="Sagen er allerede inviteret")
    return row


def invite_by_number(session: Session, *, meeting_id: int, case_number: str) -> Invitation:
    """Invite the case with this case number (the number the departments write, e.g. 2026-000001)."""
    _meeting(session, meeting_id)
    case_id = session.scalar(select(Case.id).where(Case.case_number == case_number))
    if case_id is None:
        raise NotFound(
            f"no case numbered {case_number}", field="case_number", danish="Der findes ingen sag med det sagsnummer"
        )
    try:
        return invite(session, meeting_id=meeting_id, case_id=case_id)
    except Conflict as exc:  # the case was given by its number: the error is about that field
        raise Conflict(exc.message, field="case_number", danish=exc.danish) from exc


def meetings(session: Session) -> list[MeetingOut]:
    """All welcome meetings, the latest first, with their invitations."""
    ids = session.scalars(select(WelcomeMeeting.id).order_by(WelcomeMeeting.held_on.desc(), WelcomeMeeting.id.desc()))
    return [meeting_out(session, meeting_id=i) for i in ids]


def record_attendance(session: Session, *, invitation_id: int, attended: bool) -> Invitation:
    row = session.get(Invitation, invitation_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no invitation with id {invitation_id}", danish="Invitationen findes ikke")
    if _meeting(session, row.meeting_id).held_on > today():
        raise Conflict("attendance is recorded after the meeting", danish="Fremmøde registreres efter mødet")
    row.attended = attended
    session.flush()
    return row


def meeting_out(session: Session, *, meeting_id: int) -> MeetingOut:
    meeting = _meeting(session, meeting_id)
    invitations = session.scalars(select(Invitation).where(Invitation.meeting_id == meeting_id).order_by(Invitation.id))
    return MeetingOut(
        id=meeting.id,
        held_on=meeting.held_on,
        place=meeting.place,
        host=meeting.host,
        invitations=[InvitationOut.model_validate(i) for i in invitations],
    )
