"""B1, B2, B4, B9: conversations after a template, per case and template, through the API."""

from __future__ import annotations

from datetime import timedelta

from employment.conversations.models import Conversation
from employment.intake.models import MatchConversation
from shared.auth import Department
from tests.employment.helpers import JC, TODAY, events, known_case

MATCH_ANSWERS = {"work_experience": "Lagerarbejde 4 år", "education": "9 års skolegang", "danish": "Modul 1"}


def start(app, case_id, template, **extra):
    body = {"template": template, "held_on": TODAY.isoformat(), "held_by": "Jens Jobcentret", **extra}
    resp = app.client.post(f"/cases/{case_id}/conversations", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_b1_templates_are_listed_with_their_questions(make_app):
    app = make_app("employment")
    resp = app.client.get("/conversation-templates", headers=app.as_(JC))
    assert resp.status_code == 200
    by_key = {t["key"]: t for t in resp.json()}
    assert {t["row"] for t in by_key.values()} == {"B1", "B2", "B4", "B9"}
    conclusion = next(q for q in by_key["match"]["questions"] if q["key"] == "conclusion")
    assert conclusion["required"] and set(conclusion["choices"]) == {"jobparat", "aktivitetsparat"}
    assert by_key["plan"]["has_actions"] and by_key["family_resources"]["family_reunification_only"]


def test_b1_match_conversation_finalised_publishes_the_classification_and_marks_intake_done(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    draft = start(app, case_id, "match", answers=MATCH_ANSWERS)
    assert draft["status"] == "draft" and draft["version"] == 1
    missing = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 1}, headers=app.as_(JC))
    assert missing.status_code == 422 and "conclusion" in missing.json()["detail"]
    edited = app.client.patch(
        f"/conversations/{draft['id']}",
        json={"version": 1, "answers": {**MATCH_ANSWERS, "conclusion": "aktivitetsparat"}},
        headers=app.as_(JC),
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    assert events(app, "employment.match_classified") == []
    final = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 2}, headers=app.as_(JC))
    assert final.status_code == 200, final.text
    assert final.json()["status"] == "final" and final.json()["finalised_by"] == "testbruger"
    assert events(app, "employment.match_classified") == [
        {"case_id": case_id, "conversation_id": draft["id"], "classification": "aktivitetsparat"}
    ]
    with app.factory() as session:
        assert session.get(MatchConversation, case_id).status == "done"
    # Finalised is read-only.
    again = app.client.patch(f"/conversations/{draft['id']}", json={"version": 3, "held_by": "X"}, headers=app.as_(JC))
    assert again.status_code == 409 and "read-only" in again.json()["detail"]
    assert (
        app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 3}, headers=app.as_(JC)).status_code
        == 409
    )
    assert len(events(app, "employment.match_classified")) == 1


def test_b1_unknown_question_or_choice_is_a_422_naming_it_and_nothing_written(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    for answers, needle in (
        ({"shoe_size": "44"}, "shoe_size"),
        ({**MATCH_ANSWERS, "conclusion": "maybe"}, "conclusion"),
    ):
        body = {"template": "match", "held_on": TODAY.isoformat(), "held_by": "J", "answers": answers}
        resp = app.client.post(f"/cases/{case_id}/conversations", json=body, headers=app.as_(JC))
        assert resp.status_code == 422 and needle in resp.json()["detail"], resp.text
    assert app.count(Conversation) == 0


def test_b1_stale_version_is_a_409_and_one_conversation_per_case_and_template(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    draft = start(app, case_id, "match")
    first = app.client.patch(f"/conversations/{draft['id']}", json={"version": 1, "held_by": "A"}, headers=app.as_(JC))
    assert first.status_code == 200
    stale = app.client.patch(f"/conversations/{draft['id']}", json={"version": 1, "held_by": "B"}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    twice = app.client.post(
        f"/cases/{case_id}/conversations",
        json={"template": "match", "held_on": TODAY.isoformat(), "held_by": "J"},
        headers=app.as_(JC),
    )
    assert twice.status_code == 409
    shown = app.client.get(f"/conversations/{draft['id']}", headers=app.as_(JC)).json()
    assert shown["held_by"] == "A" and app.count(Conversation) == 1


def test_b2_resource_assessment_needs_its_required_answers(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    draft = start(app, case_id, "resource_assessment", answers={"schooling": "12 år i Syrien"})
    resp = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 1}, headers=app.as_(JC))
    assert resp.status_code == 422 and "qualifications" in resp.json()["detail"]
    answers = {
        "schooling": "12 år i Syrien",
        "qualifications": "Sygeplejerske",
        "resources": "Engelsk, arabisk",
        "recognition_needed": "ja",
    }
    app.client.patch(f"/conversations/{draft['id']}", json={"version": 1, "answers": answers}, headers=app.as_(JC))
    final = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 2}, headers=app.as_(JC))
    assert final.status_code == 200 and final.json()["answers"]["recognition_needed"] == "ja"
    assert events(app, "employment.match_classified") == []  # only B1 classifies
    listed = app.client.get(f"/cases/{case_id}/conversations", headers=app.as_(JC)).json()
    assert [c["template"] for c in listed] == ["resource_assessment"]


def test_b4_plan_has_actions_with_partner_and_dates(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    action = {
        "description": "Virksomhedspraktik",
        "partner": "Lager A/S",
        "start_date": (TODAY + timedelta(days=7)).isoformat(),
        "end_date": (TODAY + timedelta(days=60)).isoformat(),
    }
    draft = start(app, case_id, "plan", answers={"goal": "Job som lagerarbejder"})
    no_actions = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 1}, headers=app.as_(JC))
    assert no_actions.status_code == 422 and "action" in no_actions.json()["detail"]
    backwards = {**action, "end_date": (TODAY - timedelta(days=7)).isoformat()}
    bad = app.client.patch(
        f"/conversations/{draft['id']}", json={"version": 1, "actions": [backwards]}, headers=app.as_(JC)
    )
    assert bad.status_code == 422
    resp = app.client.patch(
        f"/conversations/{draft['id']}", json={"version": 1, "actions": [action]}, headers=app.as_(JC)
    )
    assert resp.status_code == 200 and resp.json()["actions"] == [action]
    final = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 2}, headers=app.as_(JC))
    assert final.status_code == 200
    # Actions only where the template has them (B1 has none).
    match = app.client.post(
        f"/cases/{case_id}/conversations",
        json={"template": "match", "held_on": TODAY.isoformat(), "held_by": "J", "actions": [action]},
        headers=app.as_(JC),
    )
    assert match.status_code == 422 and "no actions" in match.json()["detail"]


def test_b9_family_resources_only_for_family_reunified_persons(make_app):
    app = make_app("employment")
    refugee = known_case(app, 8)
    family = known_case(app, 9, basis="family_reunification_9")
    body = {"template": "family_resources", "held_on": TODAY.isoformat(), "held_by": "J"}
    refused = app.client.post(f"/cases/{refugee}/conversations", json=body, headers=app.as_(JC))
    assert refused.status_code == 409 and "family-reunified" in refused.json()["detail"]
    answers = {
        "household": "Ægtefælle og to børn",
        "family_resources": "Ægtefælle taler engelsk",
        "employment_plan": "Sprogpraktik",
    }
    draft = start(app, family, "family_resources", answers=answers)
    final = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 1}, headers=app.as_(JC))
    assert final.status_code == 200 and final.json()["status"] == "final"
    assert app.count(Conversation) == 1


def test_b1_conversations_are_for_jobcentret_and_known_cases_only(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    body = {"template": "match", "held_on": TODAY.isoformat(), "held_by": "J"}
    assert app.client.post(f"/cases/{case_id}/conversations", json=body).status_code == 401
    other = app.client.post(f"/cases/{case_id}/conversations", json=body, headers=app.as_(Department.OKONOMI))
    assert other.status_code == 403
    unknown = app.client.post("/cases/777/conversations", json=body, headers=app.as_(JC))
    assert unknown.status_code == 404 and "not known" in unknown.json()["detail"]
    future = {**body, "held_on": (TODAY + timedelta(days=2)).isoformat()}
    assert app.client.post(f"/cases/{case_id}/conversations", json=future, headers=app.as_(JC)).status_code == 422
    assert app.count(Conversation) == 0
