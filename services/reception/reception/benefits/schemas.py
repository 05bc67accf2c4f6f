"""Request and response models for benefits, payment runs and sanctions (R3)."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.law.kontanthjaelp import MAX_CHILDREN, Situation
from shared.law.retssikkerhedsloven import Delivery
from shared.validation import BirthDate, CaseDate, LongText, ShortText

Money = Annotated[Decimal, Field(gt=0, le=Decimal("100000"), max_digits=12, decimal_places=2)]
Month = Annotated[str, StringConstraints(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$")]


class BenefitType(enum.StrEnum):
    # Abolished 1 July 2025 (kontanthjælpsreformen): kept so that earlier benefits stay readable; a new
    # benefit of these types is refused (service.add_benefit).
    INTRODUCTION = "introduktionsydelse"
    SELF_SUPPORT = "selvforsoergelsesydelse"
    CASH = "kontanthjaelp"


ABOLISHED_TYPES = frozenset({BenefitType.INTRODUCTION, BenefitType.SELF_SUPPORT})


class SituationIn(BaseModel):
    """The person's situation the kontanthjælp suggestion is computed from (no CPR number)."""

    model_config = ConfigDict(extra="forbid")

    birth_date: BirthDate
    children: int = Field(0, ge=0, le=MAX_CHILDREN)
    lives_with_spouse: bool = False
    lives_with_parents: bool = False
    meets_residence_requirement: bool = False

    def to_law(self) -> Situation:
        return Situation(
            birth_date=self.birth_date,
            children=self.children,
            lives_with_spouse=self.lives_with_spouse,
            lives_with_parents=self.lives_with_parents,
            meets_residence_requirement=self.meets_residence_requirement,
        )


class BenefitIn(BaseModel):
    """A new benefit: kontanthjælp; the amount defaults to the suggestion, another amount needs a reason."""

    model_config = ConfigDict(extra="forbid")

    benefit_type: BenefitType = BenefitType.CASH
    situation: SituationIn
    monthly_amount: Money | None = None
    override_reason: LongText | None = None
    start_date: CaseDate
    payment_account_registered: bool = False


class BenefitForm(BaseModel):
    """The page's benefit form, flat (each error shown next to its field); ``to_benefit`` is the API's body."""

    model_config = ConfigDict(extra="ignore")

    start_date: date
    birth_date: date
    children: int = Field(0, ge=0, le=MAX_CHILDREN)
    lives_with_spouse: bool = False
    lives_with_parents: bool = False
    meets_residence_requirement: bool = False
    monthly_amount: Money | None = None
    override_reason: LongText | None = None
    payment_account_registered: bool = False

    def to_benefit(self) -> BenefitIn:
        return BenefitIn(
            situation=SituationIn(
                birth_date=self.birth_date,
                children=self.children,
                lives_with_spouse=self.lives_with_spouse,
                lives_with_parents=self.lives_with_parents,
                meets_residence_requirement=self.meets_residence_requirement,
            ),
            monthly_amount=self.monthly_amount,
            override_reason=self.override_reason or None,
            start_date=self.start_date,
            payment_account_registered=self.payment_account_registered,
        )


class BenefitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    benefit_type: str
    monthly_amount: Decimal
    start_date: date
    end_date: date | None
    payment_account_registered: bool
    stop_reason: str | None
    amount_rule: str | None
    amount_why: str | None
    amount_year: int | None
    amount_basis: str | None
    suggested_amount: Decimal | None
    override_reason: str | None


class RunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: Month


class PaymentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: int
    benefit_id: int
    month: str
    kind: str
    gross: Decimal
    deduction: Decimal
    net: Decimal


class RunOut(BaseModel):
    id: int
    month: str
    run_by: str
    payments: list[PaymentOut]
    created: bool


class RecoveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    benefit_id: int
    case_id: int
    month: str
    amount: Decimal
    claim_rule: str
    claim_why: str
    status: str
    recorded_on: date


class Duty(enum.StrEnum):
    """The duties a person is guided about in writing (aktivloven § 35, stk. 1) and may be sanctioned for."""

    DANISH_EDUCATION = "danskuddannelse"
    ACTIVATION = "aktivering"
    MEETINGS = "samtaler"
    AVAILABILITY = "raadighed"

    @property
    def label(self) -> str:
        return DUTY_LABELS[self]


DUTY_LABELS = {
    Duty.DANISH_EDUCATION: "Fremmøde på danskuddannelse",
    Duty.ACTIVATION: "Deltagelse i tilbud (aktivering)",
    Duty.MEETINGS: "Fremmøde til samtaler i jobcentret",
    Duty.AVAILABILITY: "Rådighed for arbejde",
}


class GuidanceHow(enum.StrEnum):
    DIGITAL_POST = "digital_post"
    LETTER = "brev"
    HANDED_OVER = "samtale"


HOW_LABELS = {
    GuidanceHow.DIGITAL_POST: "Digital Post",
    GuidanceHow.LETTER: "Brev",
    GuidanceHow.HANDED_OVER: "Udleveret ved samtale",
}


class GuidanceIn(BaseModel):
    """Written guidance about a duty given to the person: which duty, the day, how, by whom."""

    model_config = ConfigDict(extra="forbid")

    duty: Duty
    given_on: CaseDate
    how: GuidanceHow
    given_by: ShortText = Field(min_length=2)
    note: LongText = ""


class GuidanceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    duty: str
    given_on: date
    how: str
    given_by: str
    department: str
    note: str
    recorded_by: str


class SanctionIn(BaseModel):
    """A sanction proposed by hand for one breach on its day; the written guidance is looked up in the
    case's guidance records (it must be before the breach's day)."""

    model_config = ConfigDict(extra="forbid")

    reason: LongText = Field(min_length=3)
    duty: Duty = Duty.DANISH_EDUCATION
    breach_date: CaseDate
    amount: Money


class HearingIn(BaseModel):
    """Partshøring: the letter's date (default today; never in the future), how it was sent, the reply days."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    reply_days: int = Field(7, ge=7, le=30)
    sent_on: CaseDate | None = None
    delivery: Delivery = Delivery.DIGITAL


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    reply: LongText = Field(min_length=1)


class Decision(enum.StrEnum):
    APPLIED = "applied"
    DROPPED = "dropped"


class DecisionIn(BaseModel):
    """The decision: its date (default today; never in the future, not before the hearing) and delivery."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    decision: Decision
    reasoning: LongText = Field(min_length=10)
    decided_on: CaseDate | None = None
    delivery: Delivery = Delivery.DIGITAL


class AppealIn(BaseModel):
    """An appeal of a decided sanction, lodged with the municipality: the day it arrived."""

    model_config = ConfigDict(extra="forbid")

    received_on: CaseDate
    citizen_text: LongText = ""


class Reconsideration(enum.StrEnum):
    GRANTED = "granted"  # medhold: the decision is changed, the sanction dropped
    SENT_ON = "sent_on"  # the decision is upheld and the appeal sent on to Ankestyrelsen


class ReconsiderationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    outcome: Reconsideration
    decided_on: CaseDate | None = None
    reasoning: LongText = Field(min_length=10)


class SanctionLineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    breach_on: date
    hours: int | None
    amount: Decimal
    guidance_on: date | None
    deduction_deadline: date
    deduction_deadline_rule: str
    deduction_deadline_why: str
    status: str
    deducted_in_month: str | None
    deducted_amount: Decimal | None


class AppealOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    sanction_id: int
    case_id: int
    received_on: date
    late: bool
    citizen_text: str
    reconsider_by: date
    reconsider_by_rule: str
    reconsider_by_why: str
    status: str
    outcome_on: date | None
    outcome_reasoning: str | None
    registered_by: str
    decided_by: str | None
    version: int


class SanctionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    reason: str
    duty: str
    breach_date: date
    guidance_given_on: date | None
    amount: Decimal
    status: str
    hearing_sent_on: date | None
    hearing_delivery: str | None
    reply_deadline: date | None
    reply_deadline_rule: str | None
    reply_deadline_why: str | None
    citizen_reply: str | None
    decision: str | None
    reasoning: str | None
    legal_basis: str | None
    appeal_guidance: str | None
    decided_by: str | None
    decided_on: date | None
    decision_delivery: str | None
    appeal_deadline: date | None
    appeal_deadline_rule: str | None
    appeal_deadline_why: str | None
    deducted_in_month: str | None
    version: int
    lines: list[SanctionLineOut]
    appeal: AppealOut | None
