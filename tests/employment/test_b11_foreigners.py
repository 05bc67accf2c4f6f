"""B11 Beskæftigelsesindsats for øvrige udlændinge: cases created in employment (no CPR), conversations and
guidance, a Danish-class enrolment, attendance follow-up, and effort when the citizen asks."""

from __future__ import annotations

from datetime import timedelta

from employment.foreigners.models import ForeignerCase
from shared.access import AccessLog
from shared.auth import Department
from tests.employment.helpers import JC, TODAY

PERSON = {"name": "Ana Pereira", "date_of_birth": "1990-04-12", "residence_basis": "eu_eea"}


def person(app):
    resp = app.client.post("/foreigner-cases", json=PERSON, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_b11_a_case_is_created_in_employment_without_a_cpr_number(make_app):
    app = make_app("employment")
    case = person(app)
    assert case["name"] == "Ana Pereira" and "cpr" not in case
    with_cpr = app.client.post("/foreigner-cases", json={**PERSON, "cpr": "1204901234"}, headers=app.as_(JC))
    assert with_cpr.status_code == 422 and "cpr" in with_cpr.text
    unborn = app.client.post("/foreigner-cases", json={**PERSON, "date_of_birth": "2099-01-01"}, headers=app.as_(JC))
    assert unborn.status_code == 422 and "future" in unborn.text
    assert app.count(ForeignerCase) == 1
    # Name and birth date are personal data: Jobcentret only, and each read is logged.
    assert app.client.get(f"/foreigner-cases/{case['id']}", headers=app.as_(Department.OKONOMI)).status_code == 403
    assert app.client.get(f"/foreigner-cases/{case['id']}", headers=app.as_(JC, "Karin")).status_code == 200
    with app.factory() as session:
        log = session.query(AccessLog).filter_by(case_id=case["id"]).all()
        assert [(a.user, a.department, a.action) for a in log] == [("Karin", "jobcentret", "read_foreigner_case")]


def test_b11_guidance_and_attendance_notes(make_app):
    app = make_app("employment")
    case = person(app)
    for kind, text in (("guidance", "Råd om jobsøgning"), ("attendance", "Mødt 9 af 10 gange")):
        resp = app.client.post(
            f"/foreigner-cases/{case['id']}/notes",
            json={"kind": kind, "noted_on": TODAY.isoformat(), "text": text},
            headers=app.as_(JC, "Karin"),
        )
        assert resp.status_code == 201 and resp.json()["by"] == "Karin"
    detail = app.client.get(f"/foreigner-cases/{case['id']}", headers=app.as_(JC)).json()
    assert [(n["kind"], n["text"]) for n in detail["notes"]] == [
        ("guidance", "Råd om jobsøgning"),
        ("attendance", "Mødt 9 af 10 gange"),
    ]


def test_b11_danish_class_enrolment_request_once_and_its_status(make_app):
    app = make_app("employment")
    case = person(app)
    body = {"school": "Sprogcenter Rødovre", "requested_on": TODAY.isoformat()}
    resp = app.client.post(f"/foreigner-cases/{case['id']}/danish-classes", json=body, headers=app.as_(JC))
    assert resp.status_code == 201 and resp.json()["status"] == "requested"
    twice = app.client.post(f"/foreigner-cases/{case['id']}/danish-classes", json=body, headers=app.as_(JC))
    assert twice.status_code == 409
    enrolled = app.client.patch(
        f"/danish-class-requests/{resp.json()['id']}", json={"version": 1, "status": "enrolled"}, headers=app.as_(JC)
    )
    assert enrolled.status_code == 200 and enrolled.json()["status"] == "enrolled"
    stale = app.client.patch(
        f"/danish-class-requests/{resp.json()['id']}", json={"version": 1, "status": "declined"}, headers=app.as_(JC)
    )
    assert stale.status_code == 409


def test_b11_effort_on_the_citizens_request_with_date_and_response(make_app):
    app = make_app("employment")
    case = person(app)
    received = (TODAY - timedelta(days=3)).isoformat()
    resp = app.client.post(
        f"/foreigner-cases/{case['id']}/citizen-requests",
        json={"received_on": received, "request": "Hjælp til CV"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 201 and resp.json()["response"] is None
    rid = resp.json()["id"]
    early = {"responded_on": (TODAY - timedelta(days=5)).isoformat(), "response": "x"}
    assert app.client.post(f"/citizen-requests/{rid}/response", json=early, headers=app.as_(JC)).status_code == 422
    answer = {"responded_on": TODAY.isoformat(), "response": "Tid hos jobkonsulent 3. december"}
    done = app.client.post(f"/citizen-requests/{rid}/response", json=answer, headers=app.as_(JC, "Karin"))
    assert done.status_code == 200 and done.json()["responded_by"] == "Karin"
    assert app.client.post(f"/citizen-requests/{rid}/response", json=answer, headers=app.as_(JC)).status_code == 409
    detail = app.client.get(f"/foreigner-cases/{case['id']}", headers=app.as_(JC)).json()
    assert detail["citizen_requests"][0]["response"] == "Tid hos jobkonsulent 3. december"
