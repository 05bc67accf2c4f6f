"""E1 (Afdækning af sprogkundskaber): the language assessment, the enrolment at a language school with level
placement (``education.language_enrolled``), and the danskuddannelsesloven §5 deadline on the list."""

from __future__ import annotations

from datetime import timedelta

from education.intake.models import LanguageAssessment, LanguageEnrolment
from shared.auth import Department
from shared.clock import one_month_after
from tests.education.helpers import JC, TODAY, assessed, known_case, school


def test_e1_case_opened_puts_the_case_on_the_list_with_the_one_month_deadline(make_app):
    app = make_app("education")
    known_case(app, 1, arrival=TODAY)
    rows = app.client.get("/language_assessments", headers=app.as_(JC)).json()
    assert [(r["case_id"], r["status"], r["due_date"], r["deadline_missed"]) for r in rows] == [
        (1, "to_schedule", one_month_after(TODAY).isoformat(), False)
    ]


def test_e1_assessment_recorded_with_track_and_start_module_and_a_stale_version_is_409(make_app):
    app = make_app("education")
    known_case(app, 1)
    got = assessed(app, 1, track="DU3", start_module=2)
    assert (got["status"], got["track"], got["start_module"], got["version"]) == ("assessed", "DU3", 2, 2)
    assert got["assessed_by"] == "Sprogcentrets testansvarlige" and got["notes"] == "Skolegang 9 år i hjemlandet"
    stale = app.client.put(
        "/language_assessments/1/assessment",
        json={"version": 1, "assessed_on": TODAY.isoformat(), "assessed_by": "X", "track": "DU1", "start_module": 1},
        headers=app.as_(JC),
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    now = app.client.get("/language_assessments/1", headers=app.as_(JC)).json()
    assert (now["track"], now["version"]) == ("DU3", 2)


def test_e1_enrolment_at_a_language_school_publishes_language_enrolled(make_app):
    app = make_app("education")
    known_case(app, 1)
    s = school(app)
    assessed(app, 1)
    start = TODAY + timedelta(days=14)
    body = {"school_id": s["id"], "track": "DU2", "module": 1, "start_date": start.isoformat()}
    resp = app.client.post("/language_assessments/1/enrolment", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    assert (resp.json()["school_id"], resp.json()["track"], resp.json()["module"]) == (s["id"], "DU2", 1)
    events = [e for e in app.outbox() if e["type"] == "education.language_enrolled"]
    assert len(events) == 1
    assert events[0]["payload"] == {
        "case_id": 1,
        "school_id": s["id"],
        "track": "DU2",
        "module": 1,
        "start_date": start.isoformat(),
    }
    row = app.client.get("/language_assessments/1", headers=app.as_(JC)).json()
    assert row["status"] == "enrolled" and row["enrolment"]["start_date"] == start.isoformat()
    assert row["deadline_missed"] is False
    again = app.client.post("/language_assessments/1/enrolment", json=body, headers=app.as_(JC))
    assert again.status_code == 409 and "enrolled already" in again.text
    assert app.count(LanguageEnrolment) == 1 and len(app.outbox()) == 1


def test_e1_enrolment_needs_the_assessment_first(make_app):
    app = make_app("education")
    known_case(app, 1)
    s = school(app)
    body = {"school_id": s["id"], "track": "DU2", "module": 1, "start_date": TODAY.isoformat()}
    resp = app.client.post("/language_assessments/1/enrolment", json=body, headers=app.as_(JC))
    assert resp.status_code == 409 and "no language assessment yet" in resp.text
    assert app.count(LanguageEnrolment) == 0 and app.outbox() == []


def test_e1_cases_past_the_section_5_deadline_are_flagged(make_app):
    app = make_app("education")
    known_case(app, 1, arrival=TODAY - timedelta(days=45))  # not enrolled, deadline passed
    known_case(app, 2, arrival=TODAY - timedelta(days=10))  # enrolled to start after the deadline
    known_case(app, 3, arrival=TODAY - timedelta(days=10))  # enrolled in time
    known_case(app, 4, arrival=TODAY)  # not enrolled, still in time
    s = school(app)
    for case_id, start in ((2, TODAY + timedelta(days=40)), (3, TODAY + timedelta(days=5))):
        assessed(app, case_id)
        body = {"school_id": s["id"], "track": "DU2", "module": 1, "start_date": start.isoformat()}
        assert (
            app.client.post(f"/language_assessments/{case_id}/enrolment", json=body, headers=app.as_(JC)).status_code
            == 201
        )
    rows = app.client.get("/language_assessments", headers=app.as_(JC)).json()
    assert {r["case_id"]: r["deadline_missed"] for r in rows} == {1: True, 2: True, 3: False, 4: False}
    assert rows[0]["case_id"] == 1  # the earliest deadline first


def test_e1_only_jobcentret_and_unknown_cases_are_404(make_app):
    app = make_app("education")
    known_case(app, 1)
    assert app.client.get("/language_assessments", headers=app.as_(Department.BKF)).status_code == 403
    assert app.client.get("/language_assessments/9", headers=app.as_(JC)).status_code == 404
    body = {"version": 1, "assessed_on": TODAY.isoformat(), "assessed_by": "X", "track": "DU1", "start_module": 1}
    resp = app.client.put("/language_assessments/1/assessment", json=body, headers=app.as_(Department.OKONOMI))
    assert resp.status_code == 403
    with app.factory() as session:
        assert session.get(LanguageAssessment, 1).assessed_on is None


def test_e1_the_deadline_is_one_calendar_month_after_arrival():
    from datetime import date

    assert one_month_after(date(2026, 1, 15)) == date(2026, 2, 15)
    assert one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert one_month_after(date(2028, 1, 31)) == date(2028, 2, 29)
    assert one_month_after(date(2026, 12, 31)) == date(2027, 1, 31)


def test_e1_section_5_deadline_follows_the_day_reception_takes_over_responsibility(make_app):
    """danskuddannelsesloven §5 counts from the municipality's takeover (integrationsloven §4), which reception
    announces; an announcement that overtakes the case's opening is retried, not lost."""
    import pytest

    from education.bootstrap import HANDLERS
    from shared.bus.envelope import envelope_for
    from shared.bus.inbox import Outcome, consume
    from shared.contracts.reception import ResponsibilityTakenOver
    from shared.law.calendar import add_months

    app = make_app("education")
    taken_over = TODAY + timedelta(days=40)
    early = envelope_for(
        ResponsibilityTakenOver(case_id=7, taken_over_on=taken_over, basis="placement_rule"), producer="reception"
    )
    with pytest.raises(Exception, match="not known to education yet"):
        consume(app.factory, "education", early.model_dump(mode="json"), HANDLERS)
    known_case(app, 7, arrival=TODAY)
    assert consume(app.factory, "education", early.model_dump(mode="json"), HANDLERS) == Outcome.HANDLED
    (row,) = app.client.get("/language_assessments", headers=app.as_(JC)).json()
    # A § 4, stk. 2 takeover: integrationsloven § 4 b, stk. 1 suspends § 5 for 3 months (the act's default).
    assert row["due_date"] == one_month_after(add_months(taken_over, 3)).isoformat()
    # The caseworker's assessment is untouched: a form opened before the move is not a conflict.
    assert app.client.get("/language_assessments/7", headers=app.as_(JC)).json()["version"] == 1
