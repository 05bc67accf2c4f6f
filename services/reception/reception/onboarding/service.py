"""Use cases for the onboarding checklist (R3)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.cases.service import at_cpr_registration
from reception.onboarding.models import OnboardingTask
from reception.onboarding.schemas import CHECKLIST as CHECKLIST
from reception.onboarding.schemas import TaskKind as TaskKind
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import CprRegistered
from shared.cpr import CprError, parse_cpr
from shared.crypto import digest
from shared.db import utcnow
from shared.errors import Conflict, Forbidden, Invalid, NotFound

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


def tasks_for(session: Session, *, case_id: int) -> list[OnboardingTask]:
    order = {k.value: i for i, k in enumerate(CHECKLIST)}
    tasks = session.scalars(select(OnboardingTask).where(OnboardingTask.case_id == case_id)).all()
    return sorted(tasks, key=lambda t: order.get(t.kind, 99))


def complete_task(session: Session, *, task_id: int, by: Principal, cpr: str | None, note: str) -> OnboardingTask:
    """Mark a task done; CPR registration records the CPR number and announces it."""
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
        register_cpr(session, case_id=task.case_id, cpr=cpr)
    elif cpr:
        raise Invalid(
            "a CPR number is only given when completing CPR registration",
            field="cpr",
            danish="CPR-nummeret skrives kun ved CPR-registreringen",
        )
    task.status, task.completed_at, task.completed_by = "done", utcnow(), by.user
    task.note = note or None
    session.flush()
    return task


def register_cpr(session: Session, *, case_id: int, cpr: str | None) -> None:
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
    number_digest = digest(number)
    if session.scalar(select(Case.id).where(Case.cpr_digest == number_digest, Case.id != case_id)) is not None:
        raise Conflict("CPR-nummeret er allerede registreret på en anden sag", field="cpr")
    case.cpr, case.cpr_digest = number, number_digest
    publish(session, CprRegistered(case_id=case_id, registered_on=today()), producer=SERVICE)
    at_cpr_registration(session, case, registered_on=today())
