"""B3 Formel godkendelse af uddannelse: the application, its document checklist, submission, the answer."""

from __future__ import annotations

from datetime import timedelta

from employment.recognition.models import Recognition
from tests.employment.helpers import JC, TODAY, known_case

ALL = {"diploma": True, "transcripts": True, "translation": True, "identity": True}


def application(app, case_id):
    body = {"qualification": "Sygeplejerske (bachelor)", "country": "Syrien", "authority": "stps"}
    resp = app.client.post(f"/cases/{case_id}/recognitions", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_b3_submit_only_when_every_document_is_collected(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    r = application(app, case_id)
    assert r["status"] == "collecting" and not any(r[d] for d in ALL)
    partly = app.client.patch(
        f"/recognitions/{r['id']}/documents",
        json={"version": 1, "diploma": True, "identity": True},
        headers=app.as_(JC),
    )
    assert partly.status_code == 200 and partly.json()["version"] == 2
    early = app.client.post(
        f"/recognitions/{r['id']}/submit", json={"version": 2, "submitted_on": TODAY.isoformat()}, headers=app.as_(JC)
    )
    assert early.status_code == 409 and "transcripts, translation" in early.json()["detail"]
    app.client.patch(f"/recognitions/{r['id']}/documents", json={"version": 2, **ALL}, headers=app.as_(JC))
    sent = app.client.post(
        f"/recognitions/{r['id']}/submit", json={"version": 3, "submitted_on": TODAY.isoformat()}, headers=app.as_(JC)
    )
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    # Once sent, the checklist is settled.
    late = app.client.patch(
        f"/recognitions/{r['id']}/documents", json={"version": 4, "diploma": False}, headers=app.as_(JC)
    )
    assert late.status_code == 409


def test_b3_the_answer_recognised_as_or_refused_is_recorded(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    r = application(app, case_id)
    app.client.patch(f"/recognitions/{r['id']}/documents", json={"version": 1, **ALL}, headers=app.as_(JC))
    answer = {"version": 2, "outcome": "recognised", "answered_on": TODAY.isoformat(), "recognised_as": "Sygeplejerske"}
    not_sent = app.client.post(f"/recognitions/{r['id']}/answer", json=answer, headers=app.as_(JC))
    assert not_sent.status_code == 409
    app.client.post(
        f"/recognitions/{r['id']}/submit", json={"version": 2, "submitted_on": TODAY.isoformat()}, headers=app.as_(JC)
    )
    no_title = app.client.post(
        f"/recognitions/{r['id']}/answer", json={**answer, "version": 3, "recognised_as": None}, headers=app.as_(JC)
    )
    assert no_title.status_code == 422 and "recognised_as is required" in no_title.text
    resp = app.client.post(f"/recognitions/{r['id']}/answer", json={**answer, "version": 3}, headers=app.as_(JC))
    assert resp.status_code == 200
    assert resp.json()["status"] == "recognised" and resp.json()["recognised_as"] == "Sygeplejerske"
    second = application(app, case_id)
    app.client.patch(f"/recognitions/{second['id']}/documents", json={"version": 1, **ALL}, headers=app.as_(JC))
    app.client.post(
        f"/recognitions/{second['id']}/submit",
        json={"version": 2, "submitted_on": TODAY.isoformat()},
        headers=app.as_(JC),
    )
    refused = {"version": 3, "outcome": "refused", "answered_on": TODAY.isoformat(), "note": "Mangler praktik"}
    resp = app.client.post(f"/recognitions/{second['id']}/answer", json=refused, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["status"] == "refused" and resp.json()["recognised_as"] is None
    listed = app.client.get(f"/cases/{case_id}/recognitions", headers=app.as_(JC)).json()
    assert [x["status"] for x in listed] == ["recognised", "refused"]


def test_b3_stale_versions_and_impossible_dates_are_refused(make_app):
    app = make_app("employment")
    r = application(app, known_case(app))
    app.client.patch(f"/recognitions/{r['id']}/documents", json={"version": 1, **ALL}, headers=app.as_(JC))
    stale = app.client.patch(
        f"/recognitions/{r['id']}/documents", json={"version": 1, "diploma": False}, headers=app.as_(JC)
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    future = {"version": 2, "submitted_on": (TODAY + timedelta(days=1)).isoformat()}
    assert app.client.post(f"/recognitions/{r['id']}/submit", json=future, headers=app.as_(JC)).status_code == 422
    with app.factory() as session:
        row = session.get(Recognition, r["id"])
        assert row.status == "collecting" and row.diploma is True
    assert (
        app.client.post(
            "/cases/404/recognitions",
            json={"qualification": "Q", "country": "C", "authority": "ufs"},
            headers=app.as_(JC),
        ).status_code
        == 404
    )
