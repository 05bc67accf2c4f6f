"""Referral kinds, their owners, and request/response models (R12, R13)."""

from __future__ import annotations

import enum
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.auth import Department
from shared.validation import LongText, ShortText


class ReferralKind(enum.StrEnum):
    DAYCARE = "daycare"
    SCHOOL = "school"
    SPECIAL_MEASURES = "special_measures"
    MEDICAL_ASSESSMENT = "medical_assessment"
    HEALTH_OFFER = "health_offer"


# R12 children and young people: BKF / Koordinerende team; R13 sick and elderly: Sundhedscentret.
OWNERS: dict[ReferralKind, Department] = {
    ReferralKind.DAYCARE: Department.BKF,
    ReferralKind.SCHOOL: Department.BKF,
    ReferralKind.SPECIAL_MEASURES: Department.BKF,
    ReferralKind.MEDICAL_ASSESSMENT: Department.SUNDHEDSCENTRET,
    ReferralKind.HEALTH_OFFER: Department.SUNDHEDSCENTRET,
}

KIND_LABELS = {
    ReferralKind.DAYCARE: "Dagtilbud",
    ReferralKind.SCHOOL: "Skoleindskrivning",
    ReferralKind.SPECIAL_MEASURES: "Særlige foranstaltninger",
    ReferralKind.MEDICAL_ASSESSMENT: "Helbredsvurdering",
    ReferralKind.HEALTH_OFFER: "Tilbud i sundhedsvæsenet og Sundhedscentret",
}


class ReferralStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    STARTED = "started"
    CLOSED = "closed"


class ReferralIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ReferralKind
    person: ShortText = Field(description="who in the household: the person or a family member")
    reason: LongText = Field(min_length=3)


class ReferralUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReferralStatus
    note: LongText = ""


class ReferralOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    kind: str
    owner_department: str
    person: str
    reason: str
    status: str
    note: str | None
    requested_by: str
    requested_at: datetime
    updated_by: str | None
    updated_at: datetime | None
