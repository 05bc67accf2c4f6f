"""Danskuddannelse: every read and search of personal data is logged (DOMAIN.md, Datatilsynet), and a
citizen may learn the dates and purposes of look-ups of their data.

Each read of a person's assessment, efforts, absences, module tests or enrolments through the API or a
page writes one row of the shared access log in education's database (who, department, purpose, whose
case); a list of persons has no case and records its criteria. ``GET /cases/{id}/lookups`` lists one
case's look-ups, and reading that list is logged too. Schools and course programmes are not logged.
"""

from __future__ import annotations

from sqlalchemy import select

from shared.access import AccessLog
from shared.auth import COOKIE, Department
from tests.conftest import token
from tests.education.helpers import JC, absence, course, course_session, effort, known_case, school


def log(app) -> list[tuple[str, str, str, int | None, str | None]]:
    with app.factory() as session:
        rows = session.scalars(select(AccessLog).order_by(AccessLog.id))
        return [(r.user, r.department, r.action, r.case_id, r.criteria) for r in rows]


def test_reading_a_persons_language_efforts_logs_who_which_department_why_and_whose_case(make_app):
    app = make_app("education")
    known_case(app, 5)
    one = effort(app, 5)
    assert log(app) == []  # planning is not a read
    assert app.client.get("/cases/5/language-efforts", headers=app.as_(JC, "Eva")).status_code == 200
    assert app.client.get(f"/language-efforts/{one['id']}", headers=app.as_(JC, "Eva")).status_code == 200
    assert log(app) == [
        ("Eva", "jobcentret", "read_language_efforts", 5, None),
        ("Eva", "jobcentret", "read_language_efforts", 5, None),
    ]


def test_the_assessment_page_and_api_are_logged_under_the_case(make_app):
    app = make_app("education")
    known_case(app, 6)
    assert app.client.get("/language_assessments/6", headers=app.as_(JC, "Eva")).status_code == 200
    app.client.cookies.set(COOKIE, token(JC, "Eva"))
    assert app.client.get("/sprogvurdering/6").status_code == 200
    assert app.client.get("/sprogvurdering/77").status_code == 404  # unknown: nobody's data was shown
    assert log(app) == [
        ("Eva", "jobcentret", "read_language_assessment", 6, None),
        ("Eva", "jobcentret", "read_language_assessment", 6, None),
    ]


def test_lists_of_persons_record_their_criteria(make_app):
    app = make_app("education")
    known_case(app, 1)
    absence(app, 1)
    s = course_session(app, course(app)["id"])
    assert app.client.post(
        f"/course-sessions/{s['id']}/enrolments", json={"case_id": 1}, headers=app.as_(JC)
    ).is_success
    assert app.client.get("/absences/without-follow-up", headers=app.as_(JC, "Eva")).status_code == 200
    assert app.client.get(f"/course-sessions/{s['id']}/enrolments", headers=app.as_(JC, "Eva")).status_code == 200
    app.client.cookies.set(COOKIE, token(JC, "Eva"))
    assert app.client.get(f"/kurser/hold/{s['id']}").status_code == 200
    assert log(app) == [
        ("Eva", "jobcentret", "list_absences", None, "unexcused absence, follow-up conversation not held"),
        ("Eva", "jobcentret", "list_course_enrolments", None, f"session={s['id']}"),
        ("Eva", "jobcentret", "list_course_enrolments", None, f"session={s['id']}"),
    ]


def test_schools_and_course_programmes_name_no_person_and_are_not_logged(make_app):
    app = make_app("education")
    school(app)
    c = course(app)
    assert app.client.get("/language-schools", headers=app.as_(JC)).status_code == 200
    assert app.client.get(f"/courses/{c['id']}", headers=app.as_(JC)).status_code == 200
    assert log(app) == []


def test_a_cases_lookups_are_listed_with_date_department_user_and_purpose_and_the_listing_is_logged(make_app):
    app = make_app("education")
    known_case(app, 5)
    known_case(app, 9)
    absence(app, 5)
    app.client.get("/cases/5/absences", headers=app.as_(JC, "Eva"))
    app.client.get("/cases/9/module-tests", headers=app.as_(JC, "Eva"))  # another person's: not listed for 5
    resp = app.client.get("/cases/5/lookups", headers=app.as_(JC, "Lars"))
    assert resp.status_code == 200, resp.text
    assert [(r["user"], r["department_label"], r["purpose"]) for r in resp.json()] == [
        ("Eva", "Jobcentret", "read_absences"),
        ("Lars", "Jobcentret", "read_lookups"),
    ]
    assert all(r["at"] for r in resp.json())
    assert log(app)[-1] == ("Lars", "jobcentret", "read_lookups", 5, None)


def test_listing_lookups_refuses_bad_ids_and_other_departments_with_a_message(make_app):
    app = make_app("education")
    unknown = app.client.get("/cases/404/lookups", headers=app.as_(JC))
    assert unknown.status_code == 404 and "no case with id 404" in unknown.text
    for bad in ("x", "0", str(2**63), str(2**64)):
        resp = app.client.get(f"/cases/{bad}/lookups", headers=app.as_(JC))
        assert resp.status_code == 422 and "case_id" in resp.json()["detail"], (bad, resp.text)
    assert app.client.get("/cases/1/lookups", headers=app.as_(Department.BORGERSERVICE)).status_code == 403
    assert log(app) == []
