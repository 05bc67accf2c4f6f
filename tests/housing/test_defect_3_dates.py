"""Issue 18, defect 3, housing: dates without plausible bounds are refused (H1 units, H3 facility)."""

from __future__ import annotations

from housing.facility.models import Room
from housing.units.models import TemporaryUnit
from tests.housing.helpers import SP, unit

RANGE = "date must be between 1990-01-01 and"


def test_defect_3_h1_a_unit_ready_from_year_1_is_refused_and_nothing_written(make_app):
    app = make_app("housing")
    for absurd in ("0001-01-01", "1989-12-31", "9999-12-31"):
        body = {"address": "Egegårdsvej 22, 1. tv", "capacity": 4, "ready_from": absurd}
        resp = app.client.post("/units", json=body, headers=app.as_(SP))
        assert resp.status_code == 422 and RANGE in resp.text, (absurd, resp.text)
    assert app.count(TemporaryUnit) == 0


def test_defect_3_h1_a_unit_moved_to_year_1_is_refused_and_keeps_its_date(make_app):
    app = make_app("housing")
    u = unit(app)
    resp = app.client.patch(f"/units/{u['id']}", json={"version": 1, "ready_from": "0001-01-01"}, headers=app.as_(SP))
    assert resp.status_code == 422 and RANGE in resp.text
    listed = app.client.get("/units", headers=app.as_(SP)).json()
    assert [(x["ready_from"], x["version"]) for x in listed] == [(u["ready_from"], 1)]


def test_defect_3_h3_a_facility_room_ready_from_9999_is_refused(make_app):
    app = make_app("housing")
    facility = app.client.post(
        "/facilities", json={"name": "Egegårdsvej 22", "address": "Egegårdsvej 22, 2610 Rødovre"}, headers=app.as_(SP)
    ).json()
    resp = app.client.post(
        f"/facilities/{facility['id']}/rooms",
        json={"name": "Værelse 1", "beds": 2, "ready_from": "9999-12-31"},
        headers=app.as_(SP),
    )
    assert resp.status_code == 422 and RANGE in resp.text
    assert app.count(Room) == 0
