"""E4 (absence lists registered; unexcused absence reported to reception for R3's sanction workflow)."""

from __future__ import annotations

from datetime import timedelta

from education.absence.models import AbsenceReport
from education.intake.handlers import on_case_opened
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import CaseOpened

JC = Department.JOBCENTRET


def _known_case(app, case_id: int = 5) -> int:
    event = CaseOpened(
        case_id=case_id,
        case_number=f"2026-{case_id:06d}",
        residence_basis="asylum_7_1",
        expected_arrival_date=copenhagen_today(),
        household_size=1,
    )
    with app.factory.begin() as session:
        on_case_opened(session, event, envelope_for(event, producer="reception"))
    return case_id


def _line(case_id: int, **overrides):
    end = copenhagen_today() - timedelta(days=1)
    body = {
        "case_id": case_id,
        "course": "DU2 modul 1",
        "period_start": (end - timedelta(days=6)).isoformat(),
        "period_end": end.isoformat(),
        "planned_hours": 15,
        "absent_hours": 6,
        "excused_hours": 0,
    }
    return {**body, **overrides}


def test_e4_unexcused_absence_is_reported_to_reception_excused_is_not(make_app):
    app = make_app("education")
    case_id = _known_case(app)
    first = app.client.post("/absences", json=_line(case_id), headers=app.as_(JC))
    assert first.status_code == 201 and first.json()["unexcused_hours"] == 6
    excused = _line(case_id, course="Samfundsfag", absent_hours=3, excused_hours=3)
    assert app.client.post("/absences", json=excused, headers=app.as_(JC)).status_code == 201
    reported = [e for e in app.outbox() if e["type"] == "education.absence_reported"]
    assert len(reported) == 1
    assert reported[0]["payload"] == {
        "case_id": case_id,
        "absence_id": first.json()["id"],
        "course": "DU2 modul 1",
        "period_start": _line(case_id)["period_start"],
        "period_end": _line(case_id)["period_end"],
        "planned_hours": 15,
        "absent_hours": 6,
        # no days given: the hours are undated and count as on the period's first day (favourable to the citizen)
        "absent_days": [{"on": _line(case_id)["period_start"], "hours": 6}],
    }
    listed = app.client.get(f"/cases/{case_id}/absences", headers=app.as_(JC)).json()
    assert [r["course"] for r in listed] == ["DU2 modul 1", "Samfundsfag"]


def test_e4_bad_absence_lines_are_refused_with_a_message_and_nothing_written(make_app):
    app = make_app("education")
    case_id = _known_case(app)
    tomorrow = (copenhagen_today() + timedelta(days=1)).isoformat()
    for body, status, needle in (
        (_line(999), 404, "not known"),
        (_line(case_id, period_end=tomorrow, period_start=copenhagen_today().isoformat()), 422, "not ended"),
        (_line(case_id, absent_hours=16), 422, "exceed planned"),
        (_line(case_id, excused_hours=7), 422, "exceed absent"),
        (_line(case_id, period_start=copenhagen_today().isoformat()), 422, "before period_start"),
        (_line(case_id, planned_hours=0), 422, "planned_hours"),
        (_line(case_id, course=""), 422, "course"),
        (_line(case_id, course="A\x00"), 422, "course"),
        (_line(2**64), 422, "case_id"),
    ):
        resp = app.client.post("/absences", json=body, headers=app.as_(JC))
        assert resp.status_code == status, (body, resp.text)
        assert needle in resp.text
    assert app.client.post("/absences", json=_line(case_id)).status_code == 401
    assert app.client.post("/absences", json=_line(case_id), headers=app.as_(Department.BKF)).status_code == 403
    assert app.count(AbsenceReport) == 0 and app.outbox() == []
    assert app.client.post("/absences", json=_line(case_id), headers=app.as_(JC)).status_code == 201
    again = app.client.post("/absences", json=_line(case_id), headers=app.as_(JC))
    assert again.status_code == 409 and app.count(AbsenceReport) == 1 and len(app.outbox()) == 1
