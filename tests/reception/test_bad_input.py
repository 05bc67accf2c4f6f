"""Bad input to reception's API: each a 4xx with a message saying what is wrong, nothing written."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from reception.cases.models import Case
from shared.auth import Department
from shared.bus.models import OutboxMessage
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import arrival, handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET
BIG = 2**64


def _without(field: str) -> dict:
    body = handover()
    del body[field]
    return body


BAD_HANDOVERS = [
    (_without("full_name"), "full_name"),
    (_without("immigration_person_id"), "immigration_person_id"),
    (_without("expected_arrival_date"), "expected_arrival_date"),
    (handover(full_name=""), "full_name"),
    (handover(full_name=123), "full_name"),
    (handover(full_name="Amina\x00Haddad"), "control characters"),
    (handover(asylum_centre="x" * 201), "asylum_centre"),
    (handover(date_of_birth="1990-02-30"), "date_of_birth"),
    (handover(date_of_birth=(copenhagen_today() + timedelta(days=1)).isoformat()), "future"),
    (handover(nationality="ZZZ"), "nationality"),
    (handover(nationality="SY"), "nationality"),
    (handover(residence_basis="tourist"), "residence_basis"),
    (handover(expected_arrival_date=(copenhagen_today() - timedelta(days=1)).isoformat()), "today or later"),
    (handover(immigration_person_id="../../etc"), "immigration_person_id"),
    (handover(immigration_person_id=BIG), "immigration_person_id"),
    (handover(family_members=[{"full_name": "X"}]), "family_members"),
    (handover(family_members="none"), "family_members"),
    (handover(unexpected="field"), "unexpected"),
]


@pytest.mark.parametrize(("body", "mentions"), BAD_HANDOVERS)
def test_r1_bad_handover_is_422_with_message_and_nothing_written(make_app, body, mentions):
    app = make_app("reception")
    resp = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert resp.status_code == 422, resp.text
    assert mentions in resp.json()["detail"]
    assert app.count(Case) == 0 and app.count(OutboxMessage) == 0


def test_r1_malformed_json_and_wrong_content_are_4xx(make_app):
    app = make_app("reception")
    headers = {**app.as_(UDL), "content-type": "application/json"}
    assert app.client.post("/handovers", content=b"{not json", headers=headers).status_code == 422
    assert app.client.post("/handovers", content=b"[1, 2]", headers=headers).status_code == 422
    assert app.client.post("/handovers", headers=app.as_(UDL)).status_code == 422
    assert app.count(Case) == 0


def test_r1_oversized_body_is_413_and_nothing_written(make_app):
    app = make_app("reception")
    body = handover(full_name="A" * 2_000_000)
    resp = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert resp.status_code == 413
    assert "larger than" in resp.json()["detail"]
    assert app.count(Case) == 0


@pytest.mark.parametrize("case_id", [str(BIG), "0", "-1", "abc", "1.5", "9" * 40])
def test_r1_bad_case_ids_are_4xx_not_500(make_app, case_id):
    app = make_app("reception")
    resp = app.client.get(f"/cases/{case_id}", headers=app.as_(JC))
    assert resp.status_code in (404, 422), resp.text
    resp = app.client.post(f"/cases/{case_id}/arrival", json=arrival(), headers=app.as_(JC))
    assert resp.status_code in (404, 422), resp.text


def test_r2_arrival_for_unknown_case_is_404(make_app):
    app = make_app("reception")
    resp = app.client.post("/cases/4242/arrival", json=arrival(), headers=app.as_(JC))
    assert resp.status_code == 404 and "4242" in resp.json()["detail"]
    assert app.count(OutboxMessage) == 0


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"place": "Rødovre St.", "arranged_by": "Lise"}, "arrival_date"),
        (arrival(arrival_date="not a date"), "arrival_date"),
        (arrival(place="\x00"), "control characters"),
        (arrival(kind="teleport"), "kind"),
        (arrival(arranged_by=""), "arranged_by"),
    ],
)
def test_r2_bad_arrival_is_422(make_app, body, mentions):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    resp = app.client.post(f"/cases/{case['id']}/arrival", json=body, headers=app.as_(JC))
    assert resp.status_code == 422 and mentions in resp.json()["detail"]
    assert [e["type"] for e in app.outbox()] == ["reception.case_opened"]


def test_bad_onboarding_task_ids_and_bodies(make_app):
    app = make_app("reception")
    headers = app.as_(Department.BORGERSERVICE)
    assert app.client.post("/onboarding-tasks/77/complete", json={}, headers=headers).status_code == 404
    assert app.client.post(f"/onboarding-tasks/{BIG}/complete", json={}, headers=headers).status_code == 422
    assert app.client.post("/onboarding-tasks/1/complete", json={"cpr": 12}, headers=headers).status_code == 422


def test_requests_without_valid_token_are_401(make_app):
    app = make_app("reception")
    assert app.client.post("/handovers", json=handover()).status_code == 401
    assert app.client.get("/cases").status_code == 401
    forged = jwt.encode(
        {"sub": "x", "dept": "jobcentret", "exp": 9999999999},
        "not-the-secret-but-long-enough-for-hs256-0123",
        algorithm="HS256",
    )
    resp = app.client.get("/cases", headers={"Authorization": f"Bearer {forged}"})
    assert resp.status_code == 401 and "signed" in resp.json()["detail"]
    expired = jwt.encode({"sub": "x", "dept": "jobcentret", "exp": 1}, app.client.app.state.settings.auth_secret)
    assert app.client.get("/cases", headers={"Authorization": f"Bearer {expired}"}).status_code == 401
    alg_none = jwt.encode({"sub": "x", "dept": "jobcentret", "exp": 9999999999}, None, algorithm="none")
    assert app.client.get("/cases", headers={"Authorization": f"Bearer {alg_none}"}).status_code == 401
    unknown_dept = jwt.encode(
        {"sub": "x", "dept": "nasa", "exp": 9999999999}, app.client.app.state.settings.auth_secret
    )
    assert app.client.get("/cases", headers={"Authorization": f"Bearer {unknown_dept}"}).status_code == 401
    assert app.count(Case) == 0


def test_other_departments_writes_are_403(make_app):
    app = make_app("reception")
    resp = app.client.post("/handovers", json=handover(), headers=app.as_(Department.SUNDHEDSCENTRET))
    assert resp.status_code == 403 and "may not" in resp.json()["detail"]
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    resp = app.client.post(f"/cases/{case['id']}/arrival", json=arrival(), headers=app.as_(Department.BORGERSERVICE))
    assert resp.status_code == 403
    assert app.client.get("/cases", headers=app.as_(Department.INTEGRATIONSRAADET)).status_code == 403
    assert app.count(Case) == 1
