"""R5 on the owning side (shared.plan_tasks, mounted by housing): receive, work on, report back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from housing.bootstrap import HANDLERS
from housing.plans.models import PlanTask
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import PlanActionAssigned, PlanActionWithdrawn
from shared.plan_tasks import WithdrawalBeforeAssignment

SP, JC = Department.SOCIAL_PSYKIATRI, Department.JOBCENTRET
DUE = copenhagen_today() + timedelta(days=14)


def _deliver(app, event):
    envelope = envelope_for(event, producer="reception")
    return consume(app.factory, "housing", envelope.model_dump(mode="json"), HANDLERS)


def _assign(app, action_id: int, owner: str = "housing"):
    event = PlanActionAssigned(
        case_id=7, case_number="2026-000007", action_id=action_id, owner=owner, title="Bolig med elevator", due_date=DUE
    )
    return _deliver(app, event)


def test_r5_housing_keeps_only_its_own_actions_once(make_app):
    app = make_app("housing")
    assert _assign(app, 11) == Outcome.HANDLED
    assert _assign(app, 12, owner="education") == Outcome.HANDLED
    listed = app.client.get("/plan-actions", headers=app.as_(SP)).json()
    assert [(t["action_id"], t["status"], t["title"]) for t in listed] == [(11, "planned", "Bolig med elevator")]
    assert app.client.get("/plan-actions", headers=app.as_(Department.BKF)).status_code == 403


def test_r5_progress_is_reported_back_in_the_same_transaction(make_app):
    app = make_app("housing")
    _assign(app, 21)
    moved = app.client.post("/plan-actions/21/status", json={"status": "in_progress"}, headers=app.as_(SP))
    assert moved.status_code == 200 and moved.json()["updated_by"] == "testbruger"
    done = app.client.post("/plan-actions/21/status", json={"status": "done", "note": "Anvist"}, headers=app.as_(SP))
    assert done.status_code == 200
    again = app.client.post("/plan-actions/21/status", json={"status": "in_progress"}, headers=app.as_(SP))
    assert again.status_code == 409
    reports = [e for e in app.outbox() if e["type"] == "housing.plan_action_updated"]
    assert [(e["payload"]["status"], e["payload"]["note"]) for e in reports] == [
        ("in_progress", ""),
        ("done", "Anvist"),
    ]
    assert app.client.post("/plan-actions/99/status", json={"status": "done"}, headers=app.as_(SP)).status_code == 404
    bad = app.client.post("/plan-actions/21/status", json={"status": "finished"}, headers=app.as_(SP))
    assert bad.status_code == 422 and len([e for e in app.outbox() if e["type"] == "housing.plan_action_updated"]) == 2


def test_r5_a_withdrawn_action_is_not_worked_on_and_an_early_withdrawal_waits(make_app):
    app = make_app("housing")
    withdrawal = PlanActionWithdrawn(case_id=7, action_id=31, owner="housing", reason="Ikke relevant")
    with pytest.raises(WithdrawalBeforeAssignment):  # retried by the worker until the assignment is in
        _deliver(app, withdrawal)
    assert app.count(PlanTask) == 0
    _assign(app, 31)
    assert _deliver(app, withdrawal) == Outcome.HANDLED
    listed = app.client.get("/plan-actions", headers=app.as_(SP)).json()
    assert listed[0]["status"] == "withdrawn" and listed[0]["note"] == "Ikke relevant"
    late = app.client.post("/plan-actions/31/status", json={"status": "done"}, headers=app.as_(SP))
    assert late.status_code == 409 and "withdrawn" in late.json()["detail"]
    assert not [e for e in app.outbox() if e["type"] == "housing.plan_action_updated"]


def test_r5_plan_page_moves_an_action_on_and_refuses_bad_input_in_danish(make_app):
    app = make_app("housing")
    _assign(app, 41)
    app.client.cookies.set("integration_token", app.as_(SP)["Authorization"].split()[1])
    page = app.client.get("/integrationsplan")
    assert page.status_code == 200 and "Bolig med elevator (sag 2026-000007)" in page.text
    bad = app.client.post("/integrationsplan/41", data={"status": "", "note": "Kigger på Tinghøjvej"})
    assert bad.status_code == 422 and "Vælg en af mulighederne" in bad.text and "Kigger på Tinghøjvej" in bad.text
    ok = app.client.post("/integrationsplan/41", data={"status": "done", "note": "Anvist"}, follow_redirects=False)
    assert ok.status_code == 303
    closed = app.client.post("/integrationsplan/41", data={"status": "done"})
    assert closed.status_code == 409 and "kan ikke få den status" in closed.text
    assert [e["payload"]["status"] for e in app.outbox() if e["type"] == "housing.plan_action_updated"] == ["done"]
    app.client.cookies.set("integration_token", app.as_(Department.BKF)["Authorization"].split()[1])
    assert app.client.get("/integrationsplan").status_code == 403
