"""Registering absence lists (E4); unexcused absence goes to reception, where Økonomisk Team decides."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.absence.models import AbsenceReport
from education.absence.progress import module_tests as module_tests  # for the assessment page (intake)
from education.absence.schemas import AbsenceIn
from education.intake.models import LanguageAssessment
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.education import AbsenceReported
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "education"


def register(session: Session, *, data: AbsenceIn, by: Principal) -> AbsenceReport:
    """Register one line of an absence list; unexcused hours publish ``education.absence_reported``."""
    if session.get(LanguageAssessment, data.case_id) is None:  # education knows the cases reception opened
        raise NotFound(f"case {data.case_id} is not known to education", field="case_id", danish="Sagen kendes ikke")
    if data.period_end > today():
        raise Invalid("the period has not ended yet", field="period_end", danish="Perioden er ikke slut endnu")
    row = AbsenceReport(**data.model_dump(), reported_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            "this absence list line is registered already",
            danish="Fraværet for denne periode og dette hold er allerede registreret",
        )
    unexcused = data.absent_hours - data.excused_hours
    if unexcused > 0:
        publish(
            session,
            AbsenceReported(
                case_id=row.case_id,
                absence_id=row.id,
                course=row.course,
                period_start=row.period_start,
                period_end=row.period_end,
                planned_hours=row.planned_hours,
                absent_hours=unexcused,
            ),
            producer=SERVICE,
        )
    return row


def for_case(session: Session, *, case_id: int) -> list[AbsenceReport]:
    query = select(AbsenceReport).where(AbsenceReport.case_id == case_id)
    return list(session.scalars(query.order_by(AbsenceReport.period_start, AbsenceReport.id)))
