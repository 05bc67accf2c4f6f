"""H4: private leases — landlords, the contract with its legal basis and terms, disputes (misforhold)."""

from __future__ import annotations

from housing.leases.models import Lease
from shared.auth import Department
from tests.housing.helpers import SP, unit

LEASE = {
    "monthly_rent": "7450.00",
    "deposit": "22350.00",
    "start_date": "2026-12-01",
    "end_date": "2027-11-30",
    "legal_basis": "lejeloven",
    "terms": "Tidsbegrænset lejemål; kommunen fremlejer til flygtninge; husdyr ikke tilladt.",
}


def _landlord(app, **overrides):
    body = {"name": "Ejendomsselskabet Tårnvej ApS", "contact": "Peter Holm, 40 40 40 40", "cvr": "12345678"}
    body.update(overrides)
    resp = app.client.post("/landlords", json=body, headers=app.as_(SP))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_h4_lease_contract_with_legal_basis_and_terms(make_app):
    app = make_app("housing")
    landlord, u = _landlord(app), unit(app, address="Tårnvej 101, 2. th")
    resp = app.client.post(
        "/leases", json={**LEASE, "unit_id": u["id"], "landlord_id": landlord["id"]}, headers=app.as_(SP)
    )
    assert resp.status_code == 201, resp.text
    lease = resp.json()
    assert (lease["monthly_rent"], lease["legal_basis"], lease["version"]) == ("7450.00", "lejeloven", 1)
    overlapping = app.client.post(
        "/leases", json={**LEASE, "unit_id": u["id"], "landlord_id": landlord["id"]}, headers=app.as_(SP)
    )
    assert overlapping.status_code == 409


def test_h4_two_caseworkers_editing_a_lease_do_not_overwrite_each_other(make_app):
    app = make_app("housing")
    landlord, u = _landlord(app), unit(app)
    lease = app.client.post(
        "/leases", json={**LEASE, "unit_id": u["id"], "landlord_id": landlord["id"]}, headers=app.as_(SP)
    ).json()
    first = app.client.patch(
        f"/leases/{lease['id']}", json={"version": 1, "monthly_rent": "7600.00"}, headers=app.as_(SP)
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = app.client.patch(
        f"/leases/{lease['id']}", json={"version": 1, "monthly_rent": "7000.00"}, headers=app.as_(SP)
    )
    assert second.status_code == 409
    assert app.client.get(f"/leases/{lease['id']}", headers=app.as_(SP)).json()["monthly_rent"] == "7600.00"


def test_h4_dispute_with_the_landlord_is_followed_to_resolution(make_app):
    app = make_app("housing")
    landlord, u = _landlord(app), unit(app)
    lease = app.client.post(
        "/leases", json={**LEASE, "unit_id": u["id"], "landlord_id": landlord["id"]}, headers=app.as_(SP)
    ).json()
    opened = app.client.post(
        f"/leases/{lease['id']}/disputes",
        json={"title": "Manglende varme", "note": "Radiatorer kolde siden 1.12."},
        headers=app.as_(SP, "sp-karen"),
    )
    assert opened.status_code == 201 and opened.json()["status"] == "open"
    did = opened.json()["id"]
    talk = app.client.patch(
        f"/disputes/{did}", json={"status": "in_dialogue", "note": "Udlejer kontaktet"}, headers=app.as_(SP)
    )
    assert talk.json()["status"] == "in_dialogue" and len(talk.json()["notes"]) == 2
    missing = app.client.patch(f"/disputes/{did}", json={"status": "resolved"}, headers=app.as_(SP))
    assert missing.status_code == 422 and "resolution" in missing.json()["detail"]
    resolved = app.client.patch(
        f"/disputes/{did}", json={"status": "resolved", "resolution": "VVS udskiftet"}, headers=app.as_(SP)
    )
    assert resolved.json()["status"] == "resolved" and resolved.json()["resolved_at"]
    assert app.client.patch(f"/disputes/{did}", json={"note": "x"}, headers=app.as_(SP)).status_code == 409
    listed = app.client.get(f"/leases/{lease['id']}/disputes", headers=app.as_(Department.JOBCENTRET)).json()
    assert [n["text"] for n in listed[0]["notes"]] == ["Radiatorer kolde siden 1.12.", "Udlejer kontaktet"]


def test_h4_bad_lease_input(make_app):
    app = make_app("housing")
    landlord, u = _landlord(app), unit(app)
    base = {**LEASE, "unit_id": u["id"], "landlord_id": landlord["id"]}
    cases = [
        ({**base, "end_date": "2026-11-01"}, 422),
        ({**base, "monthly_rent": "-1"}, 422),
        ({**base, "monthly_rent": "12.345"}, 422),
        ({**base, "legal_basis": "handshake"}, 422),
        ({**base, "terms": ""}, 422),
        ({**base, "unit_id": 999}, 404),
        ({**base, "landlord_id": 2**64}, 422),
    ]
    for body, code in cases:
        resp = app.client.post("/leases", json=body, headers=app.as_(SP))
        assert resp.status_code == code, (body, resp.text)
    assert (
        app.client.post(
            "/landlords", json={"name": "X", "contact": "Y", "cvr": "1234"}, headers=app.as_(SP)
        ).status_code
        == 422
    )
    assert (
        app.client.post(
            "/landlords", json={"name": "X", "contact": "Y", "cvr": "12345678"}, headers=app.as_(SP)
        ).status_code
        == 409
    )
    assert app.count(Lease) == 0


def test_h4_a_lease_ending_before_the_next_one_starts_is_no_overlap(make_app):
    app = make_app("housing")
    landlord, u = _landlord(app), unit(app)
    later = {**LEASE, "unit_id": u["id"], "landlord_id": landlord["id"], "start_date": "2027-06-01", "end_date": None}
    assert app.client.post("/leases", json=later, headers=app.as_(SP)).status_code == 201
    earlier = {
        **LEASE,
        "unit_id": u["id"],
        "landlord_id": landlord["id"],
        "start_date": "2026-12-01",
        "end_date": "2027-05-31",
    }
    assert app.client.post("/leases", json=earlier, headers=app.as_(SP)).status_code == 201
    overlapping = {**earlier, "start_date": "2027-01-01", "end_date": "2027-07-01"}
    assert app.client.post("/leases", json=overlapping, headers=app.as_(SP)).status_code == 409
