"""Helpers for housing tests: make housing know an arrival, create units."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from housing.readiness import handlers
from shared.auth import Department
from shared.bus.envelope import EventEnvelope, envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import CaseOpened

SP = Department.SOCIAL_PSYKIATRI


def arrival_known(app: Any, case_id: int, *, days: int = 5, household: int = 2) -> EventEnvelope:
    """Housing handles reception.case_opened for a case arriving in ``days`` days."""
    event = CaseOpened(
        case_id=case_id,
        case_number=f"2026-{case_id:06d}",
        residence_basis="asylum_7_1",
        expected_arrival_date=copenhagen_today() + timedelta(days=days),
        household_size=household,
    )
    envelope = envelope_for(event, producer="reception")
    with app.factory.begin() as session:
        handlers.on_case_opened(session, event, envelope)
    return envelope


def unit(app: Any, **overrides: Any) -> dict[str, Any]:
    body = {"address": "Egegårdsvej 22, 1. tv", "capacity": 4, "ready_from": copenhagen_today().isoformat()}
    body.update(overrides)
    resp = app.client.post("/units", json=body, headers=app.as_(SP))
    assert resp.status_code == 201, resp.text
    return dict(resp.json())


def assigned(app: Any, case_id: int, **unit_overrides: Any) -> dict[str, Any]:
    """An arrival known to housing with a unit assigned; returns the assignment."""
    arrival_known(app, case_id)
    u = unit(app, **unit_overrides)
    resp = app.client.post(f"/units/{u['id']}/assignments", json={"case_id": case_id}, headers=app.as_(SP))
    assert resp.status_code == 201, resp.text
    return dict(resp.json())
