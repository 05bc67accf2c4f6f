"""Use cases for consultation cases (høringssager) and announcements (meddelelser) (C1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from council.dates import not_in_future, plausible
from council.hearings.models import Announcement, Consultation
from council.hearings.schemas import AnnouncementIn, ConsultationIn, ConsultationOut, PrepareIn, ReplyIn
from shared import clock
from shared.auth import Principal
from shared.errors import Conflict, NotFound

_STALE = "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"


def receive(session: Session, *, data: ConsultationIn) -> Consultation:
    """Register a consultation case received from a committee or department."""
    not_in_future(data.received_on, field="received_on")
    plausible(data.reply_due, field="reply_due")
    row = Consultation(
        title=data.title, from_body=data.from_body, received_on=data.received_on, reply_due=data.reply_due
    )
    session.add(row)
    session.flush()
    return row


def out(row: Consultation, today: date | None = None) -> ConsultationOut:
    """The case with ``overdue``: not answered and past its reply deadline."""
    today = today or clock.today()
    result = ConsultationOut.model_validate(row)
    result.overdue = row.status != "answered" and row.reply_due < today
    return result


def consultations(session: Session) -> list[Consultation]:
    return list(session.scalars(select(Consultation).order_by(Consultation.reply_due, Consultation.id)))


def get(session: Session, consultation_id: int, *, for_update: bool = False) -> Consultation:
    row = session.get(Consultation, consultation_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no consultation case with id {consultation_id}", danish="Høringssagen findes ikke")
    return row


def _fresh(row: Consultation, version: int) -> None:
    if row.version != version:
        raise Conflict(f"consultation {row.id} was changed by someone else (version {row.version})", danish=_STALE)


def start_preparation(session: Session, *, consultation_id: int, data: PrepareIn) -> Consultation:
    """received → in preparation."""
    row = get(session, consultation_id, for_update=True)
    _fresh(row, data.version)
    if row.status != "received":
        raise Conflict(
            f"consultation {consultation_id} is {row.status}, not received",
            danish="Høringssvaret er allerede under udarbejdelse eller besvaret",
        )
    row.status = "in_preparation"
    session.flush()
    return row


def answer(session: Session, *, consultation_id: int, data: ReplyIn) -> Consultation:
    """in preparation → answered, today; an answer after the reply deadline is recorded and flagged late."""
    row = get(session, consultation_id, for_update=True)
    _fresh(row, data.version)
    if row.status == "answered":
        raise Conflict(
            f"consultation {consultation_id} is answered already", danish="Høringssagen er allerede besvaret"
        )
    if row.status != "in_preparation":
        raise Conflict(
            f"consultation {consultation_id} must be in preparation before it is answered",
            danish="Sæt høringssvaret under udarbejdelse, før det besvares",
        )
    today = clock.today()
    row.status, row.reply, row.answered_on, row.answered_late = "answered", data.reply, today, today > row.reply_due
    session.flush()
    return row


def announce(session: Session, *, data: AnnouncementIn, by: Principal) -> Announcement:
    published_on = plausible(data.published_on or clock.today(), field="published_on")
    row = Announcement(title=data.title, text=data.text, published_on=published_on, created_by=by.user)
    session.add(row)
    session.flush()
    return row


def announcements(session: Session) -> list[Announcement]:
    return list(
        session.scalars(select(Announcement).order_by(Announcement.published_on.desc(), Announcement.id.desc()))
    )
