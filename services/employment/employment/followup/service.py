"""The statutory follow-up schedule (B8, integrationsloven § 20, stk. 1): at least 4 conversations in the first
6 months after the § 17 visitation (B1, the match conversation, finalised), then as needed, and every 12 months
for a person in ordinary work or education without benefit (B7); overdue ones are announced once.

The dates come from shared.law (``followups_due``, ``yearly_followup_due``) and are stored with the rule and why.
Until the visitation is completed the four dates are interim, counted from the responsibility day (§ 4) or,
before reception announces it, from the arrival, and their why says so; the visitation moves them."""

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
from shared.law import integrationsloven
from shared.law.calendar import dk_long

SERVICE = "employment"
FURTHEST_AHEAD = timedelta(days=5 * 366)  # the programme lasts up to 5 years
# B7's kinds that are ordinary work or ordinary education without benefit (§ 20, stk. 1, 5. pkt.).
YEARLY_KINDS = {"job", "su"}  # selfsufficiency.schemas.SelfSufficiencyKind.JOB / SU


def statutory_dates(case: MatchConversation) -> list[tuple[date, str, str]]:
    """The four § 20 dates of the case with the rule and the why of each: from the § 17 visitation when it is
    completed, else interim from the responsibility day (or the arrival) and said so."""
    if case.visitation_completed_on is not None:
        law = integrationsloven.followups_due(case.visitation_completed_on)
        return [(due, law.rule, f"Samtale {n} af 4. {law.explanation}") for n, due in enumerate(law.due, 1)]
    if case.responsibility_from is not None:
        start, basis = case.responsibility_from, "den dag, kommunen overtog ansvaret (§ 4),"
    else:
        start, basis = intake.arrival_of(case), "den forventede ankomst"
    law = integrationsloven.followups_due(start)
    return [
        (
            due,
            law.rule,
            f"Samtale {n} af 4. Foreløbig frist: visitationen efter § 17 (matchsamtalen) er ikke afsluttet endnu, "
            f"og opfølgningen efter § 20, stk. 1 regnes fra den. Indtil da regnes datoerne fra {basis} "
            f"{dk_long(start)}, som om visitationen var afsluttet den dag: samtale {n} senest {dk_long(due)}. "
            f"Datoerne regnes igen, når visitationen er afsluttet.",
        )
        for n, due in enumerate(law.due, 1)
    ]


def generate(session: Session, *, case_id: int) -> list[FollowUp]:
    """Put the statutory due dates on the case's calendar; a repeat adds nothing."""
    exists = session.scalar(select(FollowUp.id).where(FollowUp.case_id == case_id, FollowUp.kind == "statutory"))
    if exists is None:
        case = intake.known_case(session, case_id)
        for due, rule, why in statutory_dates(case):
            session.add(FollowUp(case_id=case_id, due_date=due, kind="statutory", due_rule=rule, due_why=why))
        session.flush()
    return schedule(session, case_id=case_id)


def reschedule(session: Session, *, case_id: int) -> list[FollowUp]:
    """Count the statutory follow-ups not yet held again from what the case knows now (the visitation, else the
    responsibility day, else the arrival): the n-th open one gets the n-th date, its rule and why. Held ones stay
    as they were; a date another follow-up of the case has taken is left as it was. Idempotent."""
    case = session.get(MatchConversation, case_id)
    if case is None:
        raise NotYetKnown(f"case {case_id} is not known to employment yet")
    generate(session, case_id=case_id)
    statutory = session.scalars(
        select(FollowUp)
        .where(FollowUp.case_id == case_id, FollowUp.kind == "statutory")
        .order_by(FollowUp.due_date, FollowUp.id)
        .with_for_update()
    ).all()
    taken = {row.due_date for row in schedule(session, case_id=case_id)} - {r.due_date for r in statutory}
    for row, (due, rule, why) in zip(statutory, statutory_dates(case), strict=False):
        if row.held_on is not None or due in taken:
            continue
        if row.due_date != due:
            row.due_date, row.overdue_announced_on = due, None  # a new date: announced again if missed
        row.due_rule, row.due_why = rule, why
    session.flush()
    return schedule(session, case_id=case_id)


def add_yearly(session: Session, *, case_id: int, last: date) -> FollowUp | None:
    """§ 20, stk. 1, 5. pkt.: the next follow-up 12 months after ``last`` (the last follow-up or the day the
    person became self-supporting); none when an open yearly one exists or the date is taken."""
    open_yearly = session.scalar(
        select(FollowUp.id).where(FollowUp.case_id == case_id, FollowUp.kind == "yearly", FollowUp.held_on.is_(None))
    )
    if open_yearly is not None:
        return None
    law = integrationsloven.yearly_followup_due(last)
    row = FollowUp(case_id=case_id, due_date=law.due, kind="yearly", due_rule=law.rule, due_why=law.explanation)
    return row if try_insert(session, row) else None


def self_supporting(session: Session, *, case_id: int, kind: str, effective_from: date) -> FollowUp | None:
    """B7 reported: in ordinary work (job) or education (SU) without benefit the follow-up is every 12 months,
    counted from the last follow-up held or the day of self-sufficiency, whichever is later."""
    if kind not in YEARLY_KINDS:
        return None
    held = [r.held_on for r in schedule(session, case_id=case_id) if r.held_on is not None]
    return add_yearly(session, case_id=case_id, last=max([effective_from, *held]))


def schedule(session: Session, *, case_id: int) -> list[FollowUp]:
    return list(
        session.scalars(select(FollowUp).where(FollowUp.case_id == case_id).order_by(FollowUp.due_date, FollowUp.id))
    )


def for_case(session: Session, *, case_id: int) -> list[FollowUp]:
    """The case's schedule (generated now if the case came before B8)."""
    intake.known_case(session, case_id)
    return generate(session, case_id=case_id)


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
    if row.kind == "yearly":  # § 20, stk. 1, 5. pkt.: the next one 12 months after this
        add_yearly(session, case_id=case_id, last=data.held_on)
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
        generate(session, case_id=case.case_id)
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
