"""H3: Egegårdsvej 22 — rooms let as units, furniture inventory, maintenance, recurring inspections, occupancy."""

from __future__ import annotations

from datetime import timedelta

from housing.facility.models import Inspection, MaintenanceRequest
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.helpers import SP, arrival_known

JC = Department.JOBCENTRET


def _facility(app):
    resp = app.client.post(
        "/facilities", json={"name": "Egegårdsvej 22", "address": "Egegårdsvej 22, 2610 Rødovre"}, headers=app.as_(SP)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def _room(app, facility_id, name="Værelse 1", beds=2):
    resp = app.client.post(
        f"/facilities/{facility_id}/rooms",
        json={"name": name, "beds": beds, "ready_from": copenhagen_today().isoformat()},
        headers=app.as_(SP),
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_h3_rooms_are_assignable_units_and_occupancy_follows_assignments(make_app):
    app = make_app("housing")
    facility = _facility(app)
    r1, _r2 = _room(app, facility["id"], "Værelse 1", 2), _room(app, facility["id"], "Værelse 2", 3)
    arrival_known(app, 1, household=2)
    resp = app.client.post(f"/units/{r1['unit_id']}/assignments", json={"case_id": 1}, headers=app.as_(SP))
    assert resp.status_code == 201
    occupancy = app.client.get(f"/facilities/{facility['id']}", headers=app.as_(JC)).json()
    assert (occupancy["beds"], occupancy["beds_taken"]) == (5, 2)
    assert [(r["name"], r["beds_taken"]) for r in occupancy["rooms"]] == [("Værelse 1", 2), ("Værelse 2", 0)]
    assert app.outbox()[-1]["payload"]["address"] == "Egegårdsvej 22, 2610 Rødovre, Værelse 1"
    dup = app.client.post(
        f"/facilities/{facility['id']}/rooms",
        json={"name": "Værelse 1", "beds": 1, "ready_from": copenhagen_today().isoformat()},
        headers=app.as_(SP),
    )
    assert dup.status_code == 409


def test_h3_furniture_inventory_per_room(make_app):
    app = make_app("housing")
    room = _room(app, _facility(app)["id"])
    item = app.client.post(
        f"/rooms/{room['id']}/inventory", json={"item": "Køjeseng", "quantity": 1}, headers=app.as_(SP)
    )
    assert item.status_code == 201 and item.json()["condition"] == "good"
    worn = app.client.patch(
        f"/inventory/{item.json()['id']}", json={"condition": "broken", "note": "Knækket lægte"}, headers=app.as_(SP)
    )
    assert worn.json()["condition"] == "broken"
    listed = app.client.get(f"/rooms/{room['id']}/inventory", headers=app.as_(JC)).json()
    assert [(i["item"], i["condition"], i["note"]) for i in listed] == [("Køjeseng", "broken", "Knækket lægte")]
    bad = app.client.post(f"/rooms/{room['id']}/inventory", json={"item": "Stol", "quantity": -1}, headers=app.as_(SP))
    assert bad.status_code == 422
    assert (
        app.client.post("/rooms/999/inventory", json={"item": "Stol", "quantity": 1}, headers=app.as_(SP)).status_code
        == 404
    )


def test_h3_maintenance_reported_assigned_done(make_app):
    app = make_app("housing")
    facility = _facility(app)
    room = _room(app, facility["id"])
    reported = app.client.post(
        f"/facilities/{facility['id']}/maintenance",
        json={"description": "Utæt vandhane i køkkenet", "room_id": room["id"]},
        headers=app.as_(JC, "jc-ole"),
    )
    assert reported.status_code == 201 and reported.json()["reported_by"] == "jc-ole"
    rid = reported.json()["id"]
    by_jc = app.client.patch(f"/maintenance/{rid}", json={"assigned_to": "Vicevært Hans"}, headers=app.as_(JC))
    assert by_jc.status_code == 403
    assigned = app.client.patch(f"/maintenance/{rid}", json={"assigned_to": "Vicevært Hans"}, headers=app.as_(SP))
    assert assigned.json()["status"] == "assigned"
    open_list = app.client.get(f"/facilities/{facility['id']}/maintenance?open_only=true", headers=app.as_(SP)).json()
    assert [m["id"] for m in open_list] == [rid]
    done = app.client.patch(
        f"/maintenance/{rid}", json={"status": "done", "done_note": "Pakning skiftet"}, headers=app.as_(SP)
    )
    assert done.json()["status"] == "done" and done.json()["done_at"]
    assert app.client.get(f"/facilities/{facility['id']}/maintenance?open_only=true", headers=app.as_(SP)).json() == []
    assert app.client.patch(f"/maintenance/{rid}", json={"status": "open"}, headers=app.as_(SP)).status_code == 409
    empty = app.client.post(f"/facilities/{facility['id']}/maintenance", json={"description": ""}, headers=app.as_(SP))
    assert empty.status_code == 422
    assert app.count(MaintenanceRequest) == 1


def test_h3_inspection_findings_follow_up_and_the_next_one_scheduled(make_app):
    app = make_app("housing")
    facility = _facility(app)
    due = copenhagen_today() + timedelta(days=3)
    first = app.client.post(
        f"/facilities/{facility['id']}/inspections",
        json={"due_on": due.isoformat(), "interval_days": 90},
        headers=app.as_(SP),
    ).json()
    no_due = app.client.post(
        f"/inspections/{first['id']}/complete",
        json={
            "done_on": due.isoformat(),
            "inspector": "Tilsyn A",
            "findings": "Røgalarm mangler",
            "follow_up": "Opsæt røgalarm",
        },
        headers=app.as_(SP),
    )
    assert no_due.status_code == 422 and "follow_up_due" in no_due.json()["detail"]
    done = app.client.post(
        f"/inspections/{first['id']}/complete",
        json={
            "done_on": due.isoformat(),
            "inspector": "Tilsyn A",
            "findings": "Røgalarm mangler i værelse 2",
            "follow_up": "Opsæt røgalarm",
            "follow_up_due": (due + timedelta(days=7)).isoformat(),
        },
        headers=app.as_(SP),
    )
    assert done.status_code == 200, done.text
    completed, following = done.json()
    assert completed["findings"].startswith("Røgalarm") and completed["follow_up_done"] is False
    assert following["due_on"] == (due + timedelta(days=90)).isoformat() and following["done_on"] is None
    listed = app.client.get(f"/facilities/{facility['id']}/inspections", headers=app.as_(JC)).json()
    assert [i["due_on"] for i in listed] == [due.isoformat(), (due + timedelta(days=90)).isoformat()]
    again = app.client.post(
        f"/inspections/{first['id']}/complete",
        json={"done_on": due.isoformat(), "inspector": "X", "findings": "Y"},
        headers=app.as_(SP),
    )
    assert again.status_code == 409
    assert app.count(Inspection) == 2


def test_h3_bad_facility_input(make_app):
    app = make_app("housing")
    facility = _facility(app)
    assert (
        app.client.post(
            "/facilities", json={"name": "Kopi", "address": "Egegårdsvej 22, 2610 Rødovre"}, headers=app.as_(SP)
        ).status_code
        == 409
    )
    assert (
        app.client.post(
            f"/facilities/{facility['id']}/inspections",
            json={"due_on": "2026-12-01", "interval_days": 1},
            headers=app.as_(SP),
        ).status_code
        == 422
    )
    assert app.client.get("/facilities/999", headers=app.as_(SP)).status_code == 404
    assert (
        app.client.post(
            f"/facilities/{facility['id']}/rooms",
            json={"name": "X", "beds": 0, "ready_from": "2026-12-01"},
            headers=app.as_(SP),
        ).status_code
        == 422
    )
