"""E3 (Indsats omkring sproglige barrierer): special language efforts per case – sprogpraktik, virksomhedsdansk,
støtteundervisning, turbodansk – with provider, period, hours per week, status transitions and outcome."""

from __future__ import annotations

from datetime import timedelta

from education.efforts.models import LanguageEffort
from shared.auth import Department
from tests.education.helpers import JC, TODAY, effort, known_case


def test_e3_each_kind_of_effort_planned_for_a_case(make_app):
    app = make_app("education")
    known_case(app, 1)
    kinds = ["sprogpraktik", "virksomhedsdansk", "stoetteundervisning", "turbodansk"]
    for i, kind in enumerate(kinds):
        effort(app, 1, kind=kind, from_date=(TODAY + timedelta(days=i)).isoformat())
    listed = app.client.get("/cases/1/language-efforts", headers=app.as_(JC)).json()
    assert [e["kind"] for e in listed] == kinds
    first = listed[0]
    assert (first["provider"], first["hours_per_week"], first["status"], first["version"]) == (
        "Netto, Rødovre Centrum",
        15,
        "planned",
        1,
    )


def test_e3_status_moves_only_along_the_allowed_transitions_and_completion_needs_an_outcome(make_app):
    app = make_app("education")
    known_case(app, 1)
    e = effort(app, 1)
    path = f"/language-efforts/{e['id']}"
    skip = app.client.patch(path, json={"version": 1, "status": "completed", "outcome": "Godt"}, headers=app.as_(JC))
    assert skip.status_code == 409 and "planned cannot become completed" in skip.text
    started = app.client.patch(path, json={"version": 1, "status": "started"}, headers=app.as_(JC))
    assert started.status_code == 200 and (started.json()["status"], started.json()["version"]) == ("started", 2)
    bare = app.client.patch(path, json={"version": 2, "status": "completed"}, headers=app.as_(JC))
    assert bare.status_code == 422 and "outcome is required" in bare.text
    stale = app.client.patch(path, json={"version": 1, "outcome": "Note"}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    done = app.client.patch(
        path,
        json={"version": 2, "status": "completed", "outcome": "Kan føre en samtale på arbejdet"},
        headers=app.as_(JC),
    )
    assert done.status_code == 200 and done.json()["outcome"] == "Kan føre en samtale på arbejdet"
    final = app.client.patch(path, json={"version": 3, "status": "cancelled"}, headers=app.as_(JC))
    assert final.status_code == 409 and "completed cannot become cancelled" in final.text
    assert app.client.get(path, headers=app.as_(JC)).json()["status"] == "completed"


def test_e3_a_planned_or_started_effort_can_be_cancelled(make_app):
    app = make_app("education")
    known_case(app, 1)
    e = effort(app, 1, kind="turbodansk")
    resp = app.client.patch(
        f"/language-efforts/{e['id']}",
        json={"version": 1, "status": "cancelled", "outcome": "Fik job"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 200 and resp.json()["status"] == "cancelled"


def test_e3_period_from_not_after_to_and_unknown_case(make_app):
    app = make_app("education")
    known_case(app, 1)
    body = {
        "kind": "sprogpraktik",
        "provider": "P",
        "from_date": TODAY.isoformat(),
        "to_date": (TODAY - timedelta(days=1)).isoformat(),
        "hours_per_week": 10,
    }
    resp = app.client.post("/cases/1/language-efforts", json=body, headers=app.as_(JC))
    assert resp.status_code == 422 and "to_date must not be before from_date" in resp.text
    same_day = {**body, "to_date": TODAY.isoformat()}
    assert app.client.post("/cases/1/language-efforts", json=same_day, headers=app.as_(JC)).status_code == 201
    resp = app.client.post("/cases/9/language-efforts", json=same_day, headers=app.as_(JC))
    assert resp.status_code == 404 and "not known" in resp.text
    assert (
        app.client.post("/cases/1/language-efforts", json=same_day, headers=app.as_(Department.BKF)).status_code == 403
    )
    assert app.count(LanguageEffort) == 1
