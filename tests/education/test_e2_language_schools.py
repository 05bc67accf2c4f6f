"""E2 (Sprogskole): language schools; the cooperation with each – strategy and programme texts with a validity
period, edited with their version – and the steering group (styregruppe): members and meetings."""

from __future__ import annotations

from datetime import timedelta

from education.schools.models import CooperationText, LanguageSchool, SteeringMeeting
from shared.auth import Department
from tests.education.helpers import JC, TODAY, created, school


def test_e2_language_schools_with_name_address_contact(make_app):
    app = make_app("education")
    school(app, "Sprogcenter Vestegnen")
    school(app, "Amager Sprogcenter")
    listed = app.client.get("/language-schools", headers=app.as_(JC)).json()
    assert [(s["name"], s["address"], s["contact"]) for s in listed] == [
        ("Amager Sprogcenter", "Rødovrevej 1", "kontor@sprog.dk"),
        ("Sprogcenter Vestegnen", "Rødovrevej 1", "kontor@sprog.dk"),
    ]
    twice = app.client.post(
        "/language-schools", json={"name": "Amager Sprogcenter", "address": "A", "contact": "C"}, headers=app.as_(JC)
    )
    assert twice.status_code == 409 and "exists already" in twice.text and app.count(LanguageSchool) == 2


def test_e2_strategy_and_programme_with_validity_and_a_stale_version_is_409(make_app):
    app = make_app("education")
    s = school(app)
    strategy = created(
        app,
        f"/language-schools/{s['id']}/cooperation",
        {
            "kind": "strategy",
            "title": "Strategi 2027",
            "text": "Fokus på job",
            "valid_from": "2027-01-01",
            "valid_to": "2027-12-31",
        },
    )
    programme = created(
        app,
        f"/language-schools/{s['id']}/cooperation",
        {"kind": "programme", "title": "Program forår", "text": "DU2 modul 1-3", "valid_from": TODAY.isoformat()},
    )
    assert (strategy["kind"], strategy["valid_to"], strategy["version"]) == ("strategy", "2027-12-31", 1)
    assert programme["valid_to"] is None
    listed = app.client.get(f"/language-schools/{s['id']}/cooperation", headers=app.as_(JC)).json()
    assert [t["title"] for t in listed] == ["Strategi 2027", "Program forår"]

    path = f"/cooperation/{strategy['id']}"
    resp = app.client.patch(path, json={"version": 1, "text": "Fokus på job og uddannelse"}, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["version"] == 2 and resp.json()["valid_to"] == "2027-12-31"
    stale = app.client.patch(path, json={"version": 1, "text": "Overskrevet"}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    backwards = app.client.patch(path, json={"version": 2, "valid_to": "2026-06-01"}, headers=app.as_(JC))
    assert backwards.status_code == 422 and "valid_to must not be before valid_from" in backwards.text
    with app.factory() as session:
        row = session.get(CooperationText, strategy["id"])
        assert (row.text, row.version, str(row.valid_to)) == ("Fokus på job og uddannelse", 2, "2027-12-31")


def test_e2_steering_group_members_and_meetings_with_agenda_minutes_decisions(make_app):
    app = make_app("education")
    s = school(app)
    for name, org, role in (("Anne Leder", "Jobcentret", "Formand"), ("Bo Rektor", "Sprogcenter Vestegnen", "Medlem")):
        created(app, f"/language-schools/{s['id']}/steering-members", {"name": name, "organisation": org, "role": role})
    members = app.client.get(f"/language-schools/{s['id']}/steering-members", headers=app.as_(JC)).json()
    assert [(m["name"], m["organisation"], m["role"]) for m in members] == [
        ("Anne Leder", "Jobcentret", "Formand"),
        ("Bo Rektor", "Sprogcenter Vestegnen", "Medlem"),
    ]
    held = created(
        app, f"/language-schools/{s['id']}/steering-meetings", {"held_on": TODAY.isoformat(), "agenda": "1. Fravær"}
    )
    future = created(
        app,
        f"/language-schools/{s['id']}/steering-meetings",
        {"held_on": (TODAY + timedelta(days=30)).isoformat(), "agenda": "1. Budget"},
    )
    body = {"version": 1, "minutes": "Fraværet drøftet", "decisions": "Fælles fraværsliste hver uge"}
    resp = app.client.patch(f"/steering-meetings/{held['id']}", json=body, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["decisions"] == "Fælles fraværsliste hver uge"
    assert resp.json()["version"] == 2
    stale = app.client.patch(f"/steering-meetings/{held['id']}", json=body, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    early = app.client.patch(f"/steering-meetings/{future['id']}", json=body, headers=app.as_(JC))
    assert early.status_code == 409 and "from the day of the meeting" in early.text
    agenda = app.client.patch(
        f"/steering-meetings/{future['id']}", json={"version": 1, "agenda": "1. Budget 2. Evt."}, headers=app.as_(JC)
    )
    assert agenda.status_code == 200
    meetings = app.client.get(f"/language-schools/{s['id']}/steering-meetings", headers=app.as_(JC)).json()
    assert [(m["agenda"], m["minutes"]) for m in meetings] == [
        ("1. Budget 2. Evt.", ""),
        ("1. Fravær", "Fraværet drøftet"),
    ]


def test_e2_only_jobcentret_and_unknown_schools_are_404(make_app):
    app = make_app("education")
    assert app.client.get("/language-schools", headers=app.as_(Department.SUNDHEDSCENTRET)).status_code == 403
    resp = app.client.post(
        "/language-schools/7/steering-meetings", json={"held_on": TODAY.isoformat(), "agenda": "A"}, headers=app.as_(JC)
    )
    assert resp.status_code == 404 and "no language school" in resp.text and app.count(SteeringMeeting) == 0
