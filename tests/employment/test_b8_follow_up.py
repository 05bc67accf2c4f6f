"""B8 Kontinuerlig opfølgning: the statutory follow-up schedule (§20), conversations filling it, overdue ones."""

from __future__ import annotations

from datetime import timedelta

from employment.followup.models import FollowUp
from employment.intake.models import MatchConversation
from shared.runtime import run_periodic
from tests.employment.helpers import JC, TODAY, events, known_case

JOB = "announce_overdue_follow_ups"


def test_b8_a_new_case_gets_four_statutory_follow_ups_in_the_first_six_months(make_app):
    app = make_app("employment")
    case_id = known_case(app, arrival_days=-10)
    known_case(app, case_id, arrival_days=-10)  # the event again: nothing doubled
    rows = app.client.get(f"/cases/{case_id}/follow-ups", headers=app.as_(JC)).json()
    start = TODAY - timedelta(days=10)
    dues = [r["due_date"] for r in rows]
    assert len(rows) == 4 and all(r["kind"] == "statutory" for r in rows)
    assert dues == sorted(dues) and dues[-1] <= (start + timedelta(days=183)).isoformat()
    assert dues[0] > start.isoformat()


def test_b8_a_conversation_held_fills_the_earliest_open_due_date(make_app):
    app = make_app("employment")
    case_id = known_case(app, arrival_days=-100)
    body = {"held_on": TODAY.isoformat(), "held_by": "Jens", "note": "Går godt i sprogpraktik"}
    first = app.client.post(f"/cases/{case_id}/follow-up-conversations", json=body, headers=app.as_(JC))
    assert first.status_code == 201, first.text
    rows = app.client.get(f"/cases/{case_id}/follow-ups", headers=app.as_(JC)).json()
    assert rows[0]["held_on"] == TODAY.isoformat() and rows[0]["note"] == "Går godt i sprogpraktik"
    assert rows[0]["id"] == first.json()["id"] and rows[1]["held_on"] is None
    # The second overdue one is still overdue; the first is not.
    overdue = app.client.get("/follow-ups/overdue", headers=app.as_(JC)).json()
    assert [o["id"] for o in overdue] == [rows[1]["id"]] and overdue[0]["overdue"] is True


def test_b8_follow_ups_as_needed_after_the_first_six_months(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    due = (TODAY + timedelta(days=250)).isoformat()
    added = app.client.post(f"/cases/{case_id}/follow-ups", json={"due_date": due}, headers=app.as_(JC))
    assert added.status_code == 201 and added.json()["kind"] == "as_needed"
    again = app.client.post(f"/cases/{case_id}/follow-ups", json={"due_date": due}, headers=app.as_(JC))
    assert again.status_code == 409
    past = app.client.post(
        f"/cases/{case_id}/follow-ups", json={"due_date": (TODAY - timedelta(days=1)).isoformat()}, headers=app.as_(JC)
    )
    assert past.status_code == 422 and "today or later" in past.json()["detail"]
    assert app.count(FollowUp) == 5
    # Every due date filled: a further conversation is recorded as needed.
    for n in range(5):
        body = {"held_on": (TODAY - timedelta(days=n)).isoformat(), "held_by": "J"}
        assert (
            app.client.post(f"/cases/{case_id}/follow-up-conversations", json=body, headers=app.as_(JC)).status_code
            == 201
        )
    extra = {"held_on": (TODAY - timedelta(days=6)).isoformat(), "held_by": "J"}
    resp = app.client.post(f"/cases/{case_id}/follow-up-conversations", json=extra, headers=app.as_(JC))
    assert resp.status_code == 201 and resp.json()["kind"] == "as_needed" and app.count(FollowUp) == 6


def test_b8_overdue_follow_ups_are_announced_once_per_due_date_by_the_worker_job(make_app):
    app = make_app("employment")
    runtime = app.client.app.state.runtime
    assert JOB in runtime.periodic  # registered in the worker's beat schedule
    late = known_case(app, 8, arrival_days=-100)  # interim § 20 dates 6 and 12 weeks on: 58 and 16 days ago
    known_case(app, 9)  # nothing due yet
    assert run_periodic(runtime, JOB) == 2
    assert run_periodic(runtime, JOB) == 0  # idempotent
    announced = events(app, "employment.follow_up_overdue")
    assert [(e["case_id"], e["days_overdue"]) for e in announced] == [(late, 58), (late, 16)]
    assert announced[0]["due_date"] == (TODAY - timedelta(days=58)).isoformat()


def test_b8_follow_ups_refuse_impossible_dates_and_other_departments(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    future = {"held_on": (TODAY + timedelta(days=1)).isoformat(), "held_by": "J"}
    resp = app.client.post(f"/cases/{case_id}/follow-up-conversations", json=future, headers=app.as_(JC))
    assert resp.status_code == 422 and "future" in resp.json()["detail"]
    before = {"held_on": (TODAY - timedelta(days=400)).isoformat(), "held_by": "J"}
    resp = app.client.post(f"/cases/{case_id}/follow-up-conversations", json=before, headers=app.as_(JC))
    assert resp.status_code == 422 and "before the programme" in resp.json()["detail"]
    from shared.auth import Department

    assert app.client.get("/follow-ups/overdue", headers=app.as_(Department.BORGERSERVICE)).status_code == 403
    assert app.client.get("/cases/404/follow-ups", headers=app.as_(JC)).status_code == 404
    assert [r["held_on"] for r in app.client.get(f"/cases/{case_id}/follow-ups", headers=app.as_(JC)).json()] == [
        None
    ] * 4


def test_b8_cases_from_before_the_schedule_get_it_from_the_worker_job(make_app):
    app = make_app("employment")
    with app.factory.begin() as session:  # a row as stored before B8: no arrival date, no follow-ups
        session.add(MatchConversation(case_id=5, case_number="2026-000005", due_date=TODAY - timedelta(days=86)))
    assert run_periodic(app.client.app.state.runtime, JOB) == 2  # arrival = due date - 14 days: 100 days ago
    assert app.count(FollowUp) == 4
    assert [e["days_overdue"] for e in events(app, "employment.follow_up_overdue")] == [58, 16]


def test_b8_statutory_follow_ups_count_from_the_day_reception_takes_over_responsibility(make_app):
    """Until the § 17 visitation is completed the § 20 dates are interim: once reception announces the § 4 day,
    the statutory follow-ups not yet held count from it (6, 12, 18 weeks and 6 months, shared.law); a held one
    keeps its date; an announcement that overtakes the case's opening is retried, not lost."""
    import pytest

    from employment.bootstrap import HANDLERS
    from shared.bus.envelope import envelope_for
    from shared.bus.inbox import Outcome, consume
    from shared.contracts.reception import ResponsibilityTakenOver
    from shared.law.calendar import add_months

    app = make_app("employment")
    taken_over = TODAY + timedelta(days=30)
    announced = envelope_for(
        ResponsibilityTakenOver(case_id=9, taken_over_on=taken_over, basis="placement_rule"), producer="reception"
    ).model_dump(mode="json")
    with pytest.raises(Exception, match="not known to employment yet"):
        consume(app.factory, "employment", announced, HANDLERS)
    known_case(app, 9, arrival_days=-10)
    held = app.client.post(
        "/cases/9/follow-up-conversations",
        json={"held_on": TODAY.isoformat(), "held_by": "Jens", "note": "Første samtale"},
        headers=app.as_(JC),
    )
    assert held.status_code in (200, 201), held.text
    assert consume(app.factory, "employment", announced, HANDLERS) == Outcome.HANDLED
    rows = app.client.get("/cases/9/follow-ups", headers=app.as_(JC)).json()
    statutory = [r for r in rows if r["kind"] == "statutory"]
    first_due = (TODAY - timedelta(days=10) + timedelta(weeks=6)).isoformat()
    assert [(r["due_date"], r["held_on"] is not None) for r in statutory] == [
        (first_due, True),  # held: as it was
        *[((taken_over + timedelta(weeks=w)).isoformat(), False) for w in (12, 18)],
        (add_months(taken_over, 6).isoformat(), False),
    ]
    assert all("Foreløbig frist" in r["due_why"] and r["due_rule"] == "inl20-followups" for r in statutory)
