"""E1 and the law (issue 14, point 9): danskuddannelsesloven § 5, stk. 1 stored with its rule and why (interim
until the responsibility day is known, recomputed when reception announces another day), and the time-limited
right to Danish education (integrationsloven § 21, stk. 3) stored on the enrolment; both shown with
"Hvorfor denne frist?"."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest

from education.bootstrap import HANDLERS
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.contracts.reception import ResponsibilityTakenOver
from shared.law import danskuddannelsesloven, integrationsloven
from shared.law.calendar import add_months
from tests.education.helpers import JC, TODAY, assessed, known_case, school
from tests.education.pages import as_, field_error, post


@pytest.fixture(autouse=True)
def _no_4b_suspension(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the month from the responsibility day; integrationsloven § 4 b's suspension of it (the
    act's 3 months unless the city council decides otherwise, stk. 4) has its own tests (tests/e2e/test_4b_*):
    here the municipality has decided not to suspend."""
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", "0")



def _responsibility(app, case_id: int, day: date):
    envelope = envelope_for(
        ResponsibilityTakenOver(case_id=case_id, taken_over_on=day, basis="placement_rule"), producer="reception"
    )
    return envelope, consume(app.factory, "education", envelope.model_dump(mode="json"), HANDLERS)


def test_e1_section_5_before_the_responsibility_day_is_interim_from_the_arrival_and_says_so(make_app):
    """E1, danskuddannelsesloven § 5, stk. 1: until reception announces § 4's day the date is interim."""
    app = make_app("education")
    arrival = date(2026, 1, 31)
    known_case(app, 1, arrival=arrival)
    row = app.client.get("/language_assessments/1", headers=app.as_(JC)).json()
    assert row["due_date"] == "2026-02-28" and row["due_rule"] == "dul5-start"
    assert row["due_interim"] is True and row["responsibility_from"] is None
    assert "Foreløbig frist" in row["due_why"] and "lørdag 31. januar 2026" in row["due_why"]
    page = html.unescape(as_(app).client.get("/sprogvurdering/1").text)
    assert "Hvorfor denne frist?" in page and "danskuddannelsesloven § 5, stk. 1" in page and "Foreløbig" in page


def test_e1_section_5_counts_from_the_responsibility_day_and_a_corrected_day_moves_it_idempotently(make_app):
    """E1, danskuddannelsesloven § 5, stk. 1: reception announces the § 4 day (4 Jan 2027 for a placement of
    30 Nov 2026); a corrected placement date announces another day (1 Feb 2027) and the deadline moves; the
    same message re-delivered changes nothing; the stored rule and why follow."""
    app = make_app("education")
    known_case(app, 2, arrival=date(2026, 12, 10))
    first, outcome = _responsibility(app, 2, date(2027, 1, 4))
    assert outcome == Outcome.HANDLED
    row = app.client.get("/language_assessments/2", headers=app.as_(JC)).json()
    assert (row["due_date"], row["due_interim"], row["responsibility_from"]) == ("2027-02-04", False, "2027-01-04")
    assert row["due_why"] == danskuddannelsesloven.start_due(date(2027, 1, 4)).explanation
    corrected, outcome = _responsibility(app, 2, date(2027, 2, 1))
    assert outcome == Outcome.HANDLED
    row = app.client.get("/language_assessments/2", headers=app.as_(JC)).json()
    assert (row["due_date"], row["responsibility_from"]) == ("2027-03-01", "2027-02-01")
    assert "mandag 1. februar 2027" in row["due_why"] and "mandag 1. marts 2027" in row["due_why"]
    # The corrected message again (re-delivery) and the first one again: the inbox knows both.
    assert consume(app.factory, "education", corrected.model_dump(mode="json"), HANDLERS) == Outcome.DUPLICATE
    assert consume(app.factory, "education", first.model_dump(mode="json"), HANDLERS) == Outcome.DUPLICATE
    again = app.client.get("/language_assessments/2", headers=app.as_(JC)).json()
    assert again["due_date"] == "2027-03-01" and again["version"] == 1
    page = html.unescape(as_(app).client.get("/sprogvurdering").text)
    assert "1. marts 2027" in page and "Hvorfor denne frist?" in page


def test_e1_the_right_to_danish_education_runs_out_5_years_after_the_start_and_is_shown(make_app):
    """E1, integrationsloven § 21, stk. 3: the enrolment stores when the right runs out, with rule and why."""
    app = make_app("education")
    known_case(app, 3)
    s = school(app)
    assessed(app, 3)
    start = TODAY + timedelta(days=10)
    body = {"school_id": s["id"], "track": "DU2", "module": 1, "start_date": start.isoformat()}
    enrolment = app.client.post("/language_assessments/3/enrolment", json=body, headers=app.as_(JC)).json()
    expected = integrationsloven.danish_right_expires(start)
    assert enrolment["right_expires_on"] == add_months(start, 60).isoformat() == expected.due.isoformat()
    assert (enrolment["right_rule"], enrolment["right_why"]) == ("inl21-danish-right", expected.explanation)
    page = html.unescape(as_(app).client.get("/sprogvurdering/3").text)
    assert "Retten til danskuddannelse udløber" in page and "integrationsloven § 21, stk. 3" in page
    assert expected.explanation in page


def test_e1_an_enrolment_refused_for_a_bad_start_date_stores_no_right(make_app):
    """Bad input: a start before the assessment is 422 with a Danish message, and no enrolment or date is written."""
    from education.intake.models import LanguageEnrolment

    app = make_app("education")
    known_case(app, 4)
    s = school(app)
    assessed(app, 4)
    body = {"school_id": s["id"], "track": "DU2", "module": 1, "start_date": (TODAY - timedelta(days=3)).isoformat()}
    resp = app.client.post("/language_assessments/4/enrolment", json=body, headers=app.as_(JC))
    assert resp.status_code == 422 and resp.json()["field"] == "start_date"
    form = {"_form": "enrol", **{k: str(v) for k, v in body.items()}}
    page = post(as_(app), "/sprogvurdering/4/tilmelding", form)
    assert page.status_code == 422
    assert field_error(page.text, "enrol_start_date") == "Startdatoen skal ligge mellem vurderingsdatoen og et år frem"
    assert app.count(LanguageEnrolment) == 0
