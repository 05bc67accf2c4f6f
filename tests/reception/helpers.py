"""Valid request bodies for reception tests."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's


def handover(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "immigration_person_id": f"UDL-{uuid.uuid4().hex[:10]}",
        "full_name": "Amina Haddad",
        "date_of_birth": "1990-01-02",
        "nationality": "SYR",
        "residence_basis": "asylum_7_1",
        "asylum_centre": "Center Sandholm",
        "asylum_centre_contact": "Mette Hansen, 72 11 22 33",
        "family_members": [{"full_name": "Omar Haddad", "date_of_birth": "2015-03-04", "relation": "child"}],
        "expected_arrival_date": (copenhagen_today() + timedelta(days=10)).isoformat(),
    }
    body.update(overrides)
    return body


def arrival(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "arrival_date": (copenhagen_today() + timedelta(days=12)).isoformat(),
        "kind": "pickup",
        "place": "Rødovre Station",
        "arranged_by": "Sagsbehandler Lise Jensen",
    }
    body.update(overrides)
    return body


def kontanthjaelp(
    amount: str | None = None, start: str = "2026-11-01", account: bool = True, **situation: Any
) -> dict[str, Any]:
    """A kontanthjælp body: a 36-year-old without children (mindstesats unless the situation says otherwise);
    with ``amount`` the benefit is that amount, with a reason for differing from the suggestion."""
    body: dict[str, Any] = {
        "benefit_type": "kontanthjaelp",
        "situation": {"birth_date": "1990-01-02", **situation},
        "start_date": start,
        "payment_account_registered": account,
    }
    if amount is not None:
        body["monthly_amount"] = amount
        body["override_reason"] = "Beløbet er fastsat efter fradrag for indtægt (testens beløb)"
    return body
