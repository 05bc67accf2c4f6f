"""The statutory follow-up schedule (B8, integrationsloven §20): at least 4 conversations in the first
6 months after the programme starts, then as needed; overdue ones are announced once.

The six months count from the arrival date until reception announces the day the municipality takes
over responsibility (§4; the programme starts within a month of it, §16): then from that day."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from employment.followup.models import FollowUp
from employment.followup.schemas import FollowUpHeldIn, FollowUpOut
from employment.intake import service as intake
from employment.intake.models import MatchConversation
from shared.bus.inbox import NotYetKnown
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.employment import FollowUpOverdue
from shared.db import try_insert
from shared.errors import Conflict, Invalid

SERVICE = "employment"
# Four conversations spread over the first six months (§20: at least 4 in the first 6 months).
STATUTORY_AFTER_DAYS = (45, 90, 135, 180)
FURTHEST_AHEAD = timedelta(days=5 * 366)  # the programme lasts up to 5 years


def generate(session: Session, *, case_id: int, start: date) -> list[FollowUp]:
    """Put the statutory due dates on the case's calendar; a repeat adds nothing."""
    exists = session.scalar(select(FollowUp.id).where(FollowUp.case_id == case_id, FollowUp.kind == "statutory"))
    if exists is None:
        for days in STATUTORY_AFTER_DAYS:
            session.add(FollowUp(case_id=case_id, due_date=start + timedelta(days=days), kind="statutory"))
        session.flush()
    return schedule(session, case_id=case_id)


def rebase(session: Session, *, case_id: int, start: date) -> list[FollowUp]:
    """Count the statutory follow-ups not yet held from ``start``: the n-th is due on the n-th statutory day
    after it. Held ones stay as they were; a date another follow-up of the case has taken is left as it was."""
    if session.get(MatchConversation, case_id) is None:
        raise NotYetKnown(f"case {case_id} is not known to employment yet")
    statutory = session.scalars(
        select(FollowUp)
        .where(FollowUp.case_id == case_id, FollowUp.kind == "statutory")
        .order_by(FollowUp.due_date, FollowUp.id)
        .with_for_update()
    ).all()
    taken = {row.due_date for row in schedule(session, case_id=case_id)} - {r.due_date for r in statutory}
    for row, days in zip(statutory, STATUTORY_AFTER_DAYS, strict=False):
        due = start + timedelta(days=days)
        if row.held_on is None and row.due_date != due and due not in taken:
            row.due_date, row.overdue_announced_on = due, None  # a new date: announced again if missed
    session.flush()
    return schedule(session, case_id=case_id)


def schedule(session: Session, *, case_id: int) -> list[FollowUp]:
    return list(
        session.scalars(select(FollowUp).where(FollowUp.case_id == case_id).order_by(FollowUp.due_date, FollowUp.id))
    )


def for_case(session: Session, *, case_id: int) -> list[FollowUp]:
    """The case's schedule (generated now if the case came before B8)."""
    case = intake.known_case(session, case_id)
    return generate(session, case_id=case_id, start=intake.arrival_of(case))


def add(session: Session, *, case_id: int, due_date: date) -> FollowUp:
    """One more follow-up, as needed."""
    intake.known_case(session, case_id)
    if not today() <= due_date <= today() + FURTHEST_AHEAD:
        raise Invalid(
            "due_date must be today or later and within five years",
            field="due_date",
            danish="Fristen skal ligge fra i dag og højst fem år frem",
        )
    row = FollowUp(case_id=case_id, due_date=due_date, kind="as_needed")
    if not try_insert(session, row):
        raise Conflict(
            f"case {case_id} has a follow-up due on {due_date} already",
            field="due_date",
            danish="Sagen har allerede en opfølgning med denne frist",
        )
    return row


def record_held(session: Session, *, case_id: int, data: FollowUpHeldIn) -> FollowUp:
    """A follow-up conversation held fills the case's earliest open due date (or is recorded as needed)."""
    case = intake.known_case(session, case_id)
    if data.held_on > today():
        raise Invalid("held_on must not be in the future", field="held_on", danish="Datoen må ikke ligge i fremtiden")
    if data.held_on < intake.arrival_of(case) - timedelta(days=31):
        raise Invalid(
            "held_on is before the programme started",
            field="held_on",
            danish="Datoen ligger før forløbet begyndte",
        )
    for_case(session, case_id=case_id)
    row = session.scalar(
        select(FollowUp)
        .where(FollowUp.case_id == case_id, FollowUp.held_on.is_(None))
        .order_by(FollowUp.due_date, FollowUp.id)
        .limit(1)
        .with_for_update()
    )
    if row is None:
        taken = session.scalar(
            select(FollowUp.id).where(FollowUp.case_id == case_id, FollowUp.due_date == data.held_on)
        )
        if taken is not None:
            raise Conflict(
                f"case {case_id} has a follow-up on {data.held_on} already",
                field="held_on",
                danish="Der er allerede registreret en opfølgning på denne dato",
            )
        row = FollowUp(case_id=case_id, due_date=data.held_on, kind="as_needed")
        session.add(row)
    row.held_on, row.held_by, row.note = data.held_on, data.held_by, data.note
    session.flush()
    return row


def is_overdue(row: FollowUp, on: date) -> bool:
    return row.held_on is None and row.due_date < on


def out(row: FollowUp, on: date | None = None) -> FollowUpOut:
    result = FollowUpOut.model_validate(row)
    result.overdue = is_overdue(row, on or today())
    return result


def overdue(session: Session) -> list[FollowUp]:
    """Every follow-up whose due date has passed without a conversation, oldest first."""
    return list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.held_on.is_(None), FollowUp.due_date < today())
            .order_by(FollowUp.due_date, FollowUp.case_id)
        )
    )


def upcoming(session: Session, *, days: int = 30) -> list[FollowUp]:
    on = today()
    return list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.held_on.is_(None), FollowUp.due_date >= on, FollowUp.due_date <= on + timedelta(days=days))
            .order_by(FollowUp.due_date, FollowUp.case_id)
        )
    )


def ensure_schedules(session: Session) -> int:
    """Give every known case without a statutory schedule (cases from before B8) its due dates."""
    scheduled = select(FollowUp.case_id).where(FollowUp.kind == "statutory")
    missing = session.scalars(select(MatchConversation).where(MatchConversation.case_id.not_in(scheduled))).all()
    for case in missing:
        generate(session, case_id=case.case_id, start=intake.arrival_of(case))
    return len(missing)


def announce_overdue(factory: sessionmaker[Session]) -> int:
    """Periodic: publish employment.follow_up_overdue once per overdue due date (idempotent)."""
    on = today()
    announced = 0
    with factory.begin() as session:
        ensure_schedules(session)
        rows = session.scalars(
            select(FollowUp)
            .where(FollowUp.held_on.is_(None), FollowUp.due_date < on, FollowUp.overdue_announced_on.is_(None))
            .with_for_update()
        ).all()
        for row in rows:
            row.overdue_announced_on = on
            publish(
                session,
                FollowUpOverdue(
                    case_id=row.case_id,
                    follow_up_id=row.id,
                    due_date=row.due_date,
                    days_overdue=(on - row.due_date).days,
                ),
                producer=SERVICE,
            )
            announced += 1
    return announced
