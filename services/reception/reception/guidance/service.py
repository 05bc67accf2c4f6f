"""Use cases for the local-area tour and the guidance log (R6)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.service import get_case
from reception.guidance.models import GuidanceEntry, LocalTour
from reception.guidance.schemas import GuidanceIn, TourDoneIn, TourIn
from shared.auth import Principal
from shared.clock import today
from shared.errors import Conflict, Invalid, NotFound


def book_tour(session: Session, *, case_id: int, data: TourIn) -> LocalTour:
    """Book (or move) the tour of the local area."""
    get_case(session, case_id=case_id)
    if data.booked_for < today():
        raise Invalid("the tour cannot be booked in the past", field="booked_for", danish="Datoen ligger i fortiden")
    tour = session.get(LocalTour, case_id, with_for_update=True)
    if tour is not None and tour.done_on is not None:
        raise Conflict("the tour has taken place already", danish="Rundturen er allerede gennemført")
    if tour is None:
        tour = LocalTour(case_id=case_id, booked_for=data.booked_for, guide=data.guide)
        session.add(tour)
    else:
        tour.booked_for, tour.guide = data.booked_for, data.guide
    session.flush()
    return tour


def tour_done(session: Session, *, case_id: int, data: TourDoneIn) -> LocalTour:
    tour = session.get(LocalTour, case_id, with_for_update=True)
    if tour is None:
        raise NotFound(f"no tour is booked for case {case_id}", danish="Der er ikke booket en rundtur")
    if data.done_on > today():
        raise Invalid("done_on cannot be in the future", field="done_on", danish="Datoen ligger i fremtiden")
    tour.done_on, tour.notes = data.done_on, data.notes or None
    session.flush()
    return tour


def get_tour(session: Session, *, case_id: int) -> LocalTour | None:
    return session.get(LocalTour, case_id)


def log_guidance(session: Session, *, case_id: int, data: GuidanceIn, by: Principal) -> GuidanceEntry:
    get_case(session, case_id=case_id)
    if data.on > today():
        raise Invalid("the conversation cannot be in the future", field="on", danish="Datoen ligger i fremtiden")
    row = GuidanceEntry(
        case_id=case_id,
        on=data.on,
        channel=data.channel.value,
        topic=data.topic,
        interpreter=data.interpreter or None,
        language=data.language or None,
        note=data.note or None,
        by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def guidance_log(session: Session, *, case_id: int) -> list[GuidanceEntry]:
    get_case(session, case_id=case_id)
    query = select(GuidanceEntry).where(GuidanceEntry.case_id == case_id)
    return list(session.scalars(query.order_by(GuidanceEntry.on.desc(), GuidanceEntry.id.desc())))
