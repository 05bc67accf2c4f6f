"""Registering absence lists (E4); unexcused absence goes to reception, where Økonomisk Team decides."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.absence.models import AbsenceDay, AbsenceReport
from education.absence.progress import module_tests as module_tests  # for the assessment page (intake)
from education.absence.schemas import AbsenceIn
from education.intake.models import LanguageAssessment
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.education import AbsenceReported, AbsentDay
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "education"


def register(session: Session, *, data: AbsenceIn, by: Principal) -> AbsenceReport:
    """Register one line of an absence list; unexcused hours publish ``education.absence_reported``."""
    if session.get(LanguageAssessment, data.case_id) is None:  # education knows the cases reception opened
        raise NotFound(f"case {data.case_id} is not known to education", field="case_id", danish="Sagen kendes ikke")
    if data.period_end > today():
        raise Invalid("the period has not ended yet", field="period_end", danish="Perioden er ikke slut endnu")
    future = [day.on for day in data.absent_days or () if day.on > today()]
    if future:
        raise Invalid(
            f"{future[0].isoformat()} is in the future",
            field="absent_days",
            danish=f"Fraværsdagen {future[0]:%d.%m.%Y} ligger i fremtiden",
        )
    row = AbsenceReport(
        **data.model_dump(exclude={"absent_days"}), days_dated=data.absent_days is not None, reported_by=by.user
    )
    if not try_insert(session, row):
        raise Conflict(
            "this absence list line is registered already",
            danish="Fraværet for denne periode og dette hold er allerede registreret",
        )
    for day in data.absent_days or ():
        session.add(AbsenceDay(absence_id=row.id, on=day.on, hours=day.hours))
    session.flush()
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
                absent_days=[AbsentDay(on=on, hours=hours) for on, hours in days_of(session, row)],
            ),
            producer=SERVICE,
        )
    return row


def days_of(session: Session, row: AbsenceReport) -> list[tuple[date, int]]:
    """The line's days of unexcused absence, (day, hours), earliest first.

    An undated line (registered without days) has its unexcused hours dated at the period's first day: the
    assumption most favourable to the citizen on both counts. The earliest day is the likeliest to lie
    before the written guidance (hours before it are never deducted, aktivloven § 35, stk. 1), and its
    3-month deduction window (§ 35, stk. 3) closes first."""
    if not row.days_dated:
        unexcused = row.absent_hours - row.excused_hours
        return [(row.period_start, unexcused)] if unexcused > 0 else []
    query = select(AbsenceDay).where(AbsenceDay.absence_id == row.id).order_by(AbsenceDay.on)
    return [(day.on, day.hours) for day in session.scalars(query)]


def for_case(session: Session, *, case_id: int) -> list[AbsenceReport]:
    query = select(AbsenceReport).where(AbsenceReport.case_id == case_id)
    return list(session.scalars(query.order_by(AbsenceReport.period_start, AbsenceReport.id)))
