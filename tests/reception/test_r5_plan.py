"""R5: the integration plan — actions owned by named departments and services, with status and due dates."""

from __future__ import annotations

from datetime import timedelta

from reception.bootstrap import HANDLERS
from reception.plans.models import IntegrationPlan, PlanAction
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.education import EducationPlanActionUpdated
from shared.contracts.housing import HousingPlanActionUpdated
from shared.contracts.plans import PlanActionStatus
from tests.reception.helpers import handover

UDL, JC, BKF, SC = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.BKF,
    Department.SUNDHEDSCENTRET,
)
DUE = (copenhagen_today() + timedelta(days=20)).isoformat()


def _case_with_plan(app) -> int:
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    resp = app.client.post(f"/cases/{case['id']}/plan", json={"reason": "Flere aktører"}, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return int(case["id"])


def _action(app, case_id: int, owner: str, title: str = "Skoleindskrivning") -> dict:
    resp = app.client.post(
        f"/cases/{case_id}/plan/actions",
        json={"owner": owner, "title": title, "due_date": DUE, "details": "Tre børn"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 201, resp.text
    return dict(resp.json())


def _report(app, event, producer: str):
    envelope = envelope_for(event, producer=producer)
    return consume(app.factory, "reception", envelope.model_dump(mode="json"), HANDLERS)


def test_r5_actions_for_other_services_are_published_department_actions_are_not(make_app):
    app = make_app("reception")
    case_id = _case_with_plan(app)
    housing = _action(app, case_id, "housing", "Bolig med elevator")
    bkf = _action(app, case_id, "bkf")
    assigned = [e for e in app.outbox() if e["type"] == "reception.plan_action_assigned"]
    assert [e["payload"]["action_id"] for e in assigned] == [housing["id"]]
    payload = assigned[0]["payload"]
    assert payload["owner"] == "housing" and payload["title"] == "Bolig med elevator" and payload["due_date"] == DUE
    assert "full_name" not in payload and "cpr" not in payload
    plan = app.client.get(f"/cases/{case_id}/plan", headers=app.as_(BKF)).json()
    assert [(a["owner"], a["status"]) for a in plan["actions"]] == [("housing", "planned"), ("bkf", "planned")]
    assert plan["reason"] == "Flere aktører" and bkf["version"] == 1
    again = app.client.post(f"/cases/{case_id}/plan", json={"reason": "Igen"}, headers=app.as_(JC))
    assert again.status_code == 409 and app.count(IntegrationPlan) == 1


def test_r5_owning_department_moves_its_action_others_may_not(make_app):
    app = make_app("reception")
    case_id = _case_with_plan(app)
    bkf = _action(app, case_id, "bkf")
    housing = _action(app, case_id, "housing")
    body = {"status": "in_progress", "note": "Møde aftalt", "version": 1}
    assert app.client.patch(f"/plan-actions/{bkf['id']}", json=body, headers=app.as_(SC)).status_code == 403
    moved = app.client.patch(f"/plan-actions/{bkf['id']}", json=body, headers=app.as_(BKF))
    assert moved.status_code == 200 and moved.json()["status"] == "in_progress" and moved.json()["version"] == 2
    stale = app.client.patch(f"/plan-actions/{bkf['id']}", json={**body, "status": "done"}, headers=app.as_(BKF))
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    backwards = app.client.patch(
        f"/plan-actions/{bkf['id']}", json={"status": "planned", "version": 2}, headers=app.as_(BKF)
    )
    assert backwards.status_code == 409
    # A service's action follows that service's reports, not edits in reception.
    by_hand = app.client.patch(
        f"/plan-actions/{housing['id']}", json={"status": "done", "version": 1}, headers=app.as_(JC)
    )
    assert by_hand.status_code == 409 and "reports its status" in by_hand.json()["detail"]


def test_r5_withdrawing_a_service_action_tells_the_service_once(make_app):
    app = make_app("reception")
    case_id = _case_with_plan(app)
    action = _action(app, case_id, "education")
    body = {"reason": "Borgeren er flyttet", "version": 1}
    assert app.client.post(f"/plan-actions/{action['id']}/withdraw", json=body, headers=app.as_(BKF)).status_code == 403
    done = app.client.post(f"/plan-actions/{action['id']}/withdraw", json=body, headers=app.as_(JC))
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    twice = app.client.post(f"/plan-actions/{action['id']}/withdraw", json={**body, "version": 2}, headers=app.as_(JC))
    assert twice.status_code == 409
    withdrawn = [e for e in app.outbox() if e["type"] == "reception.plan_action_withdrawn"]
    assert [(e["payload"]["action_id"], e["payload"]["owner"]) for e in withdrawn] == [(action["id"], "education")]


def test_r5_service_reports_move_the_action_forward_only_and_only_from_its_owner(make_app):
    app = make_app("reception")
    case_id = _case_with_plan(app)
    action = _action(app, case_id, "housing")

    def status() -> str:
        plan = app.client.get(f"/cases/{case_id}/plan", headers=app.as_(JC)).json()
        return str(plan["actions"][0]["status"])

    foreign = EducationPlanActionUpdated(case_id=case_id, action_id=action["id"], status=PlanActionStatus.DONE)
    assert _report(app, foreign, "education") == Outcome.HANDLED and status() == "planned"
    done = HousingPlanActionUpdated(
        case_id=case_id, action_id=action["id"], status=PlanActionStatus.DONE, note="Nøgler udleveret"
    )
    assert _report(app, done, "housing") == Outcome.HANDLED and status() == "done"
    older = HousingPlanActionUpdated(case_id=case_id, action_id=action["id"], status=PlanActionStatus.IN_PROGRESS)
    assert _report(app, older, "housing") == Outcome.HANDLED and status() == "done"  # arrived late: ignored
    timeline = app.client.get(f"/cases/{case_id}/timeline", headers=app.as_(JC)).json()
    assert any("Bolig har meldt indsatsen udført: Nøgler udleveret" in e["summary"] for e in timeline)


def test_r5_open_actions_are_on_the_owning_departments_deadline_list(make_app):
    app = make_app("reception")
    case_id = _case_with_plan(app)
    action = _action(app, case_id, "sundhedscentret", "Helbredsvurdering")
    housing = _action(app, case_id, "housing", "Bolig med elevator")
    items = app.client.get("/deadlines?within_days=30", headers=app.as_(SC)).json()
    assert [(d["kind"], d["ref_id"]) for d in items if d["kind"] == "plan_action"] == [("plan_action", action["id"])]
    social = app.client.get("/deadlines?within_days=30", headers=app.as_(Department.SOCIAL_PSYKIATRI)).json()
    assert [d["ref_id"] for d in social if d["kind"] == "plan_action"] == [housing["id"]]


def test_r5_bad_input_is_refused_with_a_message_and_nothing_written(make_app):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    cid = case["id"]
    before = len(app.outbox())
    no_plan = app.client.post(
        f"/cases/{cid}/plan/actions", json={"owner": "bkf", "title": "X", "due_date": DUE}, headers=app.as_(JC)
    )
    assert no_plan.status_code == 404 and "no integration plan" in no_plan.json()["detail"]
    assert app.client.post(f"/cases/{cid}/plan", json={}, headers=app.as_(JC)).status_code == 422
    assert app.client.post(f"/cases/{cid}/plan", json={"reason": "ok"}, headers=app.as_(BKF)).status_code == 403
    assert app.client.post(f"/cases/{cid}/plan", json={"reason": "ok"}).status_code == 401
    assert app.client.post("/cases/999999/plan", json={"reason": "Flere"}, headers=app.as_(JC)).status_code == 404
    assert app.client.post(f"/cases/{2**64}/plan", json={"reason": "Flere"}, headers=app.as_(JC)).status_code == 422
    assert app.count(IntegrationPlan) == 0
    app.client.post(f"/cases/{cid}/plan", json={"reason": "Flere aktører"}, headers=app.as_(JC))
    past = (copenhagen_today() - timedelta(days=1)).isoformat()
    for body, needle in (
        ({"owner": "bkf", "title": "X", "due_date": past}, "past"),
        ({"owner": "nasa", "title": "X", "due_date": DUE}, "owner"),
        ({"owner": "bkf", "due_date": DUE}, "title"),
        ({"owner": "bkf", "title": "A\x00B", "due_date": DUE}, "title"),
        ({"owner": "bkf", "title": "X" * 201, "due_date": DUE}, "title"),
        ({"owner": "bkf", "title": "X", "due_date": "31.12.2026"}, "due_date"),
        ({"owner": "bkf", "title": "X", "due_date": DUE, "extra": 1}, "extra"),
    ):
        resp = app.client.post(f"/cases/{cid}/plan/actions", json=body, headers=app.as_(JC))
        assert resp.status_code == 422, (body, resp.text)
        assert needle in resp.text
    assert app.count(PlanAction) == 0
    assert (
        app.client.patch(
            "/plan-actions/424242", json={"status": "done", "version": 1}, headers=app.as_(BKF)
        ).status_code
        == 404
    )
    bad_status = app.client.patch("/plan-actions/1", json={"status": "finished", "version": 1}, headers=app.as_(BKF))
    assert bad_status.status_code == 422
    assert [e["type"] for e in app.outbox()][before:] == []


def test_r5_plan_page_creates_the_plan_and_an_action_and_keeps_bad_input(make_app):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    cid = case["id"]
    app.client.cookies.set("integration_token", app.as_(JC)["Authorization"].split()[1])
    page = app.client.get(f"/sager/{cid}/plan")
    assert page.status_code == 200 and "Ingen integrationsplan endnu" in page.text
    empty = app.client.post(f"/sager/{cid}/plan", data={"reason": ""})
    assert empty.status_code == 422 and "Feltet skal udfyldes" in empty.text and app.count(IntegrationPlan) == 0
    created = app.client.post(f"/sager/{cid}/plan", data={"reason": "Flere aktører"}, follow_redirects=False)
    assert created.status_code == 303
    past = (copenhagen_today() - timedelta(days=2)).isoformat()
    bad = app.client.post(
        f"/sager/{cid}/plan/indsatser", data={"owner": "education", "title": "Sprogpraktik", "due_date": past}
    )
    assert bad.status_code == 422 and "Fristen ligger i fortiden" in bad.text
    assert 'value="Sprogpraktik"' in bad.text  # what was typed is kept
    assert app.count(PlanAction) == 0 and not [e for e in app.outbox() if e["type"].startswith("reception.plan")]
    ok = app.client.post(
        f"/sager/{cid}/plan/indsatser",
        data={"owner": "education", "title": "Sprogpraktik", "due_date": DUE, "details": ""},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    shown = app.client.get(f"/sager/{cid}/plan").text
    assert "Sprogpraktik" in shown and "Danskuddannelse melder status fra sit eget system" in shown
    assert [e["type"] for e in app.outbox()].count("reception.plan_action_assigned") == 1


def test_r5_owning_department_updates_its_action_on_the_page(make_app):
    app = make_app("reception")
    case_id = _case_with_plan(app)
    action = _action(app, case_id, "bkf")
    app.client.cookies.set("integration_token", app.as_(BKF)["Authorization"].split()[1])
    page = app.client.get(f"/sager/{case_id}/plan").text
    assert f'action="/sager/{case_id}/plan/indsatser/{action["id"]}/status"' in page
    missing = app.client.post(
        f"/sager/{case_id}/plan/indsatser/{action['id']}/status", data={"status": "", "version": "1"}
    )
    assert missing.status_code == 422 and "Vælg en af mulighederne" in missing.text
    moved = app.client.post(
        f"/sager/{case_id}/plan/indsatser/{action['id']}/status",
        data={"status": "done", "note": "Indskrevet på Valhøj Skole", "version": "1"},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    stale = app.client.post(
        f"/sager/{case_id}/plan/indsatser/{action['id']}/status", data={"status": "done", "version": "1"}
    )
    assert stale.status_code == 409 and "ændret af en anden" in stale.text
    plan = app.client.get(f"/cases/{case_id}/plan", headers=app.as_(JC)).json()
    assert plan["actions"][0]["status"] == "done" and plan["actions"][0]["note"] == "Indskrevet på Valhøj Skole"
    # BKF may not add actions; the page says so and nothing is written.
    refused = app.client.post(
        f"/sager/{case_id}/plan/indsatser", data={"owner": "bkf", "title": "Mere", "due_date": DUE}
    )
    assert refused.status_code == 422 and "Kun Jobcentret" in refused.text and app.count(PlanAction) == 1
