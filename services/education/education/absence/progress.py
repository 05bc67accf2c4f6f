"""Progression and follow-up on absence (E4): module tests passed, follow-up conversations (opfølgningssamtaler)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.absence.models import AbsenceReport, FollowUpConversation, ModuleTest
from education.absence.schemas import FollowUpIn, FollowUpUpdate, ModuleTestIn
from education.intake.service import known_case
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.education import AbsenceFollowedUp
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "education"
# A conversation planned further ahead than this is a typing error.
LATEST_PLAN = timedelta(days=365)


def pass_module(session: Session, *, case_id: int, data: ModuleTestIn, by: Principal) -> ModuleTest:
    """Register a passed module test; each module of a track is passed once."""
    known_case(session, case_id)
    if data.passed_on > today():
        raise Invalid(
            "passed_on must not be in the future", field="passed_on", danish="Datoen må ikke ligge i fremtiden"
        )
    row = ModuleTest(
        case_id=case_id, track=data.track.value, module=data.module, passed_on=data.passed_on, registered_by=by.user
    )
    if not try_insert(session, row):
        raise Conflict(
            f"module {data.module} of {data.track.value} is registered as passed already",
            field="module",
            danish="Modultesten er allerede registreret som bestået",
        )
    return row


def module_tests(session: Session, *, case_id: int) -> list[ModuleTest]:
    query = select(ModuleTest).where(ModuleTest.case_id == case_id)
    return list(session.scalars(query.order_by(ModuleTest.track, ModuleTest.module)))


def get_absence(session: Session, absence_id: int) -> AbsenceReport:
    row = session.get(AbsenceReport, absence_id)
    if row is None:
        raise NotFound(f"no absence with id {absence_id}", danish="Fraværet findes ikke")
    return row


def follow_up_of(session: Session, absence_id: int) -> FollowUpConversation | None:
    return session.scalar(select(FollowUpConversation).where(FollowUpConversation.absence_id == absence_id))


def _check_plan(absence: AbsenceReport, planned_on: date) -> None:
    if planned_on < absence.period_end or planned_on > today() + LATEST_PLAN:
        raise Invalid(
            "planned_on must be between the end of the absence period and a year from today",
            field="planned_on",
            danish="Datoen skal ligge mellem fraværsperiodens slutning og et år frem",
        )


def plan_follow_up(session: Session, *, absence_id: int, data: FollowUpIn, by: Principal) -> FollowUpConversation:
    """Plan the follow-up conversation on an absence; one conversation per absence line."""
    absence = get_absence(session, absence_id)
    _check_plan(absence, data.planned_on)
    row = FollowUpConversation(
        absence_id=absence_id, case_id=absence.case_id, planned_on=data.planned_on, updated_by=by.user
    )
    if not try_insert(session, row):
        raise Conflict(
            f"absence {absence_id} has a follow-up conversation already",
            danish="Fraværet har allerede en opfølgningssamtale",
        )
    return row


def get_follow_up(session: Session, follow_up_id: int, *, for_update: bool = False) -> FollowUpConversation:
    row = session.get(FollowUpConversation, follow_up_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no follow-up conversation with id {follow_up_id}", danish="Opfølgningssamtalen findes ikke")
    return row


def update_follow_up(
    session: Session, *, follow_up_id: int, data: FollowUpUpdate, by: Principal
) -> FollowUpConversation:
    """Move the planned date or record the conversation as held; held publishes ``education.absence_followed_up``."""
    row = get_follow_up(session, follow_up_id, for_update=True)
    if row.version != data.version:
        raise Conflict(
            f"follow-up conversation {follow_up_id} was changed by someone else (version {row.version})",
            danish="Samtalen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if row.held_on is not None:
        raise Conflict(
            "the conversation is recorded as held already", danish="Samtalen er allerede registreret som afholdt"
        )
    absence = get_absence(session, row.absence_id)
    if data.planned_on is not None:
        _check_plan(absence, data.planned_on)
        row.planned_on = data.planned_on
    if data.held_on is not None:
        if data.held_on > today() or data.held_on < absence.period_end:
            raise Invalid(
                "held_on must be between the end of the absence period and today",
                field="held_on",
                danish="Datoen skal ligge mellem fraværsperiodens slutning og i dag",
            )
        row.held_on, row.summary = data.held_on, data.summary
        row.sanction_recommended = bool(data.sanction_recommended)
        publish(
            session,
            AbsenceFollowedUp(
                case_id=row.case_id,
                absence_id=row.absence_id,
                held_on=data.held_on,
                sanction_recommended=row.sanction_recommended,
            ),
            producer=SERVICE,
        )
    row.updated_by = by.user
    session.flush()
    return row


def without_follow_up(session: Session) -> list[tuple[AbsenceReport, FollowUpConversation | None]]:
    """Absences with unexcused hours whose follow-up conversation is not held yet (planned or not)."""
    query = (
        select(AbsenceReport, FollowUpConversation)
        .outerjoin(FollowUpConversation, FollowUpConversation.absence_id == AbsenceReport.id)
        .where(AbsenceReport.absent_hours > AbsenceReport.excused_hours, FollowUpConversation.held_on.is_(None))
        .order_by(AbsenceReport.period_end, AbsenceReport.id)
    )
    return [(a, f) for a, f in session.execute(query)]
