"""R3: the onboarding checklist, completed by its owner departments; CPR registration and masking."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from reception.bootstrap import HANDLERS
from reception.onboarding.service import open_checklist
from shared import crypto
from shared.auth import Department
from shared.bus.inbox import Outcome, consume
from tests.reception.helpers import handover

UDL, JC, BS, OK = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.BORGERSERVICE,
    Department.OKONOMI,
)


def _case_with_checklist(app, **overrides):
    """A case as the handover opened it: the checklist opens in the handover's own transaction."""
    case = app.client.post("/handovers", json=handover(**overrides), headers=app.as_(UDL)).json()
    return app.client.get(f"/cases/{case['id']}", headers=app.as_(JC)).json()


def test_r3_the_handover_answers_with_the_six_onboarding_tasks_and_a_refused_one_opens_none(make_app):
    app = make_app("reception")
    body = handover()
    resp = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    tasks = resp.json()["onboarding_tasks"]
    assert len(tasks) == 6 and {t["status"] for t in tasks} == {"open"}
    assert [e["type"] for e in app.outbox()] == ["reception.case_opened"]  # nothing waits on the bus for it
    again = app.client.post("/handovers", json=body, headers=app.as_(UDL))  # the same person again: refused
    assert again.status_code == 409
    with app.factory() as session:
        assert session.execute(text("SELECT count(*) FROM onboarding_task")).scalar_one() == 6


def _task(case, kind):
    return next(t for t in case["onboarding_tasks"] if t["kind"] == kind)


def test_r3_checklist_has_six_tasks_with_owner_and_due_date(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app)
    tasks = {t["kind"]: t for t in case["onboarding_tasks"]}
    assert set(tasks) == {
        "cpr_registration",
        "mitid",
        "health_insurance_card",
        "bank_account",
        "borgerservice_intro",
        "benefits_setup",
    }
    assert tasks["cpr_registration"]["owner_department"] == "borgerservice"
    assert tasks["benefits_setup"]["owner_department"] == "okonomi"
    arrival = date.fromisoformat(case["expected_arrival_date"])
    assert all(date.fromisoformat(t["due_date"]) > arrival for t in tasks.values())
    assert all(t["status"] == "open" for t in tasks.values())


def test_r3_cpr_registration_stores_number_and_publishes_event_without_it(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app, date_of_birth="1990-01-02")
    task = _task(case, "cpr_registration")
    resp = app.client.post(
        f"/onboarding-tasks/{task['id']}/complete", json={"cpr": "0201901234"}, headers=app.as_(BS, "bs-anna")
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "done" and resp.json()["completed_by"] == "bs-anna"
    assert app.client.get(f"/cases/{case['id']}", headers=app.as_(BS)).json()["cpr"] == "020190-1234"
    event = app.outbox()[-1]
    assert event["type"] == "reception.cpr_registered"
    assert event["payload"]["case_id"] == case["id"]
    assert "1234" not in str(event["payload"])


def test_r3_cpr_is_masked_for_departments_that_may_not_see_it(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app, date_of_birth="1990-01-02")
    task = _task(case, "cpr_registration")
    app.client.post(f"/onboarding-tasks/{task['id']}/complete", json={"cpr": "020190-1234"}, headers=app.as_(BS))
    seen_by_health = app.client.get(f"/cases/{case['id']}", headers=app.as_(Department.SUNDHEDSCENTRET)).json()
    assert seen_by_health["cpr"] == "020190-XXXX"
    assert app.client.get(f"/cases/{case['id']}", headers=app.as_(OK)).json()["cpr"] == "020190-1234"


def test_r3_invalid_cpr_is_422_and_nothing_written(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app, date_of_birth="1990-01-02")
    task = _task(case, "cpr_registration")
    events_before = len(app.outbox())
    for bad in ["320190-1234", "02019O1234", "020190-12", "", "030190-1234"]:
        resp = app.client.post(f"/onboarding-tasks/{task['id']}/complete", json={"cpr": bad}, headers=app.as_(BS))
        assert resp.status_code == 422, (bad, resp.text)
        assert resp.json()["field"] == "cpr"
    after = app.client.get(f"/cases/{case['id']}", headers=app.as_(BS)).json()
    assert after["cpr"] is None and _task(after, "cpr_registration")["status"] == "open"
    assert len(app.outbox()) == events_before


def test_r3_only_the_owner_department_completes_a_task(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app)
    bank = _task(case, "bank_account")
    refused = app.client.post(f"/onboarding-tasks/{bank['id']}/complete", json={}, headers=app.as_(BS))
    assert refused.status_code == 403
    assert "Økonomisk Team" in refused.json()["detail"]
    done = app.client.post(
        f"/onboarding-tasks/{bank['id']}/complete", json={"note": "NemKonto ok"}, headers=app.as_(OK)
    )
    assert done.status_code == 200
    again = app.client.post(f"/onboarding-tasks/{bank['id']}/complete", json={}, headers=app.as_(OK))
    assert again.status_code == 409


def test_r3_same_cpr_on_two_cases_is_409(make_app):
    app = make_app("reception")
    first = _case_with_checklist(app, date_of_birth="1990-01-02")
    second = _case_with_checklist(app, date_of_birth="1990-01-02")
    ok = app.client.post(
        f"/onboarding-tasks/{_task(first, 'cpr_registration')['id']}/complete",
        json={"cpr": "020190-1234"},
        headers=app.as_(BS),
    )
    assert ok.status_code == 200
    dup = app.client.post(
        f"/onboarding-tasks/{_task(second, 'cpr_registration')['id']}/complete",
        json={"cpr": "020190-1234"},
        headers=app.as_(BS),
    )
    assert dup.status_code == 409


def test_r3_opening_the_checklist_twice_keeps_six_tasks(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app)
    # Reception's worker then consumes its own case_opened event, and an agreed arrival reopens the list.
    assert consume(app.factory, "reception", app.outbox()[-1], HANDLERS) == Outcome.HANDLED
    with app.factory.begin() as session:
        open_checklist(session, case_id=case["id"], arrival_date=date.fromisoformat(case["expected_arrival_date"]))
    again = app.client.get(f"/cases/{case['id']}", headers=app.as_(JC)).json()
    assert len(again["onboarding_tasks"]) == 6


def test_r3_cpr_is_encrypted_at_rest_and_found_by_its_digest(make_app):
    """A copy of the database does not reveal CPR numbers: the column holds ciphertext, lookups a keyed digest."""
    app = make_app("reception")
    case = _case_with_checklist(app, date_of_birth="1990-01-02")
    other = _case_with_checklist(app, date_of_birth="1990-01-02")
    done = app.client.post(
        f"/onboarding-tasks/{_task(case, 'cpr_registration')['id']}/complete",
        json={"cpr": "020190-1234"},
        headers=app.as_(BS),
    )
    assert done.status_code == 200
    with app.factory() as session:
        raw = session.execute(text("SELECT cpr, cpr_digest FROM cases WHERE id = :id"), {"id": case["id"]}).one()
    assert "1234" not in raw.cpr and "020190" not in raw.cpr and raw.cpr.startswith("gAAAA")  # a Fernet token
    assert raw.cpr_digest == crypto.digest("020190-1234") and "1234" not in raw.cpr_digest
    # The same number on another case is refused through the digest.
    again = app.client.post(
        f"/onboarding-tasks/{_task(other, 'cpr_registration')['id']}/complete",
        json={"cpr": "0201901234"},
        headers=app.as_(BS),
    )
    assert again.status_code == 409


def test_r3_cpr_keys_rotate_without_a_migration():
    """The first key encrypts; every listed key decrypts, so a new key can be put in front of the old one."""
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    stored = crypto.FieldCipher(old, "d" * 40).encrypt("020190-1234")
    rotated = crypto.FieldCipher(f"{new},{old}", "d" * 40)
    assert rotated.decrypt(stored) == "020190-1234"
    assert crypto.FieldCipher(new, "d" * 40).decrypt(rotated.encrypt("x")) == "x"
    with pytest.raises(ValueError, match="cannot be decrypted"):
        crypto.FieldCipher(new, "d" * 40).decrypt(stored)
