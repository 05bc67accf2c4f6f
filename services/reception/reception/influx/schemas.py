"""Request and response models for the § 4 b orders (integrationsloven § 4 b, stk. 2–3)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.law.influx import MASS_INFLUX_MAX_EXTRA
from shared.validation import CaseDate, LongText, PlanningDate, ShortText, invalid, rejected

# Stk. 2 (the minister's orders) came with lov nr. 546 af 3. maj 2022, in force 5 May 2022: no order covers earlier.
FIRST_ORDER_DAY = date(2022, 5, 5)
# "for en bestemt periode": an order covering more than this is a typing error.
LONGEST_PERIOD_DAYS = 3 * 366
# Stk. 2 sets no ceiling; more than a year on top of the act's 3 months is taken for a typing error.
MOST_EXTRA_MONTHS = 12


def _names_an_order(text: str) -> str:
    if len(text) < 5 or not any(ch.isdigit() for ch in text):
        raise rejected(
            "reference must name the order with its number, e.g. 'BEK nr. 9 af 2. januar 2027'",
            "Skriv påbuddets betegnelse med nummer, fx BEK nr. 9 af 2. januar 2027",
        )
    return text


# The order's own name: a bekendtgørelse has a number (and a date).
Reference = Annotated[ShortText, AfterValidator(_names_an_order)]


class LegalBasis(enum.StrEnum):
    STK2 = "stk2"  # a larger influx: the minister extends for a period (stk. 2)
    STK3 = "stk3"  # mass influx: up to 3 months more (stk. 3)


class OrderIn(BaseModel):
    """A § 4 b order as Jobcentret records it from the Lovtidende."""

    model_config = ConfigDict(extra="forbid")

    reference: Reference
    legal_basis: LegalBasis
    applies_from: PlanningDate  # the service refuses more than 2 years ahead itself, naming the field
    applies_to: PlanningDate
    extra_months: int = Field(ge=1, le=MOST_EXTRA_MONTHS)
    note: LongText = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.applies_from < FIRST_ORDER_DAY:
            raise invalid(
                "applies_from",
                "applies_from is before 5 May 2022, when § 4 b, stk. 2 came into force",
                "Perioden kan tidligst begynde 5. maj 2022, da § 4 b, stk. 2 trådte i kraft",
            )
        if self.applies_to < self.applies_from:
            raise invalid(
                "applies_to", "applies_to is before applies_from", "Perioden kan ikke slutte, før den begynder"
            )
        if (self.applies_to - self.applies_from).days > LONGEST_PERIOD_DAYS:
            raise invalid(
                "applies_to",
                "the period is longer than 3 years",
                "Perioden er længere end 3 år – tjek datoerne (påbuddet gælder for en bestemt periode)",
            )
        if self.legal_basis is LegalBasis.STK3 and self.extra_months > MASS_INFLUX_MAX_EXTRA:
            raise invalid(
                "extra_months",
                f"§ 4 b, stk. 3 extends by up to {MASS_INFLUX_MAX_EXTRA} months",
                f"Ved massetilstrømning (§ 4 b, stk. 3) kan der højst forlænges med {MASS_INFLUX_MAX_EXTRA} måneder",
            )
        return self


class RevokeIn(BaseModel):
    """The order's repeal (stk. 2, 2. pkt.): from which day, and a note (e.g. the repealing order)."""

    model_config = ConfigDict(extra="forbid")

    revoked_on: CaseDate
    note: LongText = ""


class OrderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    legal_basis: str
    applies_from: date
    applies_to: date
    extra_months: int
    note: str
    recorded_by: str
    recorded_at: datetime
    revoked_on: date | None
    revoked_by: str | None
    revocation_note: str | None
