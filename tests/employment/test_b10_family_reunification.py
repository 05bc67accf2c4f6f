"""B10 Familiesammenføring til udlændinge: the security deposit (sikkerhedsstillelse), effort and coordination notes."""

from __future__ import annotations

from datetime import timedelta

from employment.reunification.models import ReunificationNote, SecurityDeposit
from tests.employment.helpers import JC, TODAY


def family_case(app, basis="family"):
    body = {"name": "Leyla Haddad", "date_of_birth": "1992-06-01", "residence_basis": basis}
    resp = app.client.post("/foreigner-cases", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


def test_b10_security_deposit_lodged_then_released(make_app):
    app = make_app("employment")
    case_id = family_case(app)
    resp = app.client.post(
        f"/foreigner-cases/{case_id}/security-deposit",
        json={"amount": "120000.00", "form": "bank_guarantee"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 201, resp.text
    dep = resp.json()
    assert dep["amount"] == "120000.00" and dep["lodged_on"] is None
    early = app.client.post(
        f"/security-deposits/{dep['id']}/released",
        json={"version": 1, "released_on": TODAY.isoformat()},
        headers=app.as_(JC),
    )
    assert early.status_code == 409 and "not been lodged" in early.json()["detail"]
    lodged_on = (TODAY - timedelta(days=30)).isoformat()
    lodged = app.client.post(
        f"/security-deposits/{dep['id']}/lodged", json={"version": 1, "lodged_on": lodged_on}, headers=app.as_(JC)
    )
    assert lodged.status_code == 200 and lodged.json()["lodged_on"] == lodged_on
    before = app.client.post(
        f"/security-deposits/{dep['id']}/released",
        json={"version": 2, "released_on": (TODAY - timedelta(days=31)).isoformat()},
        headers=app.as_(JC),
    )
    assert before.status_code == 422
    released = app.client.post(
        f"/security-deposits/{dep['id']}/released",
        json={"version": 2, "released_on": TODAY.isoformat()},
        headers=app.as_(JC),
    )
    assert released.status_code == 200 and released.json()["released_on"] == TODAY.isoformat()
    shown = app.client.get(f"/foreigner-cases/{case_id}/security-deposit", headers=app.as_(JC)).json()
    assert shown["version"] == 3 and shown["released_on"] == TODAY.isoformat()


def test_b10_one_deposit_per_family_reunification_case_only(make_app):
    app = make_app("employment")
    case_id = family_case(app)
    body = {"amount": "120000.00", "form": "deposit"}
    assert (
        app.client.post(f"/foreigner-cases/{case_id}/security-deposit", json=body, headers=app.as_(JC)).status_code
        == 201
    )
    again = app.client.post(f"/foreigner-cases/{case_id}/security-deposit", json=body, headers=app.as_(JC))
    assert again.status_code == 409
    worker = family_case(app, "work")
    other = app.client.post(f"/foreigner-cases/{worker}/security-deposit", json=body, headers=app.as_(JC))
    assert other.status_code == 409 and "not a family-reunification case" in other.json()["detail"]
    negative = app.client.post(
        f"/foreigner-cases/{case_id}/security-deposit", json={"amount": "-5", "form": "deposit"}, headers=app.as_(JC)
    )
    assert negative.status_code == 422
    assert app.count(SecurityDeposit) == 1


def test_b10_stale_version_is_a_409(make_app):
    app = make_app("employment")
    case_id = family_case(app)
    dep = app.client.post(
        f"/foreigner-cases/{case_id}/security-deposit", json={"amount": "1000", "form": "deposit"}, headers=app.as_(JC)
    ).json()
    app.client.post(
        f"/security-deposits/{dep['id']}/lodged",
        json={"version": 1, "lodged_on": TODAY.isoformat()},
        headers=app.as_(JC),
    )
    stale = app.client.post(
        f"/security-deposits/{dep['id']}/lodged",
        json={"version": 1, "lodged_on": TODAY.isoformat()},
        headers=app.as_(JC),
    )
    assert stale.status_code == 409


def test_b10_employment_effort_and_coordination_notes(make_app):
    app = make_app("employment")
    case_id = family_case(app)
    for kind, text in (("effort", "Henvist til sprogpraktik"), ("coordination", "Aftalt med BKF om dagtilbud")):
        resp = app.client.post(
            f"/foreigner-cases/{case_id}/reunification-notes",
            json={"kind": kind, "noted_on": TODAY.isoformat(), "text": text},
            headers=app.as_(JC, "Karin"),
        )
        assert resp.status_code == 201 and resp.json()["by"] == "Karin"
    notes = app.client.get(f"/foreigner-cases/{case_id}/reunification-notes", headers=app.as_(JC)).json()
    assert [n["kind"] for n in notes] == ["effort", "coordination"]
    future = {"kind": "effort", "noted_on": (TODAY + timedelta(days=1)).isoformat(), "text": "x"}
    assert (
        app.client.post(f"/foreigner-cases/{case_id}/reunification-notes", json=future, headers=app.as_(JC)).status_code
        == 422
    )
    assert app.count(ReunificationNote) == 2
