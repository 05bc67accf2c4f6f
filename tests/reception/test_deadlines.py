"""Deadlines: every task with a due date on a due-soon/overdue list per department; overdue announced once."""

from __future__ import annotations

from datetime import timedelta

from reception.bootstrap import HANDLERS
from reception.deadlines.service import announce_overdue
from reception.onboarding.models import OnboardingTask
from shared.auth import Department
from shared.bus.inbox import consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import handover

UDL, JC, BS, OK = (Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BORGERSERVICE, Department.OKONOMI)


def _case_with_tasks(app, days_ago: int):
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    consume(app.factory, "reception", app.outbox()[-1], HANDLERS)  # reception's worker opens the checklist
    with app.factory.begin() as session:
        for task in session.query(OnboardingTask).filter_by(case_id=case["id"]):
            task.due_date = copenhagen_today() - timedelta(days=days_ago)
    return case


def test_deadlines_list_per_department_with_overdue_state(make_app):
    app = make_app("reception")
    late = _case_with_tasks(app, days_ago=2)
    contract = app.client.post(f"/cases/{late['id']}/contract", headers=app.as_(JC)).json()
    borgerservice = app.client.get("/deadlines", headers=app.as_(BS)).json()
    assert {d["title"] for d in borgerservice} == {
        "CPR-registrering",
        "MitID",
        "Sundhedskort (sygesikring)",
        "Borgerservices introprogram",
    }
    assert all(d["state"] == "overdue" and d["case_id"] == late["id"] for d in borgerservice)
    finance = app.client.get("/deadlines", headers=app.as_(OK)).json()
    assert {d["kind"] for d in finance} == {"onboarding_task"} and len(finance) == 2
    jobcentre = app.client.get("/deadlines?within_days=40", headers=app.as_(JC)).json()
    assert [(d["kind"], d["ref_id"], d["state"]) for d in jobcentre] == [("contract", contract["id"], "due_soon")]
    assert app.client.get("/deadlines?within_days=-1", headers=app.as_(JC)).status_code == 422


def test_overdue_deadlines_are_announced_once_and_reach_the_timeline(make_app):
    app = make_app("reception")
    late = _case_with_tasks(app, days_ago=1)
    assert announce_overdue(app.factory) == 6
    assert announce_overdue(app.factory) == 0
    overdue = [e for e in app.outbox() if e["type"] == "reception.deadline_overdue"]
    assert len(overdue) == 6 and {e["payload"]["case_id"] for e in overdue} == {late["id"]}
    consume(app.factory, "reception", overdue[0], HANDLERS)
    timeline = app.client.get(f"/cases/{late['id']}/timeline", headers=app.as_(JC)).json()
    assert timeline[-1]["summary"].startswith("Frist overskredet")
