"""E2 (Sprogskole): language schools; the cooperation with each – strategy and programme texts with a validity
period, edited with their version – and the steering group (styregruppe): members and meetings. A member is
changed with their version, and one who leaves is taken off the current list but kept (with the day they left)."""

from __future__ import annotations

from datetime import timedelta

from education.schools.models import CooperationText, LanguageSchool, SteeringMeeting, SteeringMember
from shared.auth import Department
from shared.clock import today
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


def _member(app, school_id: int, name: str = "Anne Leder", organisation: str = "Jobcentret", role: str = "Medlem"):
    body = {"name": name, "organisation": organisation, "role": role}
    return created(app, f"/language-schools/{school_id}/steering-members", body)


def _members(app, school_id: int, query: str = "") -> list[tuple[str, str, str, str | None]]:
    resp = app.client.get(f"/language-schools/{school_id}/steering-members{query}", headers=app.as_(JC))
    assert resp.status_code == 200, resp.text
    return [(m["name"], m["organisation"], m["role"], m["left_on"]) for m in resp.json()]


def _stored(app, member_id: int) -> tuple[str, str, str, object, int]:
    with app.factory() as session:
        row = session.get(SteeringMember, member_id)
        return (row.name, row.organisation, row.role, row.left_on, row.version)


def test_e2_steering_member_new_role_and_organisation_with_version_and_a_stale_version_is_409(make_app):
    """E2: a member's role and organisation change (visible in the list); the same version twice is a 409."""
    app = make_app("education")
    s = school(app)
    anne = _member(app, s["id"])
    assert (anne["version"], anne["left_on"], anne["updated_by"]) == (1, None, "testbruger")
    path = f"/steering-members/{anne['id']}"
    body = {"version": 1, "organisation": "Rødovre Kommune", "role": "Formand"}
    resp = app.client.patch(path, json=body, headers=app.as_(JC, "Karen Leder"))
    assert resp.status_code == 200, resp.text
    assert (resp.json()["version"], resp.json()["updated_by"]) == (2, "Karen Leder")
    assert _members(app, s["id"]) == [("Anne Leder", "Rødovre Kommune", "Formand", None)]

    stale = app.client.patch(path, json={"version": 1, "role": "Næstformand"}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    assert _stored(app, anne["id"]) == ("Anne Leder", "Rødovre Kommune", "Formand", None, 2)
    renamed = app.client.patch(path, json={"version": 2, "name": "Anne Leder-Hansen"}, headers=app.as_(JC))
    assert renamed.status_code == 200 and renamed.json()["role"] == "Formand" and renamed.json()["version"] == 3


def test_e2_member_who_leaves_is_off_the_current_list_and_kept_in_the_history(make_app):
    """E2: leaving sets left_on (today unless told); the member is gone from the current list, not deleted."""
    app = make_app("education")
    s = school(app)
    anne = _member(app, s["id"], role="Formand")
    bo = _member(app, s["id"], "Bo Rektor", "Sprogcenter Vestegnen")
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    resp = app.client.post(
        f"/steering-members/{bo['id']}/leave", json={"version": 1, "left_on": yesterday}, headers=app.as_(JC)
    )
    assert resp.status_code == 200, resp.text
    assert (resp.json()["left_on"], resp.json()["version"]) == (yesterday, 2)
    assert _members(app, s["id"]) == [("Anne Leder", "Jobcentret", "Formand", None)]
    assert _members(app, s["id"], "?include_left=true") == [
        ("Anne Leder", "Jobcentret", "Formand", None),
        ("Bo Rektor", "Sprogcenter Vestegnen", "Medlem", yesterday),
    ]
    assert app.count(SteeringMember) == 2

    again = app.client.post(f"/steering-members/{bo['id']}/leave", json={"version": 2}, headers=app.as_(JC))
    assert again.status_code == 409 and "left the group" in again.text
    changed = app.client.patch(f"/steering-members/{bo['id']}", json={"version": 2, "role": "X"}, headers=app.as_(JC))
    assert changed.status_code == 409 and "left the group" in changed.text
    assert _stored(app, bo["id"])[2:] == ("Medlem", TODAY - timedelta(days=1), 2)

    stale = app.client.post(f"/steering-members/{anne['id']}/leave", json={"version": 7}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    now = app.client.post(f"/steering-members/{anne['id']}/leave", json={"version": 1}, headers=app.as_(JC))
    assert now.status_code == 200 and now.json()["left_on"] == today().isoformat()
    assert _members(app, s["id"]) == []


def test_e2_changing_or_removing_a_member_bad_input_is_4xx_with_a_message_and_changes_nothing(make_app):
    """E2: bad input, unknown ids (404) and other departments (403) leave the member as they were."""
    app = make_app("education")
    s = school(app)
    anne = _member(app, s["id"])
    edit, leave = f"/steering-members/{anne['id']}", f"/steering-members/{anne['id']}/leave"
    future = (TODAY + timedelta(days=1)).isoformat()
    for method, path, body, status, said in (
        ("patch", edit, {"version": 1}, 422, "give a name, organisation or role"),
        ("patch", edit, {"version": 1, "role": ""}, 422, "role"),
        ("patch", edit, {"version": 1, "role": "x" * 201}, 422, "role"),
        ("patch", edit, {"version": 1, "name": "A\x00B"}, 422, "control characters"),
        ("patch", edit, {"version": "one", "role": "Formand"}, 422, "version"),
        ("patch", edit, {"role": "Formand"}, 422, "version"),
        ("patch", edit, {"version": 1, "role": "Formand", "left_on": future}, 422, "left_on"),
        ("post", leave, {"version": 1, "left_on": future}, 422, "left_on must not be in the future"),
        ("post", leave, {"version": 1, "left_on": "2026-02-30"}, 422, "left_on"),
        ("post", leave, {}, 422, "version"),
        ("patch", "/steering-members/999", {"version": 1, "role": "Formand"}, 404, "no steering-group member"),
        ("post", "/steering-members/999/leave", {"version": 1}, 404, "no steering-group member"),
        ("patch", f"/steering-members/{2**64}", {"version": 1, "role": "Formand"}, 422, "member_id"),
    ):
        resp = getattr(app.client, method)(path, json=body, headers=app.as_(JC))
        assert resp.status_code == status and said in resp.text, (path, body, resp.text)
    for department in (Department.BORGERSERVICE, Department.SUNDHEDSCENTRET):
        resp = app.client.patch(edit, json={"version": 1, "role": "Formand"}, headers=app.as_(department))
        assert resp.status_code == 403, resp.text
        resp = app.client.post(leave, json={"version": 1}, headers=app.as_(department))
        assert resp.status_code == 403, resp.text
    assert _stored(app, anne["id"]) == ("Anne Leder", "Jobcentret", "Medlem", None, 1)
    assert app.count(SteeringMember) == 1
