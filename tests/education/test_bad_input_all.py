"""Bad input on every education endpoint of E1–E5: a 4xx with a message, and nothing half-written.

Missing fields, wrong types, NUL bytes, too-long text, unknown and oversized ids, impossible dates.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from education.db import Base
from shared.auth import Department
from tests.education.helpers import (
    JC,
    TODAY,
    absence,
    assessed,
    course,
    course_session,
    created,
    effort,
    known_case,
    school,
)

BIG = 2**64
LONG = "x" * 201
NUL = "A\x00B"
FUTURE = (TODAY + timedelta(days=3)).isoformat()


def _row_counts(app) -> dict[str, int]:
    with app.factory() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def _world(app) -> dict[str, int]:
    """One of everything, so each endpoint has a real target."""
    known_case(app, 1)
    known_case(app, 2)
    s = school(app)
    assessed(app, 1)
    c = course(app)
    sess = course_session(app, c["id"], held_on=TODAY.isoformat(), capacity=5)
    enrolment = created(app, f"/course-sessions/{sess['id']}/enrolments", {"case_id": 1})
    a = absence(app, 1)
    follow_up = created(app, f"/absences/{a['id']}/follow-up", {"planned_on": TODAY.isoformat()})
    e = effort(app, 1)
    text = created(
        app,
        f"/language-schools/{s['id']}/cooperation",
        {"kind": "strategy", "title": "S", "text": "T", "valid_from": TODAY.isoformat()},
    )
    meeting = created(app, f"/language-schools/{s['id']}/steering-meetings", {"held_on": FUTURE, "agenda": "A"})
    member = created(
        app, f"/language-schools/{s['id']}/steering-members", {"name": "N", "organisation": "O", "role": "R"}
    )
    return {
        "school": s["id"],
        "course": c["id"],
        "session": sess["id"],
        "enrolment": enrolment["id"],
        "absence": a["id"],
        "follow_up": follow_up["id"],
        "effort": e["id"],
        "text": text["id"],
        "meeting": meeting["id"],
        "member": member["id"],
    }


ENROL = {"school_id": 1, "track": "DU2", "module": 1, "start_date": TODAY.isoformat()}
ASSESS = {"version": 1, "assessed_on": TODAY.isoformat(), "assessed_by": "A", "track": "DU1", "start_module": 1}
SESSION = {"held_on": FUTURE, "start_time": "09:00", "end_time": "10:00", "place": "P", "teacher": "T", "capacity": 3}
EFFORT = {"kind": "turbodansk", "provider": "P", "from_date": TODAY.isoformat(), "to_date": FUTURE, "hours_per_week": 5}

CASES = [
    # E5: courses, sessions, enrolments, attendance
    ("post", "/courses", {"kind": "cooking", "programme": "P"}),
    ("post", "/courses", {"kind": "moralkodeks"}),
    ("post", "/courses", {"kind": "moralkodeks", "programme": NUL}),
    ("post", "/courses", {"kind": "moralkodeks", "programme": "x" * 5001}),
    ("post", "/courses", {"kind": "samfundsforhold", "programme": "again"}),
    ("patch", "/courses/{course}", {"programme": "no version"}),
    ("patch", "/courses/{course}", {"version": "one", "programme": "P"}),
    ("patch", "/courses/{course}", {"version": 1, "programme": ""}),
    ("patch", "/courses/999", {"version": 1, "programme": "P"}),
    ("patch", f"/courses/{BIG}", {"version": 1, "programme": "P"}),
    ("post", "/courses/{course}/sessions", {**SESSION, "held_on": "2026-02-30"}),
    ("post", "/courses/{course}/sessions", {**SESSION, "end_time": "08:00"}),
    ("post", "/courses/{course}/sessions", {**SESSION, "start_time": "25:00"}),
    ("post", "/courses/{course}/sessions", {**SESSION, "capacity": 0}),
    ("post", "/courses/{course}/sessions", {**SESSION, "capacity": BIG}),
    ("post", "/courses/{course}/sessions", {**SESSION, "teacher": LONG}),
    ("post", "/courses/{course}/sessions", {**SESSION, "place": NUL}),
    ("post", "/courses/{course}/sessions", {k: v for k, v in SESSION.items() if k != "place"}),
    ("post", "/courses/999/sessions", SESSION),
    ("post", "/course-sessions/{session}/enrolments", {}),
    ("post", "/course-sessions/{session}/enrolments", {"case_id": "abc"}),
    ("post", "/course-sessions/{session}/enrolments", {"case_id": BIG}),
    ("post", "/course-sessions/{session}/enrolments", {"case_id": 999}),
    ("post", "/course-sessions/{session}/enrolments", {"case_id": 1}),
    ("post", "/course-sessions/999/enrolments", {"case_id": 2}),
    ("put", "/course-enrolments/{enrolment}/attendance", {"attended": "perhaps"}),
    ("put", "/course-enrolments/{enrolment}/attendance", {}),
    ("put", "/course-enrolments/999/attendance", {"attended": True}),
    # E1: assessment and enrolment
    ("put", "/language_assessments/1/assessment", {**ASSESS, "version": 2, "track": "DU4"}),
    ("put", "/language_assessments/1/assessment", {**ASSESS, "version": 2, "start_module": 7}),
    ("put", "/language_assessments/1/assessment", {**ASSESS, "version": 2, "assessed_on": FUTURE}),
    ("put", "/language_assessments/1/assessment", {**ASSESS, "version": 2, "assessed_by": NUL}),
    ("put", "/language_assessments/1/assessment", {**ASSESS, "version": 2, "notes": "x" * 5001}),
    ("put", "/language_assessments/1/assessment", ASSESS),
    ("put", "/language_assessments/999/assessment", ASSESS),
    ("put", f"/language_assessments/{BIG}/assessment", ASSESS),
    ("post", "/language_assessments/1/enrolment", {**ENROL, "school_id": 999}),
    ("post", "/language_assessments/1/enrolment", {**ENROL, "track": "A1"}),
    ("post", "/language_assessments/1/enrolment", {**ENROL, "module": 0}),
    ("post", "/language_assessments/1/enrolment", {**ENROL, "start_date": "2026-13-01"}),
    ("post", "/language_assessments/1/enrolment", {**ENROL, "start_date": (TODAY - timedelta(days=1)).isoformat()}),
    ("post", "/language_assessments/1/enrolment", {**ENROL, "start_date": (TODAY + timedelta(days=800)).isoformat()}),
    ("post", "/language_assessments/2/enrolment", ENROL),
    ("post", "/language_assessments/999/enrolment", ENROL),
    # E4: progression and follow-up conversations
    ("post", "/cases/1/module-tests", {"track": "DU2", "module": 1}),
    ("post", "/cases/1/module-tests", {"track": "DU2", "module": "first", "passed_on": TODAY.isoformat()}),
    ("post", "/cases/1/module-tests", {"track": "DU2", "module": 1, "passed_on": FUTURE}),
    ("post", "/cases/999/module-tests", {"track": "DU2", "module": 1, "passed_on": TODAY.isoformat()}),
    ("post", "/absences/{absence}/follow-up", {"planned_on": TODAY.isoformat()}),
    ("post", "/absences/999/follow-up", {"planned_on": TODAY.isoformat()}),
    ("post", "/absences/{absence}/follow-up", {"planned_on": "tomorrow"}),
    ("patch", "/follow-ups/{follow_up}", {"version": 1}),
    (
        "patch",
        "/follow-ups/{follow_up}",
        {"version": 1, "held_on": TODAY.isoformat(), "summary": NUL, "sanction_recommended": True},
    ),
    (
        "patch",
        "/follow-ups/{follow_up}",
        {"version": 1, "held_on": FUTURE, "summary": "S", "sanction_recommended": True},
    ),
    (
        "patch",
        "/follow-ups/{follow_up}",
        {"version": 1, "held_on": TODAY.isoformat(), "summary": "S", "sanction_recommended": "maybe"},
    ),
    ("patch", "/follow-ups/{follow_up}", {"version": 1, "planned_on": "2020-01-01"}),
    ("patch", "/follow-ups/{follow_up}", {"version": 7, "planned_on": TODAY.isoformat()}),
    ("patch", "/follow-ups/999", {"version": 1, "planned_on": TODAY.isoformat()}),
    # E3: special language efforts
    ("post", "/cases/1/language-efforts", {**EFFORT, "kind": "yoga"}),
    ("post", "/cases/1/language-efforts", {**EFFORT, "to_date": (TODAY - timedelta(days=1)).isoformat()}),
    ("post", "/cases/1/language-efforts", {**EFFORT, "to_date": (TODAY + timedelta(days=4000)).isoformat()}),
    ("post", "/cases/1/language-efforts", {**EFFORT, "hours_per_week": 0}),
    ("post", "/cases/1/language-efforts", {**EFFORT, "hours_per_week": 41}),
    ("post", "/cases/1/language-efforts", {**EFFORT, "provider": LONG}),
    ("post", "/cases/1/language-efforts", {**EFFORT, "provider": ""}),
    ("post", "/cases/999/language-efforts", EFFORT),
    ("patch", "/language-efforts/{effort}", {"version": 1}),
    ("patch", "/language-efforts/{effort}", {"version": 1, "status": "finished"}),
    ("patch", "/language-efforts/{effort}", {"version": 1, "status": "completed", "outcome": "skipped started"}),
    ("patch", "/language-efforts/{effort}", {"version": 1, "outcome": NUL}),
    ("patch", "/language-efforts/{effort}", {"version": 9, "status": "started"}),
    ("patch", "/language-efforts/999", {"version": 1, "status": "started"}),
    # E2: schools, cooperation, steering group
    ("post", "/language-schools", {"name": "", "address": "A", "contact": "C"}),
    ("post", "/language-schools", {"name": "N", "address": LONG, "contact": "C"}),
    ("post", "/language-schools", {"name": "N", "address": "A"}),
    ("post", "/language-schools", {"name": "Sprogcenter Vestegnen", "address": "A", "contact": "C"}),
    (
        "post",
        "/language-schools/{school}/cooperation",
        {"kind": "vision", "title": "T", "text": "X", "valid_from": TODAY.isoformat()},
    ),
    (
        "post",
        "/language-schools/{school}/cooperation",
        {"kind": "strategy", "title": "T", "text": "X", "valid_from": "2027-01-01", "valid_to": "2026-01-01"},
    ),
    (
        "post",
        "/language-schools/{school}/cooperation",
        {"kind": "strategy", "title": "T", "text": "", "valid_from": TODAY.isoformat()},
    ),
    (
        "post",
        "/language-schools/999/cooperation",
        {"kind": "strategy", "title": "T", "text": "X", "valid_from": TODAY.isoformat()},
    ),
    ("patch", "/cooperation/{text}", {"version": 1, "valid_to": "2000-01-01"}),
    ("patch", "/cooperation/{text}", {"version": 3, "title": "T2"}),
    ("patch", "/cooperation/{text}", {"version": 1, "title": NUL}),
    ("patch", "/cooperation/999", {"version": 1, "title": "T"}),
    ("post", "/language-schools/{school}/steering-members", {"name": "N", "organisation": "O"}),
    ("post", "/language-schools/{school}/steering-members", {"name": NUL, "organisation": "O", "role": "R"}),
    ("post", "/language-schools/999/steering-members", {"name": "N", "organisation": "O", "role": "R"}),
    ("patch", "/steering-members/{member}", {"version": 1}),
    ("patch", "/steering-members/{member}", {"version": 1, "role": LONG}),
    ("patch", "/steering-members/{member}", {"version": 1, "organisation": NUL}),
    ("patch", "/steering-members/{member}", {"version": 2, "role": "stale"}),
    ("patch", "/steering-members/999", {"version": 1, "role": "R"}),
    ("patch", f"/steering-members/{BIG}", {"version": 1, "role": "R"}),
    ("post", "/steering-members/{member}/leave", {"version": 1, "left_on": FUTURE}),
    ("post", "/steering-members/{member}/leave", {"version": 1, "left_on": "2026-02-30"}),
    ("post", "/steering-members/{member}/leave", {"left_on": TODAY.isoformat()}),
    ("post", "/steering-members/{member}/leave", {"version": 2}),
    ("post", "/steering-members/999/leave", {"version": 1}),
    ("post", "/language-schools/{school}/steering-meetings", {"held_on": "2026-02-29", "agenda": "A"}),
    ("post", "/language-schools/{school}/steering-meetings", {"held_on": FUTURE, "agenda": ""}),
    ("patch", "/steering-meetings/{meeting}", {"version": 1, "minutes": "before the meeting"}),
    ("patch", "/steering-meetings/{meeting}", {"version": 2, "agenda": "stale"}),
    ("patch", "/steering-meetings/{meeting}", {"version": 1, "decisions": "x" * 5001}),
    ("patch", "/steering-meetings/999", {"version": 1, "agenda": "A"}),
]


@pytest.mark.parametrize(("method", "path", "body"), CASES)
def test_e1_e5_bad_input_is_4xx_with_a_message_and_writes_nothing(make_app, method, path, body):
    app = make_app("education")
    ids = _world(app)
    before = _row_counts(app)
    outbox_before = len(app.outbox())
    resp = getattr(app.client, method)(path.format(**ids), json=body, headers=app.as_(JC))
    assert 400 <= resp.status_code < 500, resp.text
    assert resp.json()["detail"], resp.text
    assert _row_counts(app) == before
    assert len(app.outbox()) == outbox_before


@pytest.mark.parametrize(
    "path",
    [
        "/courses/999",
        "/courses/999/sessions",
        "/course-sessions/999/enrolments",
        "/language_assessments/999",
        f"/language_assessments/{BIG}",
        "/follow-ups/999",
        "/language-efforts/999",
        "/language-schools/999",
        "/language-schools/999/cooperation",
        "/language-schools/999/steering-members",
        "/language-schools/999/steering-meetings",
        "/courses/0",
    ],
)
def test_e1_e5_reads_of_unknown_ids_are_404_or_422_with_a_message(make_app, path):
    app = make_app("education")
    resp = app.client.get(path, headers=app.as_(JC))
    assert resp.status_code in (404, 422), resp.text
    assert resp.json()["detail"]


def test_e1_e5_other_departments_may_not_write_and_nothing_is_written(make_app):
    app = make_app("education")
    ids = _world(app)
    before = _row_counts(app)
    for method, path, body in (
        ("post", "/courses", {"kind": "moralkodeks", "programme": "P"}),
        ("post", "/language-schools", {"name": "Ny", "address": "A", "contact": "C"}),
        ("post", "/cases/1/language-efforts", EFFORT),
        ("post", "/cases/1/module-tests", {"track": "DU2", "module": 1, "passed_on": TODAY.isoformat()}),
        ("post", "/language_assessments/1/enrolment", ENROL),
        ("patch", "/follow-ups/{follow_up}", {"version": 1, "planned_on": TODAY.isoformat()}),
        ("patch", "/steering-members/{member}", {"version": 1, "role": "Formand"}),
        ("post", "/steering-members/{member}/leave", {"version": 1}),
    ):
        resp = getattr(app.client, method)(path.format(**ids), json=body, headers=app.as_(Department.BORGERSERVICE))
        assert resp.status_code == 403, (path, resp.text)
    assert _row_counts(app) == before
