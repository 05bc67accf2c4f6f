"""R4: the integration contract — drawn up at a meeting, signed by both, due a month after the handover."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from shared.auth import Department
from shared.clock import local_date
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET

CONTENT = {
    "meeting_date": copenhagen_today().isoformat(),
    "participants": "Amina Haddad; sagsbehandler Lise Jensen",
    "interpreter": "Tolk Ahmad",
    "interpreter_language": "arabisk",
    "employment_goal": "Ordinært job inden for rengøring inden for et år",
    "danish_goal": "Danskuddannelse 2, modul 3 inden for et år",
    "obligations": "Deltage i danskundervisning og virksomhedspraktik",
    "declaration_signed": True,
}


def _contract(app):
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    resp = app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return case, resp.json()


def test_r4_contract_is_due_a_month_after_the_handover(make_app):
    app = make_app("reception")
    case, contract = _contract(app)
    created = local_date(datetime.fromisoformat(case["created_at"]))  # the handover day in Copenhagen
    assert contract["due_date"] == (created + timedelta(days=30)).isoformat()
    assert contract["status"] == "draft"
    again = app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC))
    assert again.status_code == 409


def test_r4_contract_needs_both_signatures(make_app):
    app = make_app("reception")
    _case, contract = _contract(app)
    saved = app.client.put(f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(JC)).json()
    first = app.client.post(
        f"/contracts/{contract['id']}/sign",
        json={"party": "caseworker", "version": saved["version"]},
        headers=app.as_(JC, "jc-lise"),
    )
    assert first.status_code == 200 and first.json()["status"] == "draft"
    assert "reception.contract_signed" not in [e["type"] for e in app.outbox()]
    second = app.client.post(
        f"/contracts/{contract['id']}/sign",
        json={"party": "citizen", "version": first.json()["version"]},
        headers=app.as_(JC),
    )
    assert second.status_code == 200 and second.json()["status"] == "signed"
    assert second.json()["caseworker_signed_by"] == "jc-lise"
    signed = [e for e in app.outbox() if e["type"] == "reception.contract_signed"]
    assert len(signed) == 1 and signed[0]["payload"]["contract_id"] == contract["id"]
    locked = app.client.put(
        f"/contracts/{contract['id']}", json={**CONTENT, "version": second.json()["version"]}, headers=app.as_(JC)
    )
    assert locked.status_code == 409


def test_r4_signing_requires_the_declaration_and_complete_content(make_app):
    app = make_app("reception")
    _case, contract = _contract(app)
    empty = app.client.post(
        f"/contracts/{contract['id']}/sign", json={"party": "caseworker", "version": 1}, headers=app.as_(JC)
    )
    assert empty.status_code == 422 and "not complete" in empty.json()["detail"]
    saved = app.client.put(
        f"/contracts/{contract['id']}", json={**CONTENT, "declaration_signed": False, "version": 1}, headers=app.as_(JC)
    ).json()
    resp = app.client.post(
        f"/contracts/{contract['id']}/sign",
        json={"party": "caseworker", "version": saved["version"]},
        headers=app.as_(JC),
    )
    assert resp.status_code == 422 and resp.json()["field"] == "declaration_signed"


def test_r4_editing_voids_earlier_signatures(make_app):
    app = make_app("reception")
    _case, contract = _contract(app)
    saved = app.client.put(f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(JC)).json()
    signed = app.client.post(
        f"/contracts/{contract['id']}/sign",
        json={"party": "caseworker", "version": saved["version"]},
        headers=app.as_(JC),
    ).json()
    edited = app.client.put(
        f"/contracts/{contract['id']}",
        json={**CONTENT, "obligations": "Ny tekst", "version": signed["version"]},
        headers=app.as_(JC),
    ).json()
    assert edited["caseworker_signed_at"] is None and edited["status"] == "draft"


def test_r4_two_caseworkers_editing_the_same_contract_get_a_409_not_a_silent_overwrite(make_app):
    app = make_app("reception")
    _case, contract = _contract(app)
    barrier = threading.Barrier(2)
    results: dict[str, int] = {}

    def save(text: str) -> None:
        barrier.wait()
        resp = app.client.put(
            f"/contracts/{contract['id']}",
            json={**CONTENT, "obligations": text, "version": 1},
            headers=app.as_(JC, text),
        )
        results[text] = resp.status_code

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Lise", "Ole")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == [200, 409]
    winner = next(name for name, code in results.items() if code == 200)
    assert app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()["obligations"] == winner


def test_r4_printable_danish_version(make_app):
    app = make_app("reception")
    case, contract = _contract(app)
    app.client.put(f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(JC))
    page = app.client.get(f"/contracts/{contract['id']}/print", headers=app.as_(JC))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Integrationskontrakt" in page.text and case["full_name"] in page.text
    assert "Mål for danskuddannelse" in page.text and "Tolk Ahmad (arabisk)" in page.text


def test_r4_bad_contract_input(make_app):
    app = make_app("reception")
    _case, contract = _contract(app)
    cases = [
        {**CONTENT},  # no version
        {**CONTENT, "version": 1, "participants": ""},
        {**CONTENT, "version": 1, "meeting_date": "31-12-2026"},
        {**CONTENT, "version": 1, "obligations": "a\x00b"},
        {**CONTENT, "version": 2**64},
    ]
    for body in cases:
        assert app.client.put(f"/contracts/{contract['id']}", json=body, headers=app.as_(JC)).status_code == 422
    assert app.client.put("/contracts/999", json={**CONTENT, "version": 1}, headers=app.as_(JC)).status_code == 404
    assert app.client.post("/cases/999/contract", headers=app.as_(JC)).status_code == 404
    assert (
        app.client.post(
            f"/contracts/{contract['id']}/sign", json={"party": "mayor", "version": 1}, headers=app.as_(JC)
        ).status_code
        == 422
    )
    assert (
        app.client.put(
            f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(Department.BORGERSERVICE)
        ).status_code
        == 403
    )
    assert app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()["version"] == 1
