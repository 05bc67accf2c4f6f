"""H1: temporary units, readiness checks for arrivals, assignment, and the periodic flag."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from housing.readiness import handlers
from housing.readiness.models import PlacementRequest, ReadinessCheck
from housing.readiness.service import flag_unready_arrivals
from housing.units.models import Assignment
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import ArrivalScheduled, CaseOpened

SP = Department.SOCIAL_PSYKIATRI
BIG = 2**64


def _arrival_known(app, case_id: int, *, days: int = 5, household: int = 2, when: datetime | None = None):
    """Housing handles reception.case_opened for a case arriving in ``days`` days."""
    event = CaseOpened(
        case_id=case_id,
        case_number=f"2026-{case_id:06d}",
        residence_basis="asylum_7_1",
        expected_arrival_date=copenhagen_today() + timedelta(days=days),
        household_size=household,
    )
    envelope = envelope_for(event, producer="reception")
    if when is not None:
        envelope = envelope.model_copy(update={"occurred_at": when})
    with app.factory.begin() as session:
        handlers.on_case_opened(session, event, envelope)
    return envelope


def _unit(app, **overrides):
    body = {"address": "Egegårdsvej 22, 1. tv", "capacity": 4, "ready_from": copenhagen_today().isoformat()}
    body.update(overrides)
    resp = app.client.post("/units", json=body, headers=app.as_(SP))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_h1_arrival_without_unit_opens_one_placement_request(make_app):
    app = make_app("housing")
    _arrival_known(app, 11)
    _arrival_known(app, 11)  # the same news twice (another event) asks once
    assert app.count(PlacementRequest) == 1
    board = app.client.get("/readiness", headers=app.as_(SP)).json()
    assert [(r["case_id"], r["status"], r["colour"]) for r in board] == [(11, "missing", "red")]
    assert [e["type"] for e in app.outbox()] == ["housing.placement_requested"]


def test_h1_far_arrival_is_amber_then_green_once_assigned(make_app):
    app = make_app("housing")
    _arrival_known(app, 12, days=30)
    assert app.client.get("/readiness", headers=app.as_(SP)).json()[0]["colour"] == "amber"
    unit = _unit(app)
    resp = app.client.post(f"/units/{unit['id']}/assignments", json={"case_id": 12}, headers=app.as_(SP))
    assert resp.status_code == 201, resp.text
    row = app.client.get("/readiness", headers=app.as_(SP)).json()[0]
    assert (row["colour"], row["unit_id"]) == ("green", unit["id"])
    assigned = app.outbox()[-1]
    assert assigned["type"] == "housing.temporary_assigned"
    assert assigned["payload"]["address"] == "Egegårdsvej 22, 1. tv" and assigned["payload"]["case_id"] == 12
    with app.factory() as session:
        assert session.query(PlacementRequest).one().status == "fulfilled"


def test_h1_capacity_is_checked(make_app):
    app = make_app("housing")
    _arrival_known(app, 21, household=3)
    _arrival_known(app, 22, household=2)
    unit = _unit(app, capacity=4)
    assert (
        app.client.post(f"/units/{unit['id']}/assignments", json={"case_id": 21}, headers=app.as_(SP)).status_code
        == 201
    )
    full = app.client.post(f"/units/{unit['id']}/assignments", json={"case_id": 22}, headers=app.as_(SP))
    assert full.status_code == 409 and "1 free bed" in full.json()["detail"]
    assert app.count(Assignment) == 1


def test_h1_unit_must_be_ready_by_the_arrival_date(make_app):
    app = make_app("housing")
    _arrival_known(app, 31, days=3)
    late = _unit(app, ready_from=(copenhagen_today() + timedelta(days=10)).isoformat())
    resp = app.client.post(f"/units/{late['id']}/assignments", json={"case_id": 31}, headers=app.as_(SP))
    assert resp.status_code == 409 and "after the arrival" in resp.json()["detail"]
    out = _unit(app, status="out_of_service")
    resp = app.client.post(f"/units/{out['id']}/assignments", json={"case_id": 31}, headers=app.as_(SP))
    assert resp.status_code == 409 and "out of service" in resp.json()["detail"]
    assert app.count(Assignment) == 0


def test_h1_a_case_gets_one_unit(make_app):
    app = make_app("housing")
    _arrival_known(app, 41)
    a, b = _unit(app), _unit(app, address="Tårnvej 5")
    assert (
        app.client.post(f"/units/{a['id']}/assignments", json={"case_id": 41}, headers=app.as_(SP)).status_code == 201
    )
    again = app.client.post(f"/units/{b['id']}/assignments", json={"case_id": 41}, headers=app.as_(SP))
    assert again.status_code == 409


def test_h1_older_event_does_not_override_newer_arrival_date(make_app):
    app = make_app("housing")
    now = datetime.now(UTC)
    newer = ArrivalScheduled(
        case_id=51, case_number="2026-000051", arrival_date=copenhagen_today() + timedelta(days=9), household_size=1
    )
    envelope = envelope_for(newer, producer="reception").model_copy(update={"occurred_at": now})
    with app.factory.begin() as session:
        handlers.on_arrival_scheduled(session, newer, envelope)
    _arrival_known(app, 51, days=2, when=now - timedelta(minutes=5))  # case_opened arrives late
    with app.factory() as session:
        assert session.get(ReadinessCheck, 51).arrival_date == copenhagen_today() + timedelta(days=9)


def test_h1_periodic_check_flags_close_arrivals_once_a_day(make_app):
    app = make_app("housing")
    _arrival_known(app, 61, days=2)
    _arrival_known(app, 62, days=40)
    assert flag_unready_arrivals(app.factory, warning_days=7) == 1
    assert flag_unready_arrivals(app.factory, warning_days=7) == 0
    flagged = [e for e in app.outbox() if e["type"] == "housing.readiness_flagged"]
    assert [(e["payload"]["case_id"], e["payload"]["days_left"]) for e in flagged] == [(61, 2)]


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"capacity": 2, "ready_from": "2026-12-01"}, "address"),
        ({"address": "A", "capacity": 0, "ready_from": "2026-12-01"}, "capacity"),
        ({"address": "A", "capacity": BIG, "ready_from": "2026-12-01"}, "capacity"),
        ({"address": "A", "capacity": "many", "ready_from": "2026-12-01"}, "capacity"),
        ({"address": "A\x00", "capacity": 2, "ready_from": "2026-12-01"}, "control characters"),
        ({"address": "A", "capacity": 2, "ready_from": "2026-13-01"}, "ready_from"),
        ({"address": "A", "capacity": 2, "ready_from": "2026-12-01", "status": "haunted"}, "status"),
    ],
)
def test_h1_bad_unit_input_is_422_and_nothing_written(make_app, body, mentions):
    from housing.units.models import TemporaryUnit

    app = make_app("housing")
    resp = app.client.post("/units", json=body, headers=app.as_(SP))
    assert resp.status_code == 422 and mentions in resp.json()["detail"]
    assert app.count(TemporaryUnit) == 0


def test_h1_bad_assignment_input(make_app):
    app = make_app("housing")
    unit = _unit(app)
    headers = app.as_(SP)
    assert (
        app.client.post(f"/units/{unit['id']}/assignments", json={"case_id": 999}, headers=headers).status_code == 404
    )
    assert app.client.post("/units/999/assignments", json={"case_id": 1}, headers=headers).status_code == 404
    assert app.client.post(f"/units/{BIG}/assignments", json={"case_id": 1}, headers=headers).status_code == 422
    assert (
        app.client.post(f"/units/{unit['id']}/assignments", json={"case_id": BIG}, headers=headers).status_code == 422
    )
    assert app.client.post(f"/units/{unit['id']}/assignments", json={}, headers=headers).status_code == 422
    assert app.count(Assignment) == 0


def test_h1_only_social_og_psykiatri_assigns(make_app):
    app = make_app("housing")
    _arrival_known(app, 71)
    unit = _unit(app)
    resp = app.client.post(
        f"/units/{unit['id']}/assignments", json={"case_id": 71}, headers=app.as_(Department.JOBCENTRET)
    )
    assert resp.status_code == 403
    assert (
        app.client.post("/units", json={"address": "x", "capacity": 1, "ready_from": "2026-12-01"}).status_code == 401
    )
    assert app.count(Assignment) == 0
