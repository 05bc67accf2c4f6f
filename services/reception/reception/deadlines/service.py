"""Every task with a due date, per department: due soon or overdue; the periodic overdue notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reception.benefits.models import Sanction, SanctionAppeal
from reception.cases.models import Case
from reception.civil.models import Match
from reception.contracts.models import IntegrationContract
from reception.deadlines.models import OverdueNotice
from reception.onboarding.models import OnboardingTask
from reception.onboarding.service import CHECKLIST, CHECKLIST_REFERENCE, TaskKind, task_due_why
from reception.plans.models import PlanAction
from reception.plans.service import ActionOwner, responsible_department
from shared.auth import Department
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import DeadlineOverdue
from shared.db import try_insert
from shared.law.registry import reference_of

SERVICE = "reception"
RECURRING = frozenset({"follow_up"})


@dataclass(frozen=True)
class Deadline:
    kind: str  # onboarding_task, contract, sanction_hearing, appeal_reconsideration, plan_action, follow_up
    ref_id: int
    case_id: int
    case_number: str
    title: str
    department: str
    due_date: date
    # Which rule set the date: a shared/law rule id (its reference is the act's § and stk.), or for the
    # municipality's own deadlines ``set_by`` saying what sets them; ``why`` explains the date.
    rule: str = ""
    why: str = ""
    set_by: str = ""

    @property
    def reference(self) -> str:
        return reference_of(self.rule) or self.set_by

    def state(self, on: date) -> str:
        return "overdue" if self.due_date < on else "due_soon"

    @property
    def notice_kind(self) -> str:
        """What the overdue notice is keyed by: a recurring follow-up is announced once per due date."""
        return f"{self.kind}@{self.due_date:%Y%m%d}" if self.kind in RECURRING else self.kind


def _all_open(session: Session) -> list[Deadline]:
    numbers = {row.id: row.case_number for row in session.execute(select(Case.id, Case.case_number))}
    found: list[Deadline] = []
    for task in session.scalars(select(OnboardingTask).where(OnboardingTask.status == "open")):
        found.append(
            Deadline(
                "onboarding_task",
                task.id,
                task.case_id,
                numbers.get(task.case_id) or "",
                CHECKLIST[TaskKind(task.kind)].title,
                task.owner_department,
                task.due_date,
                why=task_due_why(task),
                set_by=CHECKLIST_REFERENCE,
            )
        )
    # § 19's deadline is the first contract's; a revision agreed at a follow-up has no statutory deadline.
    unsigned = select(IntegrationContract).where(
        IntegrationContract.status != "signed", IntegrationContract.revision == 1
    )
    for contract in session.scalars(unsigned):
        found.append(
            Deadline(
                "contract",
                contract.id,
                contract.case_id,
                numbers.get(contract.case_id) or "",
                "Integrationskontrakt underskrives",
                Department.JOBCENTRET.value,
                contract.due_date,
                rule=contract.due_rule or "",
                why=contract.due_why or "",
                set_by="" if contract.due_rule else "Foreløbig frist (kommunens egen), indtil ansvarsdagen kendes",
            )
        )
    for sanction in session.scalars(select(Sanction).where(Sanction.status == "hearing")):
        assert sanction.reply_deadline is not None
        found.append(
            Deadline(
                "sanction_hearing",
                sanction.id,
                sanction.case_id,
                numbers.get(sanction.case_id) or "",
                "Svarfrist i partshøring – sanktion afgøres",
                Department.OKONOMI.value,
                sanction.reply_deadline,
                sanction.reply_deadline_rule or "",
                sanction.reply_deadline_why or "",
            )
        )
    for appeal in session.scalars(select(SanctionAppeal).where(SanctionAppeal.status == "received")):
        found.append(
            Deadline(
                "appeal_reconsideration",
                appeal.id,
                appeal.case_id,
                numbers.get(appeal.case_id) or "",
                "Klage over sanktion genvurderes – medhold eller videre til Ankestyrelsen",
                Department.OKONOMI.value,
                appeal.reconsider_by,
                appeal.reconsider_by_rule,
                appeal.reconsider_by_why,
            )
        )
    # An ended agreement (R7) has no next follow-up: only active ones fall due.
    for match in session.scalars(select(Match).where(Match.status == "active")):
        if match.next_follow_up is None:
            continue
        found.append(
            Deadline(
                "follow_up",
                match.id,
                match.case_id,
                numbers.get(match.case_id) or "",
                "Opfølgning på aftale med " + ("værtsfamilie" if match.kind == "host_family" else "mentor"),
                Department.FRIVILLIGHED.value,
                match.next_follow_up,
                why=f"Aftalen følges op hver {match.follow_up_days}. dag; "
                f"næste opfølgning er {match.next_follow_up:%d.%m.%Y}.",
                set_by="Aftalens opfølgningsinterval (kommunens egen frist)",
            )
        )
    open_actions = select(PlanAction).where(PlanAction.status.in_(("planned", "in_progress")))
    for action in session.scalars(open_actions):
        found.append(
            Deadline(
                "plan_action",
                action.id,
                action.case_id,
                numbers.get(action.case_id) or "",
                f"Integrationsplan: {action.title}",
                responsible_department(ActionOwner(action.owner)).value,
                action.due_date,
                why="Fristen er sat i borgerens integrationsplan, da indsatsen blev planlagt.",
                set_by="Integrationsplanen (aftalt frist, ikke lovbestemt)",
            )
        )
    return found


def due(session: Session, *, department: str, within_days: int = 7) -> list[Deadline]:
    """The department's deadlines that are overdue or fall within ``within_days``, soonest first."""
    horizon = today() + timedelta(days=within_days)
    items = [d for d in _all_open(session) if d.department == department and d.due_date <= horizon]
    return sorted(items, key=lambda d: (d.due_date, d.case_id, d.kind))


def announce_overdue(factory: sessionmaker[Session]) -> int:
    """Periodic: publish reception.deadline_overdue once for each deadline that has passed."""
    announced = 0
    on = today()
    with factory.begin() as session:
        for item in _all_open(session):
            if item.due_date >= on or not try_insert(session, OverdueNotice(kind=item.notice_kind, ref_id=item.ref_id)):
                continue
            publish(
                session,
                DeadlineOverdue(
                    case_id=item.case_id,
                    kind=item.kind,
                    ref_id=item.ref_id,
                    title=item.title,
                    department=item.department,
                    due_date=item.due_date,
                ),
                producer=SERVICE,
            )
            announced += 1
    return announced
