"""Scheduling the match conversation (job-ready or activity-ready) (B1)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.intake.models import MatchConversation

# integrationsloven §16: the programme starts within a month.
DUE_AFTER_ARRIVAL = timedelta(days=14)


def schedule(session: Session, *, case_id: int, case_number: str, arrival: date) -> MatchConversation:
    """Put the case on the list to schedule; a repeat keeps the first entry."""
    row = session.get(MatchConversation, case_id)
    if row is None:
        row = MatchConversation(case_id=case_id, case_number=case_number, due_date=arrival + DUE_AFTER_ARRIVAL)
        session.add(row)
        session.flush()
    return row


def pending(session: Session) -> list[MatchConversation]:
    return list(session.scalars(select(MatchConversation).order_by(MatchConversation.due_date)))
