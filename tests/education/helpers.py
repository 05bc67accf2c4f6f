"""Helpers for education tests: make education know a case (as reception's ``case_opened`` does)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from education.intake.handlers import on_case_opened
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import CaseOpened

JC = Department.JOBCENTRET
TODAY = copenhagen_today()


def known_case(app: Any, case_id: int = 5, *, arrival: date | None = None) -> int:
    """Education handles reception.case_opened for the case (arriving today unless told)."""
    event = CaseOpened(
        case_id=case_id,
        case_number=f"2026-{case_id:06d}",
        residence_basis="asylum_7_1",
        expected_arrival_date=arrival or TODAY,
        household_size=1,
    )
    with app.factory.begin() as session:
        on_case_opened(session, event, envelope_for(event, producer="reception"))
    return case_id


def created(app: Any, path: str, body: dict[str, Any]) -> dict[str, Any]:
    resp = app.client.post(path, json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return dict(resp.json())


def course(app: Any, kind: str = "samfundsforhold") -> dict[str, Any]:
    return created(app, "/courses", {"kind": kind, "programme": "Demokrati, kommunen, velfærdsstaten"})


def course_session(app: Any, course_id: int, **overrides: Any) -> dict[str, Any]:
    body = {
        "held_on": (TODAY + timedelta(days=7)).isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "place": "Rødovre Rådhus, mødelokale 2",
        "teacher": "Karen Underviser",
        "capacity": 12,
        **overrides,
    }
    return created(app, f"/courses/{course_id}/sessions", body)


def school(app: Any, name: str = "Sprogcenter Vestegnen") -> dict[str, Any]:
    return created(app, "/language-schools", {"name": name, "address": "Rødovrevej 1", "contact": "kontor@sprog.dk"})


def assessed(app: Any, case_id: int, **overrides: Any) -> dict[str, Any]:
    """Record the language assessment of a known case; returns the case's assessment."""
    body = {
        "version": 1,
        "assessed_on": TODAY.isoformat(),
        "assessed_by": "Sprogcentrets testansvarlige",
        "track": "DU2",
        "start_module": 1,
        "notes": "Skolegang 9 år i hjemlandet",
        **overrides,
    }
    resp = app.client.put(f"/language_assessments/{case_id}/assessment", json=body, headers=app.as_(JC))
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def absence(app: Any, case_id: int, **overrides: Any) -> dict[str, Any]:
    """One line of an absence list for last week (6 of 15 hours unexcused unless told)."""
    end = TODAY - timedelta(days=1)
    body = {
        "case_id": case_id,
        "course": "DU2 modul 1",
        "period_start": (end - timedelta(days=6)).isoformat(),
        "period_end": end.isoformat(),
        "planned_hours": 15,
        "absent_hours": 6,
        "excused_hours": 0,
        **overrides,
    }
    return created(app, "/absences", body)


def effort(app: Any, case_id: int, **overrides: Any) -> dict[str, Any]:
    body = {
        "kind": "sprogpraktik",
        "provider": "Netto, Rødovre Centrum",
        "from_date": TODAY.isoformat(),
        "to_date": (TODAY + timedelta(weeks=8)).isoformat(),
        "hours_per_week": 15,
        **overrides,
    }
    return created(app, f"/cases/{case_id}/language-efforts", body)
