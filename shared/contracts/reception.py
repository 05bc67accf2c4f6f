"""Events reception publishes. Personal data stays in reception: no names, no CPR numbers here."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from shared.bus.envelope import Event, contract


@contract("reception.case_opened", 1)
class CaseOpened(Event):
    """Udlændingestyrelsen handed a person over and reception opened the case (R1)."""

    case_id: int
    case_number: str
    residence_basis: str
    expected_arrival_date: date
    household_size: int = Field(ge=1)


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
