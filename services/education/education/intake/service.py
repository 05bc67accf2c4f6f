"""Scheduling the language assessment and referral to the language school (E1)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.intake.models import LanguageAssessment
from shared.errors import NotFound

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


def known_case(session: Session, case_id: int, *, for_update: bool = False) -> LanguageAssessment:
    """The case as education knows it (from reception's ``case_opened``), or a 404."""
    row = session.get(LanguageAssessment, case_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"case {case_id} is not known to education", field="case_id", danish="Sagen kendes ikke")
    return row


def case_numbers(session: Session) -> dict[int, str]:
    """Case id → case number, for the pages (education holds no names)."""
    rows = session.execute(select(LanguageAssessment.case_id, LanguageAssessment.case_number))
    return {row.case_id: row.case_number for row in rows}
