"""The six onboarding tasks and what completing one takes."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from shared.auth import Department
from shared.validation import CaseDate, LongText


class TaskKind(enum.StrEnum):
    CPR_REGISTRATION = "cpr_registration"
    MITID = "mitid"
    HEALTH_INSURANCE_CARD = "health_insurance_card"
    BANK_ACCOUNT = "bank_account"
    BORGERSERVICE_INTRO = "borgerservice_intro"
    BENEFITS_SETUP = "benefits_setup"


@dataclass(frozen=True)
class TaskSpec:
    title: str  # Danish, as caseworkers say it
    owner: Department
    days_after_arrival: int


CHECKLIST: dict[TaskKind, TaskSpec] = {
    TaskKind.CPR_REGISTRATION: TaskSpec("CPR-registrering", Department.BORGERSERVICE, 3),
    TaskKind.MITID: TaskSpec("MitID", Department.BORGERSERVICE, 14),
    TaskKind.HEALTH_INSURANCE_CARD: TaskSpec("Sundhedskort (sygesikring)", Department.BORGERSERVICE, 14),
    TaskKind.BANK_ACCOUNT: TaskSpec("Bankkonto og NemKonto", Department.OKONOMI, 14),
    TaskKind.BORGERSERVICE_INTRO: TaskSpec("Borgerservices introprogram", Department.BORGERSERVICE, 14),
    TaskKind.BENEFITS_SETUP: TaskSpec("Forsørgelse oprettet (Økonomisk Team)", Department.OKONOMI, 7),
}


class CompleteTaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cpr: str | None = None
    # CPR registration: the date of the registration in CPR as moved to the municipality, as CPR shows it.
    # Required for quota refugees and the family-reunified (integrationsloven § 4, stk. 3).
    registered_on: CaseDate | None = None
    note: LongText = ""
