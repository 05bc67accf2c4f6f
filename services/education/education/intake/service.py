"""Scheduling the language assessment and referral to the language school (E1)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.intake.models import LanguageAssessment

# danskuddannelsesloven §5: Danish education offered to start within a month.
DUE_AFTER_ARRIVAL = timedelta(days=30)


def schedule(session: Session, *, case_id: int, case_number: str, arrival: date) -> LanguageAssessment:
    """Put the case on the list to schedule; a repeat keeps the first entry."""
    row = session.get(LanguageAssessment, case_id)
    if row is None:
        row = LanguageAssessment(case_id=case_id, case_number=case_number, due_date=arrival + DUE_AFTER_ARRIVAL)
        session.add(row)
        session.flush()
    return row


def pending(session: Session) -> list[LanguageAssessment]:
    return list(session.scalars(select(LanguageAssessment).order_by(LanguageAssessment.due_date)))
