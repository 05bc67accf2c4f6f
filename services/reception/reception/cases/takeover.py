"""Setting the day the municipality takes over responsibility (§ 4), and moving what counts from it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.cases.responsibility import AT_CPR_REGISTRATION, Basis, by_placement_rule
from reception.cases.schemas import ResponsibilityIn
from reception.contracts.models import IntegrationContract
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import one_month_after
from shared.contracts.reception import ResponsibilityTakenOver
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "reception"


def set_responsibility(session: Session, case: Case, *, day: date, basis: Basis, note: str | None = None) -> None:
    """Record the day and announce it; an integration contract not yet signed becomes due a month later (§ 19)."""
    case.responsibility_from, case.responsibility_basis, case.responsibility_note = day, basis.value, note
    contract = session.scalar(
        select(IntegrationContract).where(IntegrationContract.case_id == case.id).with_for_update()
    )
    if contract is not None and contract.status != "signed":
        contract.due_date = one_month_after(day)
    publish(session, ResponsibilityTakenOver(case_id=case.id, taken_over_on=day, basis=basis.value), producer=SERVICE)


def at_handover(session: Session, case: Case) -> None:
    """Asylum cases with a known placement decision: the rule's day is known at once."""
    day = by_placement_rule(case.residence_basis, case.placement_decided_on)
    if day is not None:
        set_responsibility(session, case, day=day, basis=Basis.PLACEMENT_RULE)


def at_cpr_registration(session: Session, case: Case, *, registered_on: date) -> None:
    """Quota refugees and the family-reunified: responsibility starts at CPR registration."""
    if case.residence_basis in AT_CPR_REGISTRATION and case.responsibility_from is None:
        set_responsibility(session, case, day=registered_on, basis=Basis.CPR_REGISTRATION)


def take_over_early(session: Session, *, case_id: int, data: ResponsibilityIn, by: Principal) -> Case:
    """Take over before the rule's day, with the person's consent (asylum cases only)."""
    case = session.get(Case, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"no case with id {case_id}", danish="Sagen findes ikke")
    if case.residence_basis in AT_CPR_REGISTRATION:
        raise Conflict(
            "for quota refugees and the family-reunified responsibility starts at CPR registration",
            field="taken_over_on",
            danish="For kvoteflygtninge og familiesammenførte overtages ansvaret ved CPR-registreringen",
        )
    rule_day = by_placement_rule(case.residence_basis, case.placement_decided_on)
    if rule_day is None:
        raise Conflict(
            "the placement decision's date is not known, so there is no rule's day to take over before",
            field="taken_over_on",
            danish="Visitationsafgørelsens dato kendes ikke",
        )
    assert case.placement_decided_on is not None
    if not case.placement_decided_on <= data.taken_over_on < rule_day:
        raise Invalid(
            f"taken_over_on must be from the placement decision ({case.placement_decided_on}) "
            f"and before the rule's day ({rule_day})",
            field="taken_over_on",
            danish=f"Datoen skal ligge fra visitationsafgørelsen og før {rule_day:%d.%m.%Y}",
        )
    set_responsibility(
        session, case, day=data.taken_over_on, basis=Basis.CONSENT, note=f"{data.consent_note} ({by.user})"[:200]
    )
    return case
