"""E5 (Undervisning i samfundsforhold, moralkodeks/statsborgerskab, ret og pligt, digitale redskaber,
arbejdsmarkedskultur): five courses with a programme, sessions, enrolments and attendance."""

from __future__ import annotations

import threading
from datetime import timedelta

from education.courses.models import Course, CourseEnrolment, CourseSession
from shared.auth import Department
from tests.education.helpers import JC, TODAY, course, course_session, known_case
from tests.education.pages import as_, field_error, post


def test_e5_five_courses_each_with_a_programme_edited_with_its_version(make_app):
    app = make_app("education")
    kinds = ["samfundsforhold", "moralkodeks", "ret_og_pligt", "digitale_redskaber", "arbejdsmarkedskultur"]
    made = [course(app, k) for k in kinds]
    listed = app.client.get("/courses", headers=app.as_(JC)).json()
    assert [c["kind"] for c in listed] == kinds and all(c["version"] == 1 for c in listed)
    again = app.client.post("/courses", json={"kind": "moralkodeks", "programme": "x"}, headers=app.as_(JC))
    assert again.status_code == 409 and "exists already" in again.text and app.count(Course) == 5

    cid = made[0]["id"]
    resp = app.client.patch(f"/courses/{cid}", json={"version": 1, "programme": "Ny plan"}, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["version"] == 2 and resp.json()["programme"] == "Ny plan"
    stale = app.client.patch(f"/courses/{cid}", json={"version": 1, "programme": "Gammel"}, headers=app.as_(JC))
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    assert app.client.get(f"/courses/{cid}", headers=app.as_(JC)).json()["programme"] == "Ny plan"


def test_e5_sessions_with_date_time_place_teacher_capacity(make_app):
    app = make_app("education")
    c = course(app)
    later = course_session(app, c["id"], held_on=(TODAY.replace(year=TODAY.year + 1)).isoformat())
    first = course_session(app, c["id"], capacity=2)
    assert first["enrolled"] == 0 and first["capacity"] == 2 and first["start_time"] == "09:00:00"
    listed = app.client.get(f"/courses/{c['id']}/sessions", headers=app.as_(JC)).json()
    assert [s["id"] for s in listed] == [first["id"], later["id"]]
    assert app.count(CourseSession) == 2


def test_e5_enrolment_refused_when_session_full_and_twice_for_the_same_case(make_app):
    app = make_app("education")
    for case_id in (1, 2, 3):
        known_case(app, case_id)
    s = course_session(app, course(app)["id"], capacity=2)
    path = f"/course-sessions/{s['id']}/enrolments"
    assert app.client.post(path, json={"case_id": 1}, headers=app.as_(JC)).status_code == 201
    twice = app.client.post(path, json={"case_id": 1}, headers=app.as_(JC))
    assert twice.status_code == 409 and "enrolled on this session already" in twice.text
    assert app.client.post(path, json={"case_id": 2}, headers=app.as_(JC)).status_code == 201
    full = app.client.post(path, json={"case_id": 3}, headers=app.as_(JC))
    assert full.status_code == 409 and "full" in full.text
    assert app.count(CourseEnrolment) == 2
    listed = app.client.get(f"/courses/{s['course_id']}/sessions", headers=app.as_(JC)).json()
    assert listed[0]["enrolled"] == 2
    unknown = app.client.post(path, json={"case_id": 99}, headers=app.as_(JC))
    assert unknown.status_code == 404 and "not known" in unknown.text


def test_e5_eight_caseworkers_enrol_on_the_last_seat_at_once_one_gets_it(make_app):
    app = make_app("education")
    cases = list(range(1, 9))
    for case_id in [*cases, 100]:
        known_case(app, case_id)
    s = course_session(app, course(app)["id"], capacity=2)
    path = f"/course-sessions/{s['id']}/enrolments"
    assert app.client.post(path, json={"case_id": 100}, headers=app.as_(JC)).status_code == 201  # one seat left
    barrier = threading.Barrier(len(cases))
    codes: list[int] = []

    def enrol(case_id: int) -> None:
        barrier.wait()
        resp = app.client.post(path, json={"case_id": case_id}, headers=app.as_(JC, f"sagsbehandler{case_id}"))
        codes.append(resp.status_code)

    threads = [threading.Thread(target=enrol, args=(c,)) for c in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201] + [409] * (len(cases) - 1)
    assert app.count(CourseEnrolment) == 2
    assert app.client.get(f"/courses/{s['course_id']}/sessions", headers=app.as_(JC)).json()[0]["enrolled"] == 2


def test_e5_attendance_per_session_and_enrolment(make_app):
    app = make_app("education")
    known_case(app, 1)
    known_case(app, 2)
    today = course_session(app, course(app)["id"], held_on=TODAY.isoformat())
    future = course_session(app, today["course_id"])
    e1 = app.client.post(f"/course-sessions/{today['id']}/enrolments", json={"case_id": 1}, headers=app.as_(JC)).json()
    e2 = app.client.post(f"/course-sessions/{today['id']}/enrolments", json={"case_id": 2}, headers=app.as_(JC)).json()
    ef = app.client.post(f"/course-sessions/{future['id']}/enrolments", json={"case_id": 1}, headers=app.as_(JC)).json()
    assert e1["attended"] is None
    resp = app.client.put(f"/course-enrolments/{e1['id']}/attendance", json={"attended": True}, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["attended"] is True and resp.json()["attendance_by"] == "testbruger"
    resp = app.client.put(f"/course-enrolments/{e2['id']}/attendance", json={"attended": False}, headers=app.as_(JC))
    assert resp.status_code == 200
    early = app.client.put(f"/course-enrolments/{ef['id']}/attendance", json={"attended": True}, headers=app.as_(JC))
    assert early.status_code == 409 and "from the day of the session" in early.text
    roll = app.client.get(f"/course-sessions/{today['id']}/enrolments", headers=app.as_(JC)).json()
    assert [(r["case_id"], r["attended"]) for r in roll] == [(1, True), (2, False)]
    sessions = app.client.get(f"/courses/{today['course_id']}/sessions", headers=app.as_(JC)).json()
    assert [(s["enrolled"], s["attended"]) for s in sessions] == [(2, 1), (1, 0)]
    mine = app.client.get("/cases/1/course-enrolments", headers=app.as_(JC)).json()
    assert [(r["session_id"], r["attended"]) for r in mine] == [(today["id"], True), (future["id"], None)]


def test_e5_only_jobcentret_reads_and_writes_courses(make_app):
    app = make_app("education")
    assert app.client.get("/courses").status_code == 401
    other = app.as_(Department.BORGERSERVICE)
    assert app.client.get("/courses", headers=other).status_code == 403
    resp = app.client.post("/courses", json={"kind": "samfundsforhold", "programme": "P"}, headers=other)
    assert resp.status_code == 403 and app.count(Course) == 0


def test_defect_1_e5_a_session_time_with_a_utc_offset_is_refused_in_danish_not_a_500(make_app):
    """Issue 18, E5: ``start_time`` "10:00:00+01:00" beside ``end_time`` "12:00:00" compared an aware with a naive
    time (a 500). A session's times are Copenhagen wall-clock times, so an offset is refused (422), whichever of
    the two carries it and whether both do; nothing is written."""
    app = make_app("education")
    c = course(app)
    path = f"/courses/{c['id']}/sessions"
    base = {
        "held_on": (TODAY + timedelta(days=7)).isoformat(),
        "place": "Rødovre Rådhus",
        "teacher": "Karen Underviser",
        "capacity": 12,
    }
    for start, end in [
        ("10:00:00+01:00", "12:00:00"),
        ("10:00:00", "12:00:00+01:00"),
        ("10:00:00+01:00", "12:00:00+02:00"),
        ("10:00Z", "12:00Z"),
        ("10:00:00-05:00", "09:00:00"),
    ]:
        resp = app.client.post(path, json={**base, "start_time": start, "end_time": end}, headers=app.as_(JC))
        assert resp.status_code == 422, (start, end, resp.text)
        assert "without a UTC offset" in resp.text
    assert app.count(CourseSession) == 0
    fine = app.client.post(path, json={**base, "start_time": "10:00:00", "end_time": "12:00"}, headers=app.as_(JC))
    assert fine.status_code == 201 and fine.json()["start_time"] == "10:00:00"


def test_defect_1_e5_the_session_form_says_in_danish_next_to_the_time_that_an_offset_is_not_accepted(make_app):
    app = as_(make_app("education"))
    c = course(app)
    form = {
        "_form": "session",
        "held_on": (TODAY + timedelta(days=3)).isoformat(),
        "start_time": "10:00:00+01:00",
        "end_time": "12:00:00",
        "place": "Rådhuset",
        "teacher": "Karen",
        "capacity": "10",
    }
    bad = post(app, f"/kurser/{c['id']}/hold", form)
    assert bad.status_code == 422
    assert field_error(bad.text, "session_start_time") == "Angiv klokkeslættet uden tidszone (fx 10:00)"
    assert app.count(CourseSession) == 0
