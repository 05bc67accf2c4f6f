"""The in-process runner: every subscriber's real consume, the outbox marked sent, events that overtake
others wait, a failing handler is not hidden."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shared.auth import Department
from shared.bus.models import InboxMessage, OutboxMessage
from shared.bus.outbox import publish
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import ResponsibilityTakenOver
from shared.testing.inprocess import InProcessSystem, UndeliverableError
from tests.conftest import auth
from tests.reception.helpers import handover


def _publish(flow: InProcessSystem, *events: object) -> None:
    with flow.factory("reception").begin() as session:
        for event in events:
            publish(session, event, producer="reception")  # type: ignore[arg-type]


def _hand_over(flow: InProcessSystem) -> int:
    """A handover through reception's API, its events left in the outbox (the plain client delivers nothing)."""
    client = flow.services["reception"].client
    resp = client.post("/handovers", json=handover(), headers=auth(Department.UDLAENDINGESTYRELSEN))
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _inbox(flow: InProcessSystem, service: str) -> list[str]:
    with flow.factory(service)() as session:
        return list(session.scalars(select(InboxMessage.event_type).order_by(InboxMessage.event_type)))


def _unsent(flow: InProcessSystem, service: str) -> int:
    with flow.factory(service)() as session:
        return session.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None))) or 0


def test_an_event_reaches_every_subscriber_through_its_inbox_and_is_marked_sent(flow):
    _hand_over(flow)
    assert _unsent(flow, "reception") == 1
    made = flow.deliver()
    # reception, housing, education and employment subscribe to case_opened; housing's readiness
    # check publishes housing.placement_requested, which reaches reception in the same call.
    assert made == 5
    for service in ("reception", "housing", "education", "employment"):
        assert "reception.case_opened" in _inbox(flow, service)
    assert "housing.placement_requested" in _inbox(flow, "reception")
    assert _inbox(flow, "council") == []
    assert _unsent(flow, "reception") == _unsent(flow, "housing") == 0
    assert flow.deliver() == 0  # quiet: nothing is delivered twice


def test_a_client_of_the_flow_delivers_after_each_answer(flow):
    reception = flow.client("reception", Department.UDLAENDINGESTYRELSEN)
    assert reception.post("/handovers", json=handover()).status_code == 201
    assert _unsent(flow, "reception") == _unsent(flow, "housing") == 0
    assert "reception.case_opened" in _inbox(flow, "employment")


def test_an_overtaking_event_waits_and_lands_once_the_case_is_known(flow):
    """Education and employment cannot place a § 4 day on a case they do not know: it waits, then lands."""
    _publish(flow, ResponsibilityTakenOver(case_id=1, taken_over_on=copenhagen_today(), basis="consent"))
    with pytest.raises(UndeliverableError, match=r"reception\.responsibility_taken_over for education"):
        flow.deliver()
    assert _unsent(flow, "reception") == 1  # kept for the subscribers that could not take it
    assert _hand_over(flow) == 1
    flow.deliver()
    assert _unsent(flow, "reception") == 0
    for service in ("reception", "education", "employment"):  # each once: reception's was not handled again
        assert _inbox(flow, service).count("reception.responsibility_taken_over") == 1


def test_a_failing_handler_is_raised_not_hidden(flow, monkeypatch):
    def broken(*_args: object) -> None:
        raise RuntimeError("handler broke")

    monkeypatch.setitem(flow.services["housing"].handlers, "reception.case_opened", broken)
    _hand_over(flow)
    with pytest.raises(RuntimeError, match="handler broke"):
        flow.deliver()
    assert "reception.case_opened" not in _inbox(flow, "housing")  # its transaction rolled back
    assert _unsent(flow, "reception") == 1
