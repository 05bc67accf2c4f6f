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
