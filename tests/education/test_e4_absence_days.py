"""E4 → R3 (issue 14): the absence list line dates each unexcused hour on its day; the event carries the days
(education.absence_reported v2), and a v1 message still in flight is read with its hours on the period's
first day."""

from __future__ import annotations

from datetime import date, timedelta

from education.absence.models import AbsenceDay, AbsenceReport
from shared.auth import Department
from shared.bus.envelope import EventEnvelope, read_event
from shared.clock import today as copenhagen_today
from tests.education.helpers import TODAY, known_case
from tests.education.pages import as_ as signed_in
from tests.education.pages import field_error, post, text_of

JC = Department.JOBCENTRET


def _line(case_id: int, **overrides):
    return {
        "case_id": case_id,
        "course": "DU2 modul 3",
        "period_start": "2026-10-01",
        "period_end": "2026-10-31",
        "planned_hours": 60,
        "absent_hours": 9,
        "excused_hours": 2,
        "absent_days": [{"on": "2026-10-05", "hours": 3}, {"on": "2026-10-19", "hours": 4}],
        **overrides,
    }


def test_e4_absent_days_are_stored_listed_and_reported_day_by_day(make_app):
    app = make_app("education")
    case_id = known_case(app, 7)
    resp = app.client.post("/absences", json=_line(case_id), headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["days_dated"] is True and body["unexcused_hours"] == 7
    assert body["absent_days"] == [{"on": "2026-10-05", "hours": 3}, {"on": "2026-10-19", "hours": 4}]
    [event] = [e for e in app.outbox() if e["type"] == "education.absence_reported"]
    assert event["version"] == 2
    assert event["payload"]["absent_days"] == [{"on": "2026-10-05", "hours": 3}, {"on": "2026-10-19", "hours": 4}]
    assert event["payload"]["absent_hours"] == 7
    assert app.count(AbsenceDay) == 2


def test_e4_bad_absent_days_are_refused_in_danish_and_nothing_is_written(make_app):
    app = make_app("education")
    case_id = known_case(app, 8)
    tomorrow = copenhagen_today() + timedelta(days=1)
    future_period = {
        "period_start": (tomorrow - timedelta(days=3)).isoformat(),
        "period_end": copenhagen_today().isoformat(),
        "absent_days": [{"on": tomorrow.isoformat(), "hours": 7}],
    }
    cases = [
        ({"absent_days": [{"on": "2026-09-30", "hours": 3}, {"on": "2026-10-19", "hours": 4}]}, "outside the period"),
        ({"absent_days": [{"on": "2026-10-05", "hours": 3}, {"on": "2026-10-05", "hours": 4}]}, "given twice"),
        ({"absent_days": [{"on": "2026-10-05", "hours": 3}, {"on": "2026-10-19", "hours": 5}]}, "add up"),
        ({"absent_days": [{"on": "2026-10-05", "hours": 25}]}, "24"),
        ({"absent_days": [{"on": "2026-10-05", "hours": 0}]}, "greater than or equal to 1"),
        ({"absent_days": [{"on": "5. oktober", "hours": 3}]}, "date"),
        (future_period, "outside the period"),
    ]
    for overrides, needle in cases:
        resp = app.client.post("/absences", json=_line(case_id, **overrides), headers=app.as_(JC))
        assert resp.status_code == 422, (overrides, resp.text)
        assert needle in resp.text, (needle, resp.text)
    # a day in the future inside a period that ends today: the service says so
    resp = app.client.post(
        "/absences",
        json=_line(
            case_id,
            period_start=(copenhagen_today() - timedelta(days=3)).isoformat(),
            period_end=copenhagen_today().isoformat(),
            absent_days=[{"on": copenhagen_today().isoformat(), "hours": 7}],
        ),
        headers=app.as_(JC),
    )
    assert resp.status_code == 201  # today is not the future
    assert app.count(AbsenceReport) == 1 and app.count(AbsenceDay) == 1


def test_e4_a_v1_absence_message_is_read_with_its_hours_on_the_period_s_first_day():
    envelope = EventEnvelope(
        type="education.absence_reported",
        version=1,
        producer="education",
        payload={
            "case_id": 3,
            "absence_id": 9,
            "course": "DU2",
            "period_start": "2026-01-01",
            "period_end": "2026-02-28",
            "planned_hours": 80,
            "absent_hours": 12,
        },
    )
    event = read_event(envelope)
    assert event.event_version == 2
    assert [(d.on, d.hours) for d in event.absent_days] == [(date(2026, 1, 1), 12)]


def test_e4_absence_page_takes_the_days_as_lines_and_refuses_a_bad_line_in_danish(make_app):
    app = signed_in(make_app("education"))
    known_case(app, 1)
    end = TODAY - timedelta(days=1)
    first = end - timedelta(days=6)
    form = {
        "_form": "absence",
        "case_id": "1",
        "course": "DU2 modul 1",
        "period_start": first.isoformat(),
        "period_end": end.isoformat(),
        "planned_hours": "15",
        "absent_hours": "5",
        "excused_hours": "",
        "note": "",
        "absent_days": f"{first:%d.%m.%Y}: 2\nden anden dag: 3",
    }
    bad = post(app, "/fravaer", form)
    assert bad.status_code == 422
    assert field_error(bad.text, "absence_absent_days") == (
        "»den anden dag: 3« er ikke en dag og et antal timer. Skriv én dag pr. linje, fx 05.10.2026: 3"
    )
    assert app.count(AbsenceReport) == 0 and app.outbox() == []
    wrong_sum = post(app, "/fravaer", {**form, "absent_days": f"{first:%d.%m.%Y}: 2"})
    assert wrong_sum.status_code == 422
    assert field_error(wrong_sum.text, "absence_absent_days").startswith("Timerne på fraværsdagene (2) skal give")
    good = post(app, "/fravaer", {**form, "absent_days": f"{first:%d.%m.%Y}: 2\n{end.isoformat()}: 3"})
    assert good.status_code == 303, good.text
    page = app.client.get(good.headers["location"])
    assert f"{first:%d.%m.%Y}: 2 timer" in text_of(page.text) and f"{end:%d.%m.%Y}: 3 timer" in text_of(page.text)
