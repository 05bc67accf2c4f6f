"""Use cases for the language schools and the cooperation with each (E2)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.schools.models import CooperationText, LanguageSchool, SteeringMeeting, SteeringMember
from education.schools.schemas import (
    COMMITTEE_DEFINITE,
    Committee,
    CooperationIn,
    CooperationUpdate,
    MeetingIn,
    MeetingUpdate,
    MemberIn,
    MemberLeave,
    MemberUpdate,
    SchoolIn,
)
from shared.auth import Principal
from shared.clock import today
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Invalid, NotFound


def add_school(session: Session, *, data: SchoolIn, by: Principal) -> LanguageSchool:
    row = LanguageSchool(name=data.name, address=data.address, contact=data.contact, created_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            f"a language school named {data.name!r} exists already",
            field="name",
            danish="Der findes allerede en sprogskole med dette navn",
        )
    return row


def schools(session: Session) -> list[LanguageSchool]:
    return list(session.scalars(select(LanguageSchool).order_by(LanguageSchool.name)))


def get_school(session: Session, school_id: int) -> LanguageSchool:
    row = session.get(LanguageSchool, school_id)
    if row is None:
        raise NotFound(f"no language school with id {school_id}", danish="Sprogskolen findes ikke")
    return row


def _stale(what: str, row_id: int, version: int, danish: str) -> Conflict:
    return Conflict(f"{what} {row_id} was changed by someone else (version {version})", danish=danish)


def add_text(session: Session, *, school_id: int, data: CooperationIn, by: Principal) -> CooperationText:
    """A strategy or programme agreed with the school, with its period of validity."""
    get_school(session, school_id)
    row = CooperationText(school_id=school_id, **data.model_dump(), updated_by=by.user)
    row.kind = data.kind.value
    session.add(row)
    session.flush()
    return row


def texts(session: Session, *, school_id: int) -> list[CooperationText]:
    get_school(session, school_id)
    query = select(CooperationText).where(CooperationText.school_id == school_id)
    return list(session.scalars(query.order_by(CooperationText.valid_from.desc(), CooperationText.id)))


def get_text(session: Session, text_id: int, *, for_update: bool = False) -> CooperationText:
    row = session.get(CooperationText, text_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no cooperation text with id {text_id}", danish="Teksten findes ikke")
    return row


def update_text(session: Session, *, text_id: int, data: CooperationUpdate, by: Principal) -> CooperationText:
    """Edit a strategy or programme; a stale ``version`` is a conflict (no silent overwrite)."""
    row = get_text(session, text_id, for_update=True)
    if row.version != data.version:
        raise _stale(
            "cooperation text",
            text_id,
            row.version,
            "Teksten er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    valid_from = data.valid_from or row.valid_from
    valid_to = data.valid_to if "valid_to" in data.model_fields_set else row.valid_to
    if valid_to is not None and valid_to < valid_from:
        raise Invalid(
            "valid_to must not be before valid_from", field="valid_to", danish="Gyldig til ligger før gyldig fra"
        )
    row.valid_from, row.valid_to = valid_from, valid_to
    if data.title is not None:
        row.title = data.title
    if data.text is not None:
        row.text = data.text
    row.updated_by, row.updated_at = by.user, utcnow()
    session.flush()
    return row


def add_member(
    session: Session,
    *,
    school_id: int,
    data: MemberIn,
    by: Principal,
    committee: Committee = Committee.STEERING,
) -> SteeringMember:
    """A member of the steering group (styregruppe) or the business committee (forretningsudvalg)."""
    get_school(session, school_id)
    row = SteeringMember(school_id=school_id, committee=committee.value, **data.model_dump(), updated_by=by.user)
    session.add(row)
    session.flush()
    return row


def members(
    session: Session, *, school_id: int, include_left: bool = False, committee: Committee = Committee.STEERING
) -> list[SteeringMember]:
    """The body's current members; with ``include_left`` also those who have left (the history)."""
    get_school(session, school_id)
    query = select(SteeringMember).where(
        SteeringMember.school_id == school_id, SteeringMember.committee == committee.value
    )
    if not include_left:
        query = query.where(SteeringMember.left_on.is_(None))
    return list(session.scalars(query.order_by(SteeringMember.name, SteeringMember.id)))


def former_members(
    session: Session, *, school_id: int, committee: Committee = Committee.STEERING
) -> list[SteeringMember]:
    """Those who have left the body, the most recent first."""
    get_school(session, school_id)
    query = select(SteeringMember).where(
        SteeringMember.school_id == school_id,
        SteeringMember.committee == committee.value,
        SteeringMember.left_on.is_not(None),
    )
    return list(session.scalars(query.order_by(SteeringMember.left_on.desc(), SteeringMember.name, SteeringMember.id)))


def get_member(
    session: Session, member_id: int, *, for_update: bool = False, committee: Committee | None = None
) -> SteeringMember:
    """The member; with ``committee``, only a member of that body (another body's member is not found)."""
    row = session.get(SteeringMember, member_id, with_for_update=for_update)
    if row is None or (committee is not None and row.committee != committee.value):
        raise NotFound(f"no steering-group member with id {member_id}", danish="Medlemmet findes ikke")
    return row


_ENGLISH = {Committee.STEERING.value: "steering-group", Committee.BUSINESS.value: "business-committee"}


def _current_member(
    session: Session, member_id: int, version: int, committee: Committee | None = None
) -> SteeringMember:
    """The member to change: still in the body, and as the caller read it (else a conflict)."""
    row = get_member(session, member_id, for_update=True, committee=committee)
    if row.left_on is not None:
        body = COMMITTEE_DEFINITE[Committee(row.committee)]
        raise Conflict(
            f"{_ENGLISH[row.committee]} member {member_id} left the group on {row.left_on.isoformat()}",
            danish=f"Medlemmet er fratrådt {body} den {row.left_on:%d.%m.%Y}",
        )
    if row.version != version:
        raise _stale(
            "steering-group member",
            member_id,
            row.version,
            "Medlemmet er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def update_member(
    session: Session, *, member_id: int, data: MemberUpdate, by: Principal, committee: Committee | None = None
) -> SteeringMember:
    """A new name, organisation or role for a current member; a stale ``version`` is a conflict."""
    row = _current_member(session, member_id, data.version, committee)
    if data.name is not None:
        row.name = data.name
    if data.organisation is not None:
        row.organisation = data.organisation
    if data.role is not None:
        row.role = data.role
    if session.is_modified(row):
        row.updated_by = by.user
    session.flush()
    return row


def remove_member(
    session: Session, *, member_id: int, data: MemberLeave, by: Principal, committee: Committee | None = None
) -> SteeringMember:
    """The member leaves the body: off the current list from ``left_on`` (today unless told), kept as history."""
    row = _current_member(session, member_id, data.version, committee)
    left_on = data.left_on or today()
    if left_on > today():
        raise Invalid(
            "left_on must not be in the future",
            field="left_on",
            danish="Fratrædelsesdatoen kan ikke ligge i fremtiden",
        )
    row.left_on, row.updated_by = left_on, by.user
    session.flush()
    return row


def add_meeting(
    session: Session,
    *,
    school_id: int,
    data: MeetingIn,
    by: Principal,
    committee: Committee = Committee.STEERING,
) -> SteeringMeeting:
    """A meeting of the body with its agenda; minutes and decisions come after it is held."""
    get_school(session, school_id)
    row = SteeringMeeting(
        school_id=school_id, committee=committee.value, held_on=data.held_on, agenda=data.agenda, updated_by=by.user
    )
    session.add(row)
    session.flush()
    return row


def meetings(session: Session, *, school_id: int, committee: Committee = Committee.STEERING) -> list[SteeringMeeting]:
    get_school(session, school_id)
    query = select(SteeringMeeting).where(
        SteeringMeeting.school_id == school_id, SteeringMeeting.committee == committee.value
    )
    return list(session.scalars(query.order_by(SteeringMeeting.held_on.desc(), SteeringMeeting.id)))


def get_meeting(
    session: Session, meeting_id: int, *, for_update: bool = False, committee: Committee | None = None
) -> SteeringMeeting:
    row = session.get(SteeringMeeting, meeting_id, with_for_update=for_update)
    if row is None or (committee is not None and row.committee != committee.value):
        raise NotFound(f"no steering-group meeting with id {meeting_id}", danish="Mødet findes ikke")
    return row


def update_meeting(
    session: Session, *, meeting_id: int, data: MeetingUpdate, by: Principal, committee: Committee | None = None
) -> SteeringMeeting:
    """Agenda, minutes, decisions; minutes and decisions only once the meeting's day has come."""
    row = get_meeting(session, meeting_id, for_update=True, committee=committee)
    if row.version != data.version:
        raise _stale(
            "steering-group meeting",
            meeting_id,
            row.version,
            "Mødet er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if (data.minutes or data.decisions) and row.held_on > today():
        raise Conflict(
            "minutes and decisions can be written from the day of the meeting",
            danish="Referat og beslutninger kan først skrives på mødedagen",
        )
    if data.agenda is not None:
        row.agenda = data.agenda
    if data.minutes is not None:
        row.minutes = data.minutes
    if data.decisions is not None:
        row.decisions = data.decisions
    row.updated_by = by.user
    session.flush()
    return row
