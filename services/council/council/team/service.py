"""Use cases for the coordinating team (C4): meetings, agenda, actions, overdue actions, one meeting a month."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from council.dates import plausible
from council.team.models import TeamAction, TeamAgendaItem, TeamMeeting, TeamParticipant
from council.team.schemas import (
    MonthlyCheckOut,
    MonthOut,
    ParticipantOut,
    TeamActionIn,
    TeamActionOut,
    TeamActionUpdate,
    TeamItemIn,
    TeamItemOut,
    TeamMeetingIn,
    TeamMeetingOut,
)
from shared import clock
from shared.auth import Principal
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

MAX_MONTHS = 60


def create_meeting(session: Session, *, data: TeamMeetingIn, by: Principal) -> TeamMeeting:
    plausible(data.meeting_date, field="meeting_date")
    row = TeamMeeting(meeting_date=data.meeting_date, created_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            f"the team meets on {data.meeting_date.isoformat()} already",
            field="meeting_date",
            danish="Der er allerede et møde den dag",
        )
    for p in data.participants:
        session.add(TeamParticipant(meeting_id=row.id, department=p.department.value, name=p.name))
    session.flush()
    return row


def get_meeting(session: Session, meeting_id: int) -> TeamMeeting:
    row = session.get(TeamMeeting, meeting_id)
    if row is None:
        raise NotFound(f"no team meeting with id {meeting_id}", danish="Mødet findes ikke")
    return row


def meetings(session: Session) -> list[TeamMeeting]:
    return list(session.scalars(select(TeamMeeting).order_by(TeamMeeting.meeting_date.desc())))


def action_out(row: TeamAction, today: date | None = None) -> TeamActionOut:
    out = TeamActionOut.model_validate(row)
    out.overdue = row.status == "open" and row.due_on < (today or clock.today())
    return out


def meeting_out(session: Session, meeting: TeamMeeting) -> TeamMeetingOut:
    participants = session.scalars(
        select(TeamParticipant).where(TeamParticipant.meeting_id == meeting.id).order_by(TeamParticipant.id)
    )
    items = session.scalars(
        select(TeamAgendaItem).where(TeamAgendaItem.meeting_id == meeting.id).order_by(TeamAgendaItem.position)
    )
    actions = session.scalars(select(TeamAction).where(TeamAction.meeting_id == meeting.id).order_by(TeamAction.id))
    return TeamMeetingOut(
        id=meeting.id,
        meeting_date=meeting.meeting_date,
        participants=[ParticipantOut.model_validate(p) for p in participants],
        items=[TeamItemOut.model_validate(i) for i in items],
        actions=[action_out(a) for a in actions],
    )


def add_item(session: Session, *, meeting_id: int, data: TeamItemIn) -> TeamAgendaItem:
    get_meeting(session, meeting_id)
    last = session.scalar(select(func.max(TeamAgendaItem.position)).where(TeamAgendaItem.meeting_id == meeting_id))
    row = TeamAgendaItem(meeting_id=meeting_id, position=(last or 0) + 1, title=data.title, notes=data.notes)
    session.add(row)
    session.flush()
    return row


def add_action(session: Session, *, meeting_id: int, data: TeamActionIn) -> TeamAction:
    """An action agreed at the meeting; it cannot be due before the meeting."""
    meeting = get_meeting(session, meeting_id)
    plausible(data.due_on, field="due_on")
    if data.due_on < meeting.meeting_date:
        raise Invalid("due_on is before the meeting", field="due_on", danish="Fristen ligger før mødet")
    row = TeamAction(meeting_id=meeting_id, text=data.text, owner=data.owner.value, due_on=data.due_on)
    session.add(row)
    session.flush()
    return row


def update_action(session: Session, *, action_id: int, data: TeamActionUpdate) -> TeamAction:
    """Mark an action done (or open again); a stale ``version`` is refused."""
    row = session.get(TeamAction, action_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no action with id {action_id}", danish="Opgaven findes ikke")
    if row.version != data.version:
        raise Conflict(
            f"action {action_id} was changed by someone else (version {row.version})",
            danish="Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    row.status = data.status.value
    row.done_on = clock.today() if data.status == "done" else None
    session.flush()
    return row


def overdue(session: Session, *, today: date | None = None) -> list[TeamActionOut]:
    """Open actions past their due date, across all meetings, oldest first."""
    today = today or clock.today()
    rows = session.scalars(
        select(TeamAction)
        .where(TeamAction.status == "open", TeamAction.due_on < today)
        .order_by(TeamAction.due_on, TeamAction.id)
    )
    return [action_out(r, today) for r in rows]


def _month_index(text: str, field: str) -> int:
    try:
        year, month = (int(part) for part in text.split("-"))
        if len(text) != 7 or not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise ValueError(text)
    except ValueError as exc:
        raise Invalid(f"{field} must be a month as YYYY-MM", field=field, danish="Skriv en måned som ÅÅÅÅ-MM") from exc
    return year * 12 + month - 1


def monthly_check(session: Session, *, from_month: str | None = None, to_month: str | None = None) -> MonthlyCheckOut:
    """Each month from ``from_month`` to ``to_month`` (default: the last 12 months) and its meetings; months
    without a meeting are flagged."""
    today = clock.today()
    last = _month_index(to_month, "to_month") if to_month else today.year * 12 + today.month - 1
    first = _month_index(from_month, "from_month") if from_month else last - 11
    if first > last:
        raise Invalid(
            "from_month is after to_month", field="from_month", danish="Startmåneden ligger efter slutmåneden"
        )
    if last - first >= MAX_MONTHS:
        raise Invalid(
            f"at most {MAX_MONTHS} months at a time", field="from_month", danish=f"Højst {MAX_MONTHS} måneder ad gangen"
        )
    start, end = date(first // 12, first % 12 + 1, 1), date((last + 1) // 12, (last + 1) % 12 + 1, 1)
    counts: dict[str, int] = {}
    for day in session.scalars(
        select(TeamMeeting.meeting_date).where(TeamMeeting.meeting_date >= start, TeamMeeting.meeting_date < end)
    ):
        counts[f"{day:%Y-%m}"] = counts.get(f"{day:%Y-%m}", 0) + 1
    months = []
    for index in range(first, last + 1):
        key = f"{index // 12:04d}-{index % 12 + 1:02d}"
        months.append(MonthOut(month=key, meetings=counts.get(key, 0), missing=key not in counts))
    return MonthlyCheckOut(
        from_month=months[0].month,
        to_month=months[-1].month,
        months=months,
        missing=[m.month for m in months if m.missing],
    )
