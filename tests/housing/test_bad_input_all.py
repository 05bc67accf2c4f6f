"""Bad input on every housing endpoint (H1–H6): a 4xx with a message, and nothing half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from housing.db import Base
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.helpers import SP, assigned

BS = Department.BORGERSERVICE
BIG = 2**64


def _row_counts(app) -> dict[str, int]:
    with app.factory() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def _world(app) -> dict[str, int]:
    """One of everything, so each endpoint has a real target."""
    a = assigned(app, 1)
    h = {**app.as_(SP)}
    fac = app.client.post("/facilities", json={"name": "Egegårdsvej 22", "address": "Egegårdsvej 22"}, headers=h).json()
    room = app.client.post(
        f"/facilities/{fac['id']}/rooms",
        json={"name": "V1", "beds": 2, "ready_from": copenhagen_today().isoformat()},
        headers=h,
    ).json()
    item = app.client.post(f"/rooms/{room['id']}/inventory", json={"item": "Seng", "quantity": 1}, headers=h).json()
    req = app.client.post(f"/facilities/{fac['id']}/maintenance", json={"description": "Dør"}, headers=h).json()
    insp = app.client.post(
        f"/facilities/{fac['id']}/inspections", json={"due_on": "2027-01-01", "interval_days": 90}, headers=h
    ).json()
    landlord = app.client.post("/landlords", json={"name": "U", "contact": "K"}, headers=h).json()
    lease = app.client.post(
        "/leases",
        json={
            "unit_id": a["unit_id"],
            "landlord_id": landlord["id"],
            "monthly_rent": "1.00",
            "deposit": "1.00",
            "start_date": "2026-12-01",
            "legal_basis": "lejeloven",
            "terms": "T",
        },
        headers=h,
    ).json()
    dispute = app.client.post(f"/leases/{lease['id']}/disputes", json={"title": "X", "note": "Y"}, headers=h).json()
    furniture = app.client.post(f"/assignments/{a['id']}/furniture", json={"item": "Bord"}, headers=h).json()
    storage = app.client.post(
        "/cases/1/storage",
        json={"location": "L", "description": "D", "from_date": copenhagen_today().isoformat()},
        headers=h,
    ).json()
    need = app.client.post(
        "/permanent-needs",
        json={"case_id": 1, "household_size": 2, "rooms_needed": 1, "needed_by": "2027-01-01"},
        headers=app.as_(BS),
    ).json()
    return {
        "assignment": a["id"],
        "unit": a["unit_id"],
        "facility": fac["id"],
        "room": room["id"],
        "item": item["id"],
        "maintenance": req["id"],
        "inspection": insp["id"],
        "lease": lease["id"],
        "dispute": dispute["id"],
        "furniture": furniture["id"],
        "storage": storage["id"],
        "need": need["id"],
    }


CASES = [
    ("patch", "/units/{unit}", {"version": 1, "status": "haunted"}, SP),
    ("patch", "/units/{unit}", {"status": "ready"}, SP),
    ("post", "/assignments/{assignment}/move-out", {"moved_out_on": "yesterday", "reason": "x"}, SP),
    ("post", "/assignments/{assignment}/move-out", {"moved_out_on": "2026-12-01", "reason": ""}, SP),
    ("put", "/assignments/{assignment}/move-in", {"keys_handed_over": "maybe"}, SP),
    ("post", "/assignments/{assignment}/furniture", {"item": "x" * 201}, SP),
    ("patch", "/furniture/{furniture}", {"status": "lost"}, SP),
    ("post", "/storage/{storage}/end", {"to_date": "2000-01-01"}, SP),
    ("post", "/facilities", {"name": "", "address": "A"}, SP),
    ("post", "/facilities/{facility}/rooms", {"name": "V9", "beds": BIG, "ready_from": "2026-12-01"}, SP),
    ("patch", "/inventory/{item}", {"quantity": -3}, SP),
    ("patch", "/inventory/{item}", {"condition": "gone"}, SP),
    ("post", "/facilities/{facility}/maintenance", {"description": "x", "room_id": BIG}, SP),
    ("patch", "/maintenance/{maintenance}", {"status": "assigned"}, SP),
    ("patch", "/maintenance/{maintenance}", {"status": "exploded"}, SP),
    ("post", "/inspections/{inspection}/complete", {"done_on": "2027-01-01", "inspector": "A", "findings": ""}, SP),
    (
        "post",
        "/inspections/{inspection}/complete",
        {"done_on": "2027-01-01", "inspector": "A", "findings": "F", "follow_up": "x", "follow_up_due": "2026-01-01"},
        SP,
    ),
    ("post", "/landlords", {"name": "N", "contact": "C", "cvr": "abcdefgh"}, SP),
    ("patch", "/leases/{lease}", {"version": 1, "monthly_rent": "abc"}, SP),
    ("patch", "/leases/{lease}", {"version": 1, "end_date": "2026-01-01"}, SP),
    ("post", "/leases/{lease}/disputes", {"title": "T", "note": ""}, SP),
    ("patch", "/disputes/{dispute}", {"status": "forgotten"}, SP),
    ("patch", "/disputes/{dispute}", {}, SP),
    ("post", "/permanent-needs/{need}/priority", {"reason": "\x00" * 12}, BS),
    ("post", "/housing-associations", {"name": "", "contact": "c"}, BS),
    ("post", "/offers/{need}/decision", {"decision": "accepted", "reason": "ok"}, BS),
]


@pytest.mark.parametrize(("method", "path", "body", "department"), CASES)
def test_h1_h6_bad_input_is_4xx_with_a_message_and_writes_nothing(make_app, method, path, body, department):
    app = make_app("housing")
    ids = _world(app)
    before = _row_counts(app)
    outbox_before = len(app.outbox())
    resp = getattr(app.client, method)(path.format(**ids), json=body, headers=app.as_(department))
    assert 400 <= resp.status_code < 500, resp.text
    assert resp.json()["detail"], resp.text
    assert _row_counts(app) == before
    assert len(app.outbox()) == outbox_before
