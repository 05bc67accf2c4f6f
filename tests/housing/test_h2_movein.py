"""H2: the move-in checklist (keys, meters, house rules, guidance), furniture, moving out."""

from __future__ import annotations

from datetime import timedelta

from housing.movein.models import FurnitureItem
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.helpers import SP, assigned

COMPLETE = {
    "keys_handed_over": True,
    "electricity_reading": "12345,6",
    "water_reading": "321",
    "heating_reading": "88.25",
    "house_rules_explained": True,
    "guidance_given": True,
    "notes": "Tolk: arabisk",
}


def test_h2_partial_checklist_lists_what_is_missing_and_publishes_nothing(make_app):
    app = make_app("housing")
    a = assigned(app, 1)
    resp = app.client.put(f"/assignments/{a['id']}/move-in", json={"keys_handed_over": True}, headers=app.as_(SP))
    assert resp.status_code == 200, resp.text
    assert resp.json()["completed_at"] is None
    assert "house_rules_explained" in resp.json()["missing"] and "keys_handed_over" not in resp.json()["missing"]
    assert "housing.moved_in" not in [e["type"] for e in app.outbox()]


def test_h2_complete_checklist_records_move_in_once_and_publishes_it(make_app):
    app = make_app("housing")
    a = assigned(app, 2)
    resp = app.client.put(f"/assignments/{a['id']}/move-in", json=COMPLETE, headers=app.as_(SP))
    assert resp.status_code == 200 and resp.json()["missing"] == [] and resp.json()["completed_at"]
    moved = [e for e in app.outbox() if e["type"] == "housing.moved_in"]
    assert len(moved) == 1 and moved[0]["payload"]["case_id"] == 2
    again = app.client.put(f"/assignments/{a['id']}/move-in", json=COMPLETE, headers=app.as_(SP))
    assert again.status_code == 409


def test_h2_bad_meter_readings_and_future_move_in_are_422(make_app):
    app = make_app("housing")
    a = assigned(app, 3)
    for body in ({**COMPLETE, "water_reading": "lots"}, {**COMPLETE, "electricity_reading": "1" * 12}):
        resp = app.client.put(f"/assignments/{a['id']}/move-in", json=body, headers=app.as_(SP))
        assert resp.status_code == 422, resp.text
    future = {**COMPLETE, "moved_in_on": (copenhagen_today() + timedelta(days=3)).isoformat()}
    resp = app.client.put(f"/assignments/{a['id']}/move-in", json=future, headers=app.as_(SP))
    assert resp.status_code == 422 and resp.json()["field"] == "moved_in_on"
    assert "housing.moved_in" not in [e["type"] for e in app.outbox()]


def test_h2_furniture_needs_and_purchases(make_app):
    app = make_app("housing")
    a = assigned(app, 4)
    bed = app.client.post(f"/assignments/{a['id']}/furniture", json={"item": "Seng 90 cm"}, headers=app.as_(SP))
    assert bed.status_code == 201 and bed.json()["status"] == "needed"
    ordered = app.client.patch(
        f"/furniture/{bed.json()['id']}",
        json={"status": "ordered", "supplier": "JYSK Rødovre", "cost": "1299.95"},
        headers=app.as_(SP),
    )
    assert ordered.status_code == 200 and ordered.json()["cost"] == "1299.95"
    no_date = app.client.patch(f"/furniture/{bed.json()['id']}", json={"status": "delivered"}, headers=app.as_(SP))
    assert no_date.status_code == 422 and "delivered_on" in no_date.json()["detail"]
    delivered = app.client.patch(
        f"/furniture/{bed.json()['id']}",
        json={"status": "delivered", "delivered_on": copenhagen_today().isoformat()},
        headers=app.as_(SP),
    )
    assert delivered.json()["status"] == "delivered"
    listed = app.client.get(f"/assignments/{a['id']}/furniture", headers=app.as_(SP)).json()
    assert [(f["item"], f["supplier"], f["status"]) for f in listed] == [("Seng 90 cm", "JYSK Rødovre", "delivered")]
    bad_cost = app.client.post(
        f"/assignments/{a['id']}/furniture", json={"item": "Bord", "cost": "-5"}, headers=app.as_(SP)
    )
    assert bad_cost.status_code == 422
    assert app.count(FurnitureItem) == 1


def test_h2_move_out_ends_the_assignment_frees_the_bed_and_publishes(make_app):
    app = make_app("housing")
    a = assigned(app, 5, capacity=2)
    body = {"moved_out_on": copenhagen_today().isoformat(), "reason": "Flyttet til egen bolig"}
    resp = app.client.post(f"/assignments/{a['id']}/move-out", json=body, headers=app.as_(SP))
    assert resp.status_code == 200 and resp.json()["active"] is False and resp.json()["ended_on"]
    assert app.client.get("/units", headers=app.as_(SP)).json()[0]["beds_taken"] == 0
    out = [e for e in app.outbox() if e["type"] == "housing.moved_out"]
    assert len(out) == 1 and out[0]["payload"]["reason"] == "Flyttet til egen bolig"
    again = app.client.post(f"/assignments/{a['id']}/move-out", json=body, headers=app.as_(SP))
    assert again.status_code == 409
    assert app.client.put(f"/assignments/{a['id']}/move-in", json=COMPLETE, headers=app.as_(SP)).status_code == 409
