"""Request and response models for benefits, payment runs and sanctions (R3)."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.validation import LongText

Money = Annotated[Decimal, Field(gt=0, le=Decimal("100000"), max_digits=12, decimal_places=2)]
Month = Annotated[str, StringConstraints(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$")]


class BenefitType(enum.StrEnum):
    INTRODUCTION = "introduktionsydelse"
    SELF_SUPPORT = "selvforsoergelsesydelse"
    CASH = "kontanthjaelp"


class BenefitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    benefit_type: BenefitType
    monthly_amount: Money
    start_date: date
    payment_account_registered: bool = False


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


class RunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: Month


class PaymentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: int
    benefit_id: int
    gross: Decimal
    deduction: Decimal
    net: Decimal


class RunOut(BaseModel):
    id: int
    month: str
    run_by: str
    payments: list[PaymentOut]
    created: bool


class SanctionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: LongText = Field(min_length=3)
    breach_date: date
    guidance_given_on: date
    amount: Money


class HearingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    reply_days: int = Field(7, ge=7, le=30)


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    reply: LongText = Field(min_length=1)


class Decision(enum.StrEnum):
    APPLIED = "applied"
    DROPPED = "dropped"


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    decision: Decision
    reasoning: LongText = Field(min_length=10)


class SanctionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    reason: str
    breach_date: date
    guidance_given_on: date
    amount: Decimal
    status: str
    hearing_sent_on: date | None
    reply_deadline: date | None
    citizen_reply: str | None
    decision: str | None
    reasoning: str | None
    decided_by: str | None
    decided_on: date | None
    appeal_deadline: date | None
    deducted_in_month: str | None
    version: int
