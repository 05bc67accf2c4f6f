"""Events reception publishes. Personal data stays in reception: no names, no CPR numbers here."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, model_validator

from shared.bus.envelope import Event, contract, upcaster


@contract("reception.case_opened", 1)
class CaseOpenedV1(Event):
    """Version 1, kept so that messages still in flight are read (upcast to the current version)."""

    case_id: int
    case_number: str
    residence_basis: str
    expected_arrival_date: date
    household_size: int = Field(ge=1)


@contract("reception.case_opened", 2)
class CaseOpenedV2(Event):
    """Version 2, kept so that messages still in flight are read (upcast to the current version)."""

    case_id: int
    case_number: str
    residence_basis: str
    expected_arrival_date: date
    household_size: int = Field(ge=1)
    needs_temporary_housing: bool = True


@contract("reception.case_opened", 3)
class CaseOpened(Event):
    """Udlændingestyrelsen handed a person over and reception opened the case (R1).

    v2: ``needs_temporary_housing`` — false for family members joining a household (R11).
    v3: ``born_on`` — the person's date of birth (not the CPR number), so that employment can tell whether
    the person is 18 when responsibility passes (integrationsloven § 16, stk. 1–2: no programme for those
    under 18); None when not known (messages from before v3).
    """

    case_id: int
    case_number: str
    residence_basis: str
    expected_arrival_date: date
    household_size: int = Field(ge=1)
    needs_temporary_housing: bool = True
    born_on: date | None = None


@upcaster("reception.case_opened", 1)
def _case_opened_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "needs_temporary_housing": True}  # every v1 case was a refugee needing a place


@upcaster("reception.case_opened", 2)
def _case_opened_v2_to_v3(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "born_on": None}  # the birth date was not sent: employment treats the age as unknown


@contract("reception.arrival_scheduled", 1)
class ArrivalScheduled(Event):
    """Pick-up or arrival agreed: date, place and who (R2)."""

    case_id: int
    case_number: str
    arrival_date: date
    household_size: int = Field(ge=1)


@contract("reception.cpr_registered", 1)
class CprRegistered(Event):
    """Borgerservice registered the person in CPR (R3). The number itself stays in reception."""

    case_id: int
    registered_on: date


@contract("reception.responsibility_taken_over", 1)
class ResponsibilityTakenOverV1(Event):
    """Version 1, kept so that messages still in flight are read (upcast to the current version)."""

    case_id: int
    taken_over_on: date
    basis: str


# The shared/law rule that set the day, by the v1 basis (what a v1 message's day was computed by).
RESPONSIBILITY_RULE_OF_BASIS = {
    "placement_rule": "inl4-responsibility",
    "cpr_registration": "inl4-cpr-registration",
    "consent": "inl4-consent",
}


@contract("reception.responsibility_taken_over", 2)
class ResponsibilityTakenOver(Event):
    """The day the municipality takes over responsibility for the person is set (integrationsloven § 4).

    ``basis``: placement_rule (the end of the first whole month after the placement decision, § 4, stk. 2),
    cpr_registration (quota refugees, family-reunified: the registration's own date, § 4, stk. 3) or
    consent (earlier, with the person's consent). The programme and the integration contract are due
    within a month of it (§§ 16, 19); danskuddannelsesloven § 5 counts from it too.

    v2: ``rule`` — the shared/law rule id that computed the day (e.g. "inl4-responsibility"), and
    ``corrects`` — true when the day replaces one announced before because its start (the placement
    decision's date, the CPR registration's date) was corrected: every date counted from it is recomputed.
    """

    case_id: int
    taken_over_on: date
    basis: str
    rule: str = ""
    corrects: bool = False

    @model_validator(mode="before")
    @classmethod
    def _rule_of_basis(cls, data: Any) -> Any:
        """Built with the basis only (as v1 was): the rule that basis stands for."""
        if isinstance(data, dict) and not data.get("rule"):
            return {**data, "rule": RESPONSIBILITY_RULE_OF_BASIS.get(str(data.get("basis", "")), "")}
        return data


@upcaster("reception.responsibility_taken_over", 1)
def _responsibility_taken_over_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "rule": RESPONSIBILITY_RULE_OF_BASIS.get(payload.get("basis", ""), ""), "corrects": False}


@contract("reception.family_reunification_planned", 1)
class FamilyReunificationPlanned(Event):
    """Family members join a person already in Rødovre (R11): the combined household needs housing."""

    case_id: int
    anchor_case_id: int
    arriving: int = Field(ge=1)
    children: int = Field(ge=0)
    household_size: int = Field(ge=1)
    expected_arrival_date: date


@contract("reception.contract_signed", 1)
class ContractSigned(Event):
    """The integration contract is signed by caseworker and citizen (R4)."""

    case_id: int
    contract_id: int
    signed_on: date
    due_date: date


@contract("reception.sanction_decided", 1)
class SanctionDecided(Event):
    """Økonomisk Team decided a proposed sanction after the hearing (R3); the amount stays in reception."""

    case_id: int
    sanction_id: int
    decision: str  # applied or dropped
    appeal_deadline: date


@contract("reception.sanction_appealed", 1)
class SanctionAppealed(Event):
    """The citizen appealed a decided sanction to the municipality (retssikkerhedsloven § 67), which must
    reconsider it by ``reconsider_by`` (§ 66, stk. 1); ``late``: it arrived after the appeal deadline."""

    case_id: int
    sanction_id: int
    appeal_id: int
    received_on: date
    late: bool
    reconsider_by: date


@contract("reception.appeal_reconsidered", 1)
class AppealReconsidered(Event):
    """The municipality reconsidered an appeal (genvurdering): ``granted`` (the decision changed, the
    sanction dropped) or ``sent_on`` (upheld; the appeal sent on to Ankestyrelsen), on ``decided_on``."""

    case_id: int
    sanction_id: int
    appeal_id: int
    outcome: str
    decided_on: date


@contract("reception.deadline_overdue", 1)
class DeadlineOverdue(Event):
    """A task with a due date passed it undone (onboarding, contract, hearing reply)."""

    case_id: int
    kind: str
    ref_id: int
    title: str
    department: str
    due_date: date


@contract("reception.plan_action_assigned", 1)
class PlanActionAssigned(Event):
    """An action of a case's integration plan was given to another service (R5); ``owner`` names it.

    Every owning service gets a copy and keeps the ones addressed to it. The title and details
    describe the task, not the person (no names, no CPR).
    """

    case_id: int
    case_number: str
    action_id: int
    owner: str
    title: str
    details: str = ""
    due_date: date


@contract("reception.plan_action_withdrawn", 1)
class PlanActionWithdrawn(Event):
    """Jobcentret took an action off the integration plan (R5); the owning service stops working on it."""

    case_id: int
    action_id: int
    owner: str
    reason: str


class _InfluxOrder(Event):
    """A minister's order under integrationsloven § 4 b, stk. 2–3, as reception recorded it: persons whose
    responsibility passes from ``applies_from`` to ``applies_to`` (both included) have their suspension of the
    offer deadlines extended by ``extra_months``. The order, not a person: no case, no personal data.
    ``revoked_on``: the day it was repealed (stk. 2, 2. pkt.), None while it stands."""

    order_id: int = Field(ge=1)
    reference: str = Field(min_length=1, max_length=200)
    legal_basis: str  # "stk2" (a larger influx) or "stk3" (mass influx: up to 3 months more)
    applies_from: date
    applies_to: date
    extra_months: int = Field(ge=1, le=12)
    revoked_on: date | None = None


@contract("reception.influx_order_recorded", 1)
class InfluxOrderRecorded(_InfluxOrder):
    """Jobcentret recorded a § 4 b order; the services that compute the offer deadlines keep a copy."""


@contract("reception.influx_order_revoked", 1)
class InfluxOrderRevoked(_InfluxOrder):
    """A § 4 b order was repealed from ``revoked_on``; the whole order travels again, so a copy is right whichever
    of the two events arrives first."""
