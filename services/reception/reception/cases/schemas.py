"""Request and response models for handovers and cases."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from shared.clock import today
from shared.validation import CaseDate, LongText, OptionalShortText, ShortText, invalid, rejected


class ResidenceBasis(enum.StrEnum):
    ASYLUM_7_1 = "asylum_7_1"
    ASYLUM_7_2 = "asylum_7_2"
    ASYLUM_7_3 = "asylum_7_3"
    QUOTA_8 = "quota_8"
    FAMILY_REUNIFICATION_9 = "family_reunification_9"
    SPECIAL_ACT_UKRAINE = "special_act_ukraine"


RESIDENCE_BASIS_LABELS = {
    ResidenceBasis.ASYLUM_7_1: "Asyl, konventionsstatus (udlændingelovens § 7, stk. 1)",
    ResidenceBasis.ASYLUM_7_2: "Asyl, beskyttelsesstatus (§ 7, stk. 2)",
    ResidenceBasis.ASYLUM_7_3: "Asyl, midlertidig beskyttelsesstatus (§ 7, stk. 3)",
    ResidenceBasis.QUOTA_8: "Kvoteflygtning (§ 8)",
    ResidenceBasis.FAMILY_REUNIFICATION_9: "Familiesammenføring (§ 9)",
    ResidenceBasis.SPECIAL_ACT_UKRAINE: "Særlov for fordrevne fra Ukraine",
}


class Relation(enum.StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    OTHER = "other"


RELATION_LABELS = {
    Relation.SPOUSE: "Ægtefælle/partner",
    Relation.CHILD: "Barn",
    Relation.PARENT: "Forælder",
    Relation.OTHER: "Andet",
}

# ICAO codes for stateless persons and unspecified nationality are not ISO 3166 countries.
_SPECIAL_NATIONALITIES = {"XXA", "XXB", "XXC", "XXX"}


def _nationality(value: str) -> str:
    code = value.upper()
    if code not in _SPECIAL_NATIONALITIES and pycountry.countries.get(alpha_3=code) is None:
        raise rejected(
            "nationality must be an ISO 3166-1 alpha-3 country code (e.g. SYR, AFG, UKR) or XXA",
            "Angiv landekode med tre bogstaver (fx SYR, AFG, UKR)",
        )
    return code


def _born(value: date) -> date:
    if value > today():
        raise rejected("date of birth cannot be in the future", "Datoen må ikke ligge i fremtiden")
    if value < today() - timedelta(days=365 * 130):
        raise rejected("date of birth is more than 130 years ago", "Datoen ligger mere end 130 år tilbage")
    return value


def _not_past(value: date) -> date:
    if value < today():
        raise rejected("date must be today or later", "Datoen skal være i dag eller senere")
    if value > today() + timedelta(days=730):
        raise rejected("date is more than two years ahead", "Datoen ligger mere end to år frem")
    return value


def _decided(value: date) -> date:
    if value > today():
        raise rejected("the placement decision cannot be in the future", "Datoen må ikke ligge i fremtiden")
    if value < today() - timedelta(days=365 * 5):
        raise rejected("the placement decision is more than five years ago", "Datoen ligger mere end fem år tilbage")
    return value


Nationality = Annotated[
    str, StringConstraints(min_length=3, max_length=3, pattern=r"^[A-Za-z]{3}$"), AfterValidator(_nationality)
]
BirthDate = Annotated[date, AfterValidator(_born)]
FutureDate = Annotated[date, AfterValidator(_not_past)]
DecisionDate = Annotated[date, AfterValidator(_decided)]
# Udlændingestyrelsen's person id, normalised: trimmed and upper-cased (ASCII letters, digits and hyphens only, so
# upper-casing is the same in Python, SQLite and PostgreSQL), so "race-0001" and "RACE-0001" are one person.
PersonId = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{3,29}$")
]


class FamilyMemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    full_name: ShortText
    date_of_birth: BirthDate
    relation: Relation


class HandoverIn(BaseModel):
    """Udlændingestyrelsen's handover of authority for one person (R1)."""

    model_config = ConfigDict(extra="forbid")

    immigration_person_id: PersonId = Field(
        description="Udlændingestyrelsens personnummer, e.g. 1234567890 or UDL-1234"
    )
    full_name: ShortText
    date_of_birth: BirthDate
    nationality: Nationality
    residence_basis: ResidenceBasis
    asylum_centre: ShortText
    asylum_centre_contact: ShortText
    family_members: list[FamilyMemberIn] = Field(default_factory=list, max_length=20)
    expected_arrival_date: FutureDate
    # Udlændingestyrelsen's placement decision (visitationsafgørelse): starts the § 4 clock for asylum cases.
    placement_decided_on: DecisionDate | None = None


class ResponsibilityIn(BaseModel):
    """The municipality takes over responsibility earlier than the rule says, with the person's consent (§ 4)."""

    model_config = ConfigDict(extra="forbid")

    taken_over_on: CaseDate
    consent_note: ShortText = Field(description="how and when the person consented")


class StartField(enum.StrEnum):
    """The dates that start the § 4 clock, which a caseworker may correct."""

    PLACEMENT_DECIDED_ON = "placement_decided_on"
    CPR_REGISTERED_ON = "cpr_registered_on"


START_FIELD_LABELS = {
    StartField.PLACEMENT_DECIDED_ON: "Visitationsafgørelsens dato",
    StartField.CPR_REGISTERED_ON: "Dato for registreringen i CPR",
}


def _registered(value: date) -> date:
    if value > today():
        raise rejected(
            "the CPR registration cannot be in the future", "Registreringen i CPR kan ikke ligge i fremtiden"
        )
    return value


RegistrationDate = Annotated[date, AfterValidator(_registered)]


class StartCorrectionIn(BaseModel):
    """Correct the date that starts the § 4 clock: the placement decision's (asylum cases) or the CPR
    registration's (quota refugees, the family-reunified). Every date counted from it is recomputed."""

    model_config = ConfigDict(extra="forbid")

    field: StartField
    new_date: CaseDate
    reason: ShortText = Field(description="why the date is corrected (logged)")

    @model_validator(mode="after")
    def _plausible(self) -> StartCorrectionIn:
        check = _decided if self.field == StartField.PLACEMENT_DECIDED_ON else _registered
        try:
            check(self.new_date)
        except PydanticCustomError as error:
            danish = (error.context or {}).get("danish", error.message())
            raise invalid("new_date", error.message().removeprefix("Value error, "), danish) from None
        return self


class StartCorrectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    field: str
    old_value: date | None
    new_value: date
    reason: str
    responsibility_before: date | None
    responsibility_after: date | None
    corrected_by: str
    corrected_at: datetime


class ArrivalKind(enum.StrEnum):
    PICKUP = "pickup"
    OWN_ARRIVAL = "own_arrival"


class ArrivalIn(BaseModel):
    """Agreement on pick-up or arrival: date, place, who (R2)."""

    model_config = ConfigDict(extra="forbid")

    arrival_date: FutureDate
    kind: ArrivalKind = ArrivalKind.PICKUP
    place: ShortText
    arranged_by: ShortText
    notes: LongText = ""


class FamilyMemberOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    full_name: str
    date_of_birth: date
    relation: str


class OnboardingTaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    title: str
    owner_department: str
    due_date: date
    status: str
    completed_at: datetime | None
    completed_by: str | None
    # What sets the due date: the municipality's own checklist, not the law.
    due_reference: str = "Kommunens tjekliste (intern frist)"
    due_why: str = ""


class HousingOut(BaseModel):
    status: str
    address: str | None
    unit_id: int | None
    ready_from: date | None


class CaseOut(BaseModel):
    id: int
    case_number: str
    immigration_person_id: str
    full_name: str
    date_of_birth: date
    nationality: str
    residence_basis: str
    asylum_centre: str
    asylum_centre_contact: str
    expected_arrival_date: date
    status: str
    cpr: str | None
    arrival_date: date | None
    arrival_place: str | None
    arrival_arranged_by: str | None
    household_size: int
    family_members: list[FamilyMemberOut]
    onboarding_tasks: list[OnboardingTaskOut]
    housing: HousingOut
    created_at: datetime
    version: int
    case_type: str = "refugee"
    linked_case_id: int | None = None
    family_cases: list[int] = Field(default_factory=list)
    placement_decided_on: date | None = None
    # The first day of the municipality's responsibility (integrationsloven § 4) and what set it: the
    # shared/law rule, its reference ("integrationsloven § 4, stk. 2") and why the day is what it is.
    responsibility_from: date | None = None
    responsibility_basis: str | None = None
    responsibility_rule: str | None = None
    responsibility_reference: str = ""
    responsibility_why: str | None = None
    cpr_registered_on: date | None = None
    start_corrections: list[StartCorrectionOut] = Field(default_factory=list)


class CaseSummary(BaseModel):
    id: int
    case_number: str
    full_name: str
    expected_arrival_date: date
    arrival_date: date | None
    status: str
    housing_status: str


class CaseSearchHit(CaseSummary):
    cpr: str | None  # masked (DDMMYY-XXXX) unless the caller's department may see CPR numbers


class CaseSearchOut(BaseModel):
    count: int = Field(description="every case found; at most 50 are listed, newest first")
    cases: list[CaseSearchHit]


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: OptionalShortText = ""
