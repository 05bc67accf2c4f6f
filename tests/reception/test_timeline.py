"""One timeline per person (issue: reception complete): every service's events about the case, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reception.bootstrap import HANDLERS
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.housing import MovedIn, TemporaryAssigned
from tests.reception.helpers import handover


def _deliver(app, event, producer, at):
    envelope = envelope_for(event, producer=producer).model_copy(update={"occurred_at": at})
    return consume(app.factory, "reception", envelope.model_dump(mode="json"), HANDLERS), envelope


def test_r1_timeline_shows_events_from_every_service_in_order_once(make_app):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(Department.UDLAENDINGESTYRELSEN)).json()
    now = datetime.now(UTC)
    opened = app.outbox()[0]
    assert consume(app.factory, "reception", opened, HANDLERS) == Outcome.HANDLED
    moved = MovedIn(case_id=case["id"], unit_id=3, moved_in_on=copenhagen_today())
    assigned = TemporaryAssigned(
        case_id=case["id"],
        unit_id=3,
        address="Egegårdsvej 22, 1. tv",
        ready_from=copenhagen_today(),
        arrival_date=copenhagen_today() + timedelta(days=3),
    )
    _deliver(app, moved, "housing", now + timedelta(minutes=2))  # handled first, happened last
    outcome, envelope = _deliver(app, assigned, "housing", now + timedelta(minutes=1))
    assert outcome == Outcome.HANDLED
    assert consume(app.factory, "reception", envelope.model_dump(mode="json"), HANDLERS) == Outcome.DUPLICATE

    timeline = app.client.get(f"/cases/{case['id']}/timeline", headers=app.as_(Department.JOBCENTRET)).json()
    assert [(e["event_type"], e["producer"]) for e in timeline] == [
        ("reception.case_opened", "reception"),
        ("housing.temporary_assigned", "housing"),
        ("housing.moved_in", "housing"),
    ]
    assert timeline[1]["summary"] == "Midlertidig bolig anvist: Egegårdsvej 22, 1. tv"
    # The newest housing news wins on the case even though it was handled first.
    shown = app.client.get(f"/cases/{case['id']}", headers=app.as_(Department.JOBCENTRET)).json()["housing"]
    assert shown["status"] == "moved_in"


def test_r1_timeline_of_unknown_case_is_404_and_needs_a_reading_department(make_app):
    app = make_app("reception")
    assert app.client.get("/cases/77/timeline", headers=app.as_(Department.JOBCENTRET)).status_code == 404
    assert app.client.get("/cases/77/timeline", headers=app.as_(Department.INTEGRATIONSRAADET)).status_code == 403
    assert app.client.get("/cases/77/timeline").status_code == 401
