"""H1: unit types and status changes with version checks, storage of belongings, the double-booking race."""

from __future__ import annotations

import threading
from datetime import timedelta

from housing.storage.models import StoredBelongings
from housing.units.models import Assignment
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.helpers import SP, arrival_known, unit


def test_h1_unit_status_change_needs_the_current_version(make_app):
    app = make_app("housing")
    u = unit(app, unit_type="room")
    assert (u["unit_type"], u["status"], u["version"]) == ("room", "ready", 1)
    first = app.client.patch(f"/units/{u['id']}", json={"version": 1, "status": "being_prepared"}, headers=app.as_(SP))
    assert first.status_code == 200 and first.json()["status"] == "being_prepared" and first.json()["version"] == 2
    stale = app.client.patch(f"/units/{u['id']}", json={"version": 1, "status": "out_of_service"}, headers=app.as_(SP))
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    listed = app.client.get("/units", headers=app.as_(SP)).json()
    assert listed[0]["status"] == "being_prepared"


def test_h1_capacity_cannot_drop_below_beds_taken(make_app):
    app = make_app("housing")
    arrival_known(app, 5, household=3)
    u = unit(app, capacity=4)
    app.client.post(f"/units/{u['id']}/assignments", json={"case_id": 5}, headers=app.as_(SP))
    resp = app.client.patch(f"/units/{u['id']}", json={"version": 1, "capacity": 2}, headers=app.as_(SP))
    assert resp.status_code == 409 and resp.json()["field"] == "capacity"


def test_h1_double_booking_race_for_the_last_bed_has_one_winner(make_app):
    """Many caseworkers assign the last bed at once: exactly one succeeds, the rest get 409."""
    app = make_app("housing")
    cases = list(range(100, 110))
    for case_id in cases:
        arrival_known(app, case_id, household=1)
    u = unit(app, capacity=1)
    barrier = threading.Barrier(len(cases))
    codes: list[int] = []

    def assign(case_id: int) -> None:
        barrier.wait()
        resp = app.client.post(f"/units/{u['id']}/assignments", json={"case_id": case_id}, headers=app.as_(SP))
        codes.append(resp.status_code)

    threads = [threading.Thread(target=assign, args=(c,)) for c in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201] + [409] * (len(cases) - 1)
    assert app.count(Assignment) == 1
    assert [e["type"] for e in app.outbox()].count("housing.temporary_assigned") == 1


def test_h1_storage_of_belongings_where_what_from_to(make_app):
    app = make_app("housing")
    arrival_known(app, 7)
    start = copenhagen_today()
    resp = app.client.post(
        "/cases/7/storage",
        json={
            "location": "Depotrum B, Egegårdsvej 22",
            "description": "4 kufferter, 1 barnevogn",
            "from_date": start.isoformat(),
        },
        headers=app.as_(SP),
    )
    assert resp.status_code == 201, resp.text
    stored = resp.json()
    end = app.client.post(
        f"/storage/{stored['id']}/end", json={"to_date": (start + timedelta(days=20)).isoformat()}, headers=app.as_(SP)
    )
    assert end.status_code == 200 and end.json()["to_date"] == (start + timedelta(days=20)).isoformat()
    listed = app.client.get("/cases/7/storage", headers=app.as_(Department.JOBCENTRET)).json()
    assert [(s["location"], s["description"]) for s in listed] == [
        ("Depotrum B, Egegårdsvej 22", "4 kufferter, 1 barnevogn")
    ]


def test_h1_bad_storage_input(make_app):
    app = make_app("housing")
    arrival_known(app, 8)
    today = copenhagen_today().isoformat()
    bad = [
        ({"location": "x", "description": "y", "from_date": today, "to_date": "2000-01-01"}, "to_date"),
        ({"location": "", "description": "y", "from_date": today}, "location"),
        ({"location": "x", "description": "", "from_date": today}, "description"),
        ({"location": "x", "description": "y\x00", "from_date": today}, "control characters"),
    ]
    for body, mentions in bad:
        resp = app.client.post("/cases/8/storage", json=body, headers=app.as_(SP))
        assert resp.status_code == 422 and mentions in resp.json()["detail"], (body, resp.text)
    unknown = app.client.post(
        "/cases/999/storage", json={"location": "x", "description": "y", "from_date": today}, headers=app.as_(SP)
    )
    assert unknown.status_code == 404
    assert app.client.post("/storage/55/end", json={"to_date": today}, headers=app.as_(SP)).status_code == 404
    assert app.count(StoredBelongings) == 0
