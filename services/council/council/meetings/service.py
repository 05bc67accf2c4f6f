"""Use cases for the council's members and meetings: agenda, minutes, approval (C1)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from council.dates import check_within_term, plausible
from council.meetings.models import AgendaItem, Meeting, Member
from council.meetings.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    AgendaOrder,
    ApproveIn,
    MeetingIn,
    MeetingOut,
    MemberIn,
    MemberUpdate,
    MinutesIn,
    Role,
)
from shared.auth import Principal
from shared.clock import today
from shared.db import utcnow
from shared.errors import Conflict, Invalid, NotFound

# Rødovre's standing orders: 7–11 citizen members.
MAX_MEMBERS = 11
_STALE = "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"


def _check_term(session: Session, *, member_id: int | None, data: MemberIn) -> None:
    plausible(data.term_start, field="term_start")
    check_within_term(data.term_start, data.term_end)
    overlapping = select(Member).where(Member.term_start <= data.term_end, Member.term_end >= data.term_start)
    if member_id is not None:
        overlapping = overlapping.where(Member.id != member_id)
    others = list(session.scalars(overlapping))
    if member_id is None and len(others) >= MAX_MEMBERS:
        raise Conflict(
            f"the council has {MAX_MEMBERS} members in this period already (standing orders: 7–11)",
            danish=f"Rådet har allerede {MAX_MEMBERS} medlemmer i perioden (forretningsordenen: 7–11)",
        )
    if data.role != Role.MEMBER and any(m.role == data.role for m in others):
        label = "formand" if data.role == Role.CHAIR else "næstformand"
        raise Conflict(
            f"the council has a {data.role.value} in this period already",
            field="role",
            danish=f"Rådet har allerede en {label} i perioden",
        )


def add_member(session: Session, *, data: MemberIn) -> Member:
    """A member for a term; at most 11 at a time, one chair and one vice-chair."""
    _check_term(session, member_id=None, data=data)
    row = Member(
        name=data.name,
        organisation=data.organisation,
        role=data.role.value,
        term_start=data.term_start,
        term_end=data.term_end,
    )
    session.add(row)
    session.flush()
    return row


def members(session: Session) -> list[Member]:
    return list(session.scalars(select(Member).order_by(Member.term_start.desc(), Member.name)))


def get_member(session: Session, member_id: int, *, for_update: bool = False) -> Member:
    row = session.get(Member, member_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no member with id {member_id}", danish="Medlemmet findes ikke")
    return row


def update_member(session: Session, *, member_id: int, data: MemberUpdate) -> Member:
    """Role, organisation or end of term; a stale ``version`` is refused."""
    row = get_member(session, member_id, for_update=True)
    if row.version != data.version:
        raise Conflict(f"member {member_id} was changed by someone else (version {row.version})", danish=_STALE)
    term_end = data.term_end or row.term_end
    if term_end <= row.term_start:
        raise Invalid(
            "term_end must be after term_start",
            field="term_end",
            danish="Periodens slutdato skal ligge efter startdatoen",
        )
    changed = MemberIn(
        name=row.name,
        organisation=data.organisation or row.organisation,
        role=data.role or Role(row.role),
        term_start=row.term_start,
        term_end=term_end,
    )
    _check_term(session, member_id=member_id, data=changed)
    row.organisation, row.role, row.term_end = changed.organisation, changed.role.value, changed.term_end
    session.flush()
    return row


def create_meeting(session: Session, *, data: MeetingIn) -> Meeting:
    plausible(data.meeting_date, field="meeting_date")
    row = Meeting(meeting_date=data.meeting_date, place=data.place)
    session.add(row)
    session.flush()
    return row


def get_meeting(session: Session, meeting_id: int, *, for_update: bool = False) -> Meeting:
    row = session.get(Meeting, meeting_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no meeting with id {meeting_id}", danish="Mødet findes ikke")
    return row


def meetings(session: Session) -> list[Meeting]:
    return list(session.scalars(select(Meeting).order_by(Meeting.meeting_date.desc(), Meeting.id.desc())))


def items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))
    )


def meeting_out(session: Session, meeting: Meeting) -> MeetingOut:
    return MeetingOut(
        id=meeting.id,
        meeting_date=meeting.meeting_date,
        place=meeting.place,
        minutes_approved_at=meeting.minutes_approved_at,
        minutes_approved_by=meeting.minutes_approved_by,
        version=meeting.version,
        items=[AgendaItemOut.model_validate(i) for i in items(session, meeting.id)],
    )


def _open(meeting: Meeting) -> None:
    if meeting.minutes_approved_at is not None:
        raise Conflict(
            f"the minutes of meeting {meeting.id} are approved and published; they cannot be changed",
            danish="Referatet er godkendt og offentliggjort og kan ikke ændres",
        )


def add_item(session: Session, *, meeting_id: int, data: AgendaItemIn) -> AgendaItem:
    """An agenda item at the end of the agenda."""
    meeting = get_meeting(session, meeting_id, for_update=True)
    _open(meeting)
    last = session.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)) or 0
    row = AgendaItem(
        meeting_id=meeting_id, position=last + 1, title=data.title, description=data.description, kind=data.kind.value
    )
    session.add(row)
    session.flush()
    return row


def reorder(session: Session, *, meeting_id: int, data: AgendaOrder) -> list[AgendaItem]:
    """Put the agenda in the given order: every item of the meeting exactly once."""
    meeting = get_meeting(session, meeting_id, for_update=True)
    _open(meeting)
    current = {i.id: i for i in items(session, meeting_id)}
    if sorted(data.item_ids) != sorted(current):
        raise Invalid(
            "item_ids must list every agenda item of the meeting exactly once",
            field="item_ids",
            danish="Angiv hvert punkt på dagsordenen præcis én gang",
        )
    for item in current.values():  # out of the way of the unique (meeting, position) first
        item.position = -item.position
    session.flush()
    for position, item_id in enumerate(data.item_ids, start=1):
        current[item_id].position = position
    session.flush()
    return items(session, meeting_id)


def get_item(session: Session, item_id: int) -> AgendaItem:
    row = session.get(AgendaItem, item_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no agenda item with id {item_id}", danish="Dagsordenspunktet findes ikke")
    return row


def write_minutes(session: Session, *, item_id: int, data: MinutesIn) -> AgendaItem:
    """The minutes of one item; refused once the meeting's minutes are approved, or on a stale version."""
    row = get_item(session, item_id)
    _open(get_meeting(session, row.meeting_id, for_update=True))
    if row.version != data.version:
        raise Conflict(f"agenda item {item_id} was changed by someone else (version {row.version})", danish=_STALE)
    row.minutes = data.minutes
    session.flush()
    return row


def approve_minutes(session: Session, *, meeting_id: int, data: ApproveIn, by: Principal) -> Meeting:
    """Approve and publish the minutes: the meeting has been held and every item has its minutes."""
    meeting = get_meeting(session, meeting_id, for_update=True)
    _open(meeting)
    if meeting.version != data.version:
        raise Conflict(f"meeting {meeting_id} was changed by someone else (version {meeting.version})", danish=_STALE)
    if meeting.meeting_date > today():
        raise Invalid("the meeting has not been held yet", danish="Mødet er ikke afholdt endnu")
    agenda = items(session, meeting_id)
    if not agenda:
        raise Invalid("the meeting has no agenda items", danish="Mødet har ingen punkter på dagsordenen")
    missing = [i.position for i in agenda if not i.minutes]
    if missing:
        raise Invalid(
            f"agenda items {missing} have no minutes",
            danish="Skriv referat til alle punkter først (mangler: " + ", ".join(f"punkt {p}" for p in missing) + ")",
        )
    meeting.minutes_approved_at, meeting.minutes_approved_by = utcnow(), by.user
    session.flush()
    return meeting
