"""Use cases for the onboarding checklist (R3)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.cases.service import AT_CPR_REGISTRATION, at_cpr_registration, check_cpr_registration_date
from reception.onboarding.models import OnboardingTask
from reception.onboarding.schemas import CHECKLIST as CHECKLIST
from reception.onboarding.schemas import CompleteTaskIn as CompleteTaskIn
from reception.onboarding.schemas import TaskKind as TaskKind
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import CprRegistered
from shared.cpr import CprError, parse_cpr
from shared.crypto import digest
from shared.db import utcnow
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from shared.law.calendar import dk_long

# The ``name as name`` imports re-export what other sub-domains use: they reach this one through its service only.

SERVICE = "reception"


def open_checklist(session: Session, *, case_id: int, arrival_date: date) -> list[OnboardingTask]:
    """Open the six onboarding tasks, due relative to the arrival; existing tasks are kept."""
    have = {t.kind: t for t in session.scalars(select(OnboardingTask).where(OnboardingTask.case_id == case_id))}
    for kind, spec in CHECKLIST.items():
        if kind.value not in have:
            task = OnboardingTask(
                case_id=case_id,
                kind=kind.value,
                owner_department=spec.owner.value,
                due_date=arrival_date + timedelta(days=spec.days_after_arrival),
            )
            session.add(task)
            have[kind.value] = task
    session.flush()
    return [have[k.value] for k in CHECKLIST]


def rebase_due_dates(session: Session, *, case_id: int, arrival_date: date) -> None:
    """The arrival moved: open tasks fall due relative to the new date."""
    tasks = open_checklist(session, case_id=case_id, arrival_date=arrival_date)
    for task in tasks:
        if task.status == "open":
            task.due_date = arrival_date + timedelta(days=CHECKLIST[TaskKind(task.kind)].days_after_arrival)


CHECKLIST_REFERENCE = "Kommunens tjekliste (intern frist)"


def task_due_why(task: OnboardingTask) -> str:
    """Why a task is due when it is: the municipality's own checklist counts from the arrival (no act does)."""
    days = CHECKLIST[TaskKind(task.kind)].days_after_arrival
    arrival = task.due_date - timedelta(days=days)
    return (
        f"Kommunens tjekliste for modtagelsen: {CHECKLIST[TaskKind(task.kind)].title} skal være udført {days} dage "
        f"efter ankomsten ({dk_long(arrival)}), dvs. {dk_long(task.due_date)}. Fristen er kommunens egen, ikke "
        f"lovbestemt, og flytter med ankomstdatoen."
    )


def tasks_for(session: Session, *, case_id: int) -> list[OnboardingTask]:
    order = {k.value: i for i, k in enumerate(CHECKLIST)}
    tasks = session.scalars(select(OnboardingTask).where(OnboardingTask.case_id == case_id)).all()
    return sorted(tasks, key=lambda t: order.get(t.kind, 99))


def complete_task(
    session: Session,
    *,
    task_id: int,
    by: Principal,
    cpr: str | None,
    note: str,
    registered_on: date | None = None,
) -> OnboardingTask:
    """Mark a task done; CPR registration records the CPR number and the registration's own date (for
    quota refugees and the family-reunified the § 4, stk. 3 day) and announces it."""
    task = session.get(OnboardingTask, task_id, with_for_update=True)
    if task is None:
        raise NotFound(f"no onboarding task with id {task_id}", danish="Opgaven findes ikke")
    spec = CHECKLIST[TaskKind(task.kind)]
    if by.department != spec.owner:
        raise Forbidden(
            f"'{spec.title}' belongs to {spec.owner.label}; {by.department.label} may not complete it",
            danish="Din afdeling kan ikke udføre denne opgave",
        )
    if task.status == "done":
        raise Conflict(f"'{spec.title}' was completed already", danish="Opgaven er allerede udført")
    if task.kind == TaskKind.CPR_REGISTRATION:
        register_cpr(session, case_id=task.case_id, cpr=cpr, registered_on=registered_on)
    elif cpr:
        raise Invalid(
            "a CPR number is only given when completing CPR registration",
            field="cpr",
            danish="CPR-nummeret skrives kun ved CPR-registreringen",
        )
    elif registered_on is not None:
        raise Invalid(
            "the registration's date is only given when completing CPR registration",
            field="registered_on",
            danish="Registreringsdatoen angives kun ved CPR-registreringen",
        )
    task.status, task.completed_at, task.completed_by = "done", utcnow(), by.user
    task.note = note or None
    session.flush()
    return task


def register_cpr(session: Session, *, case_id: int, cpr: str | None, registered_on: date | None = None) -> None:
    """Record the CPR number and the registration's date. For quota refugees and the family-reunified the
    date is required: the municipality's responsibility passes on it (integrationsloven § 4, stk. 3), so it is
    the date in CPR, not the day the task is ticked; for others it defaults to today."""
    if not cpr:
        raise Invalid(
            "completing CPR registration needs the CPR number",
            field="cpr",
            danish="Skriv CPR-nummeret for at afslutte CPR-registreringen",
        )
    try:
        number, born = parse_cpr(cpr)
    except CprError as exc:
        raise Invalid(str(exc), field="cpr") from exc
    case = session.get(Case, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"no case with id {case_id}")
    if born != case.date_of_birth:
        raise Invalid("CPR-nummerets fødselsdato passer ikke med personens fødselsdato", field="cpr")
    if registered_on is None and case.residence_basis in AT_CPR_REGISTRATION:
        raise Invalid(
            "the date of the registration in CPR is required: responsibility passes on it (§ 4, stk. 3)",
            field="registered_on",
            danish="Angiv datoen for registreringen i CPR (som den står i CPR) – kommunen overtager ansvaret "
            "fra den dag (integrationslovens § 4, stk. 3)",
        )
    day = registered_on if registered_on is not None else today()
    check_cpr_registration_date(case, day)
    number_digest = digest(number)
    if session.scalar(select(Case.id).where(Case.cpr_digest == number_digest, Case.id != case_id)) is not None:
        raise Conflict("CPR-nummeret er allerede registreret på en anden sag", field="cpr")
    case.cpr, case.cpr_digest = number, number_digest
    publish(session, CprRegistered(case_id=case_id, registered_on=day), producer=SERVICE)
    at_cpr_registration(session, case, registered_on=day)
