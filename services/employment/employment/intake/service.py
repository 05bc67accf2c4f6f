"""Scheduling the match conversation (job-ready or activity-ready) (B1); the cases employment knows."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.intake.models import MatchConversation
from shared.errors import NotFound

# integrationsloven §16: the programme starts within a month.
DUE_AFTER_ARRIVAL = timedelta(days=14)
FAMILY_REUNIFICATION = "family_reunification_9"


def schedule(
    session: Session, *, case_id: int, case_number: str, arrival: date, residence_basis: str | None = None
) -> MatchConversation:
    """Put the case on the list to schedule; a repeat keeps the first entry."""
    row = session.get(MatchConversation, case_id)
    if row is None:
        row = MatchConversation(
            case_id=case_id,
            case_number=case_number,
            due_date=arrival + DUE_AFTER_ARRIVAL,
            arrival_date=arrival,
            residence_basis=residence_basis,
        )
        session.add(row)
        session.flush()
    return row


def pending(session: Session) -> list[MatchConversation]:
    return list(session.scalars(select(MatchConversation).order_by(MatchConversation.due_date)))


def known_case(session: Session, case_id: int, *, field: str | None = None) -> MatchConversation:
    """The case as employment knows it from reception, or a 404."""
    row = session.get(MatchConversation, case_id)
    if row is None:
        raise NotFound(f"case {case_id} is not known to employment", field=field, danish="Sagen kendes ikke")
    return row


def arrival_of(row: MatchConversation) -> date:
    """The arrival date; rows from before it was stored derive it from the due date."""
    return row.arrival_date if row.arrival_date is not None else row.due_date - DUE_AFTER_ARRIVAL


def mark_done(session: Session, *, case_id: int) -> None:
    row = session.get(MatchConversation, case_id)
    if row is not None:
        row.status = "done"


def case_numbers(session: Session) -> dict[int, str]:
    return {r.case_id: r.case_number for r in pending(session)}
