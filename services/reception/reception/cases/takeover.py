"""Setting the day the municipality takes over responsibility (§ 4), correcting the date that starts it,
and moving what counts from it. Every day comes from shared/law with its rule and why."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.models import Case, StartCorrection
from reception.cases.responsibility import AT_CPR_REGISTRATION, Basis
from reception.cases.schemas import ResponsibilityIn, StartCorrectionIn, StartField
from reception.contracts.models import IntegrationContract
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import local_date, today
from shared.contracts.reception import ResponsibilityTakenOver
from shared.errors import Conflict, Invalid, NotFound
from shared.law import integrationsloven
from shared.law.result import Deadline

SERVICE = "reception"
# How long before the handover a CPR registration may plausibly lie (a quota refugee registered on
# arrival, the handover typed in afterwards); an earlier date is a typing error.
CPR_BEFORE_HANDOVER = timedelta(days=60)


def set_responsibility(
    session: Session, case: Case, *, day: Deadline, basis: Basis, note: str | None = None, corrects: bool = False
) -> None:
    """Record the day with its rule and why and announce it; an integration contract not yet signed becomes
    due a month later (§ 19). ``corrects``: the day replaces one announced before (its start was corrected)."""
    case.responsibility_from, case.responsibility_basis, case.responsibility_note = day.due, basis.value, note
    case.responsibility_rule, case.responsibility_why = day.rule, day.explanation
    contract = session.scalar(
        select(IntegrationContract).where(IntegrationContract.case_id == case.id).with_for_update()
    )
    if contract is not None and contract.status != "signed" and contract.revision == 1:
        contract.set_statutory_due(day.due)
    publish(
        session,
        ResponsibilityTakenOver(
            case_id=case.id, taken_over_on=day.due, basis=basis.value, rule=day.rule, corrects=corrects
        ),
        producer=SERVICE,
    )


def _rule_day(case: Case) -> Deadline | None:
    """§ 4, stk. 2's day for an asylum case whose placement decision is known; None otherwise."""
    if case.residence_basis in AT_CPR_REGISTRATION or case.placement_decided_on is None:
        return None
    return integrationsloven.responsibility_day(case.placement_decided_on)


def at_handover(session: Session, case: Case) -> None:
    """Asylum cases with a known placement decision: the rule's day is known at once."""
    day = _rule_day(case)
    if day is not None:
        set_responsibility(session, case, day=day, basis=Basis.PLACEMENT_RULE)


def check_cpr_registration_date(case: Case, registered_on: date, *, field: str = "registered_on") -> None:
    """The CPR registration's date must be plausible: not in the future, not long before the handover."""
    if registered_on > today():
        raise Invalid(
            "the CPR registration cannot be in the future",
            field=field,
            danish="Registreringen i CPR kan ikke ligge i fremtiden",
        )
    earliest = min(local_date(case.created_at), case.arrival_date or case.expected_arrival_date) - CPR_BEFORE_HANDOVER
    if registered_on < earliest:
        raise Invalid(
            f"the CPR registration cannot be before {earliest} (60 days before the handover or arrival)",
            field=field,
            danish=f"Registreringen i CPR kan ikke ligge før {earliest:%d.%m.%Y} (60 dage før sagen blev "
            f"modtaget eller borgeren ankom) – tjek datoen",
        )


def at_cpr_registration(session: Session, case: Case, *, registered_on: date) -> None:
    """Record the CPR registration's own date; for quota refugees and the family-reunified responsibility
    passes on it (§ 4, stk. 3)."""
    case.cpr_registered_on = registered_on
    if case.residence_basis in AT_CPR_REGISTRATION and case.responsibility_from is None:
        day = integrationsloven.responsibility_at_cpr_registration(registered_on)
        set_responsibility(session, case, day=day, basis=Basis.CPR_REGISTRATION)


def _case_for_update(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"no case with id {case_id}", danish="Sagen findes ikke")
    return case


def take_over_early(session: Session, *, case_id: int, data: ResponsibilityIn, by: Principal) -> Case:
    """Take over before the rule's day, with the person's consent (asylum cases only)."""
    case = _case_for_update(session, case_id)
    if case.residence_basis in AT_CPR_REGISTRATION:
        raise Conflict(
            "for quota refugees and the family-reunified responsibility starts at CPR registration",
            field="taken_over_on",
            danish="For kvoteflygtninge og familiesammenførte overtages ansvaret ved CPR-registreringen",
        )
    rule_day = _rule_day(case)
    if rule_day is None:
        raise Conflict(
            "the placement decision's date is not known, so there is no rule's day to take over before",
            field="taken_over_on",
            danish="Visitationsafgørelsens dato kendes ikke",
        )
    assert case.placement_decided_on is not None
    if not case.placement_decided_on <= data.taken_over_on < rule_day.due:
        raise Invalid(
            f"taken_over_on must be from the placement decision ({case.placement_decided_on}) "
            f"and before the rule's day ({rule_day.due})",
            field="taken_over_on",
            danish=f"Datoen skal ligge fra visitationsafgørelsen og før {rule_day.due:%d.%m.%Y}",
        )
    consent = integrationsloven.responsibility_by_consent(data.taken_over_on)
    why = f"{consent.explanation} Samtykke: {data.consent_note} (noteret af {by.user}). {rule_day.explanation}"
    set_responsibility(
        session,
        case,
        day=Deadline(consent.rule, consent.due, consent.reference, why),
        basis=Basis.CONSENT,
        note=f"{data.consent_note} ({by.user})"[:200],
    )
    return case


def correct_start(session: Session, *, case_id: int, data: StartCorrectionIn, by: Principal) -> Case:
    """Correct the date that starts the § 4 clock, logged with the reason; the responsibility day is computed
    again and, when it moved, announced again (``corrects``) so that every date counted from it (§ 19 here,
    danskuddannelsesloven § 5 in education, § 20 in employment) is recomputed."""
    case = _case_for_update(session, case_id)
    before = case.responsibility_from
    if data.field == StartField.PLACEMENT_DECIDED_ON:
        old = case.placement_decided_on
        if case.residence_basis in AT_CPR_REGISTRATION:
            raise Conflict(
                "for quota refugees and the family-reunified the CPR registration sets the day, not the placement",
                field="field",
                danish="For kvoteflygtninge og familiesammenførte fastsættes ansvaret af registreringen i CPR, "
                "ikke af visitationsafgørelsen",
            )
        _changed(old, data.new_date)
        case.placement_decided_on = data.new_date
        day = integrationsloven.responsibility_day(data.new_date)
        kept_consent = (
            case.responsibility_basis == Basis.CONSENT.value
            and case.responsibility_from is not None
            and data.new_date <= case.responsibility_from < day.due
        )
        if not kept_consent and day.due != before:
            set_responsibility(session, case, day=day, basis=Basis.PLACEMENT_RULE, corrects=before is not None)
        elif not kept_consent:  # the same day, but the why names the corrected decision
            case.responsibility_basis, case.responsibility_note = Basis.PLACEMENT_RULE.value, None
            case.responsibility_rule, case.responsibility_why = day.rule, day.explanation
    else:
        old = case.cpr_registered_on
        if case.residence_basis not in AT_CPR_REGISTRATION:
            raise Conflict(
                "the CPR registration's date sets the day only for quota refugees and the family-reunified",
                field="field",
                danish="Registreringen i CPR fastsætter kun ansvaret for kvoteflygtninge og familiesammenførte",
            )
        if old is None:
            raise Conflict(
                "the CPR registration is not recorded yet: its date is given when the task is completed",
                field="field",
                danish="CPR-registreringen er ikke gennemført endnu – datoen angives, når opgaven markeres udført",
            )
        _changed(old, data.new_date)
        check_cpr_registration_date(case, data.new_date, field="new_date")
        case.cpr_registered_on = data.new_date
        day = integrationsloven.responsibility_at_cpr_registration(data.new_date)
        set_responsibility(session, case, day=day, basis=Basis.CPR_REGISTRATION, corrects=True)
    session.add(
        StartCorrection(
            case_id=case.id,
            field=data.field.value,
            old_value=old,
            new_value=data.new_date,
            reason=data.reason,
            responsibility_before=before,
            responsibility_after=case.responsibility_from,
            corrected_by=by.user,
        )
    )
    session.flush()
    return case


def _changed(old: date | None, new: date) -> None:
    if old == new:
        raise Invalid(
            f"the date is {new} already",
            field="new_date",
            danish=f"Datoen er allerede {new:%d.%m.%Y} – ret den til den rigtige dato",
        )


def corrections(session: Session, *, case_id: int) -> list[StartCorrection]:
    query = select(StartCorrection).where(StartCorrection.case_id == case_id)
    return list(session.scalars(query.order_by(StartCorrection.corrected_at, StartCorrection.id)))
