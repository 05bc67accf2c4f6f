"""Issue 18, defect 3, education: dates without plausible bounds are refused (E1 assessment, E5 session)."""

from __future__ import annotations

from datetime import timedelta

from education.courses.models import CourseSession
from tests.education.helpers import JC, TODAY, assessed, course, known_case
from tests.education.pages import as_, field_error, post, value_of


def test_defect_3_e1_an_assessment_dated_01_01_0001_is_refused_and_nothing_changes(make_app):
    app = make_app("education")
    known_case(app, 5)
    before = assessed(app, 5)
    for absurd in ("0001-01-01", "1899-12-31", "9999-12-31", (TODAY + timedelta(days=3 * 366)).isoformat()):
        body = {
            "version": before["version"],
            "assessed_on": absurd,
            "assessed_by": "Sprogcentret",
            "track": "DU3",
            "start_module": 2,
        }
        resp = app.client.put("/language_assessments/5/assessment", json=body, headers=app.as_(JC))
        assert resp.status_code == 422 and "date must be between 1990-01-01 and" in resp.text, absurd
    after = app.client.get("/language_assessments/5", headers=app.as_(JC)).json()
    assert after == before


def test_defect_3_e5_a_session_in_the_year_9999_or_1_is_refused(make_app):
    app = make_app("education")
    c = course(app)
    for absurd in ("9999-12-31", "0001-01-01"):
        body = {
            "held_on": absurd,
            "start_time": "09:00",
            "end_time": "12:00",
            "place": "Rådhuset",
            "teacher": "Karen",
            "capacity": 12,
        }
        resp = app.client.post(f"/courses/{c['id']}/sessions", json=body, headers=app.as_(JC))
        assert resp.status_code == 422 and "held_on" in resp.text, absurd
    assert app.count(CourseSession) == 0


def test_defect_3_e5_the_session_form_shows_the_range_next_to_the_date(make_app):
    app = as_(make_app("education"))
    c = course(app)
    form = {
        "_form": "session",
        "held_on": "0001-01-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "place": "Rådhuset",
        "teacher": "Karen",
        "capacity": "10",
    }
    bad = post(app, f"/kurser/{c['id']}/hold", form)
    assert bad.status_code == 422
    last = (
        TODAY.replace(year=TODAY.year + 2)
        if (TODAY.month, TODAY.day) != (2, 29)
        else TODAY.replace(year=TODAY.year + 2, day=28)
    )
    assert field_error(bad.text, "session_held_on") == f"Datoen skal ligge mellem 01.01.1990 og {last:%d.%m.%Y}"
    assert value_of(bad.text, "session_place") == "Rådhuset" and app.count(CourseSession) == 0
