"""E4 (Opfølgning på progression, fravær og sanktion): module tests passed, the follow-up conversation on
registered absence, and the list of absences still without one."""

from __future__ import annotations

from datetime import timedelta

from education.absence.models import FollowUpConversation, ModuleTest
from tests.education.helpers import JC, TODAY, absence, known_case


def test_e4_progression_module_tests_passed_with_date(make_app):
    app = make_app("education")
    known_case(app, 1)
    path = "/cases/1/module-tests"
    for module, days in ((2, 3), (1, 40)):
        body = {"track": "DU2", "module": module, "passed_on": (TODAY - timedelta(days=days)).isoformat()}
        assert app.client.post(path, json=body, headers=app.as_(JC)).status_code == 201
    twice = app.client.post(
        path, json={"track": "DU2", "module": 1, "passed_on": TODAY.isoformat()}, headers=app.as_(JC)
    )
    assert twice.status_code == 409 and "passed already" in twice.text
    listed = app.client.get(path, headers=app.as_(JC)).json()
    assert [(r["track"], r["module"], r["passed_on"]) for r in listed] == [
        ("DU2", 1, (TODAY - timedelta(days=40)).isoformat()),
        ("DU2", 2, (TODAY - timedelta(days=3)).isoformat()),
    ]
    assert all(r["registered_by"] == "testbruger" for r in listed) and app.count(ModuleTest) == 2
    future = {"track": "DU2", "module": 3, "passed_on": (TODAY + timedelta(days=1)).isoformat()}
    resp = app.client.post(path, json=future, headers=app.as_(JC))
    assert resp.status_code == 422 and "future" in resp.text and app.count(ModuleTest) == 2


def test_e4_follow_up_conversation_planned_then_held_with_sanction_recommendation(make_app):
    app = make_app("education")
    known_case(app, 1)
    a = absence(app, 1)
    planned = TODAY + timedelta(days=3)
    resp = app.client.post(
        f"/absences/{a['id']}/follow-up", json={"planned_on": planned.isoformat()}, headers=app.as_(JC)
    )
    assert resp.status_code == 201, resp.text
    f = resp.json()
    assert (f["planned_on"], f["held_on"], f["sanction_recommended"], f["version"]) == (
        planned.isoformat(),
        None,
        None,
        1,
    )
    again = app.client.post(
        f"/absences/{a['id']}/follow-up", json={"planned_on": planned.isoformat()}, headers=app.as_(JC)
    )
    assert again.status_code == 409 and app.count(FollowUpConversation) == 1

    moved = app.client.patch(
        f"/follow-ups/{f['id']}", json={"version": 1, "planned_on": TODAY.isoformat()}, headers=app.as_(JC)
    )
    assert moved.status_code == 200 and moved.json()["version"] == 2
    held = {
        "version": 2,
        "held_on": TODAY.isoformat(),
        "summary": "Fravær pga. manglende børnepasning; vejledt om pligten til at deltage",
        "sanction_recommended": True,
    }
    stale = app.client.patch(f"/follow-ups/{f['id']}", json={**held, "version": 1}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    resp = app.client.patch(f"/follow-ups/{f['id']}", json=held, headers=app.as_(JC))
    assert resp.status_code == 200, resp.text
    assert (resp.json()["held_on"], resp.json()["sanction_recommended"]) == (TODAY.isoformat(), True)
    events = [e for e in app.outbox() if e["type"] == "education.absence_followed_up"]
    assert [e["payload"] for e in events] == [
        {"case_id": 1, "absence_id": a["id"], "held_on": TODAY.isoformat(), "sanction_recommended": True}
    ]
    twice = app.client.patch(f"/follow-ups/{f['id']}", json={**held, "version": 3}, headers=app.as_(JC))
    assert twice.status_code == 409 and "held already" in twice.text
    assert len([e for e in app.outbox() if e["type"] == "education.absence_followed_up"]) == 1


def test_e4_held_conversation_needs_summary_and_sanction_answer(make_app):
    app = make_app("education")
    known_case(app, 1)
    a = absence(app, 1)
    f = app.client.post(f"/absences/{a['id']}/follow-up", json={"planned_on": TODAY.isoformat()}, headers=app.as_(JC))
    path = f"/follow-ups/{f.json()['id']}"
    for body, needle in (
        ({"version": 1, "held_on": TODAY.isoformat(), "sanction_recommended": False}, "summary is required"),
        ({"version": 1, "held_on": TODAY.isoformat(), "summary": "S"}, "sanction_recommended is required"),
        ({"version": 1, "summary": "S"}, "held_on is required"),
        (
            {
                "version": 1,
                "held_on": (TODAY - timedelta(days=30)).isoformat(),
                "summary": "S",
                "sanction_recommended": False,
            },
            "held_on must be between",
        ),
    ):
        resp = app.client.patch(path, json=body, headers=app.as_(JC))
        assert resp.status_code == 422 and needle in resp.text, (body, resp.text)
    assert app.client.get(path, headers=app.as_(JC)).json()["version"] == 1


def test_e4_list_of_absences_still_without_a_follow_up_conversation(make_app):
    app = make_app("education")
    known_case(app, 1)
    known_case(app, 2)
    none_yet = absence(app, 1)
    planned = absence(app, 2)
    held = absence(app, 1, course="DU2 modul 2")
    absence(app, 2, course="Samfundsfag", absent_hours=3, excused_hours=3)  # all excused: nothing to follow up
    app.client.post(f"/absences/{planned['id']}/follow-up", json={"planned_on": TODAY.isoformat()}, headers=app.as_(JC))
    f = app.client.post(
        f"/absences/{held['id']}/follow-up", json={"planned_on": TODAY.isoformat()}, headers=app.as_(JC)
    )
    body = {"version": 1, "held_on": TODAY.isoformat(), "summary": "Godt møde", "sanction_recommended": False}
    assert app.client.patch(f"/follow-ups/{f.json()['id']}", json=body, headers=app.as_(JC)).status_code == 200
    rows = app.client.get("/absences/without-follow-up", headers=app.as_(JC)).json()
    assert [(r["id"], r["follow_up"] is not None) for r in rows] == [(none_yet["id"], False), (planned["id"], True)]
    assert rows[0]["unexcused_hours"] == 6
