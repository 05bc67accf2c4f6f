"""B7: the person becomes self-supporting (job or SU); reception is told so the benefits stop (R3)."""

from __future__ import annotations

from datetime import timedelta

from employment.intake.handlers import on_case_opened
from employment.selfsufficiency.models import SelfSufficiency
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import CaseOpened

JC = Department.JOBCENTRET


def _known_case(app, case_id: int = 8) -> int:
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


def test_b7_self_sufficiency_is_recorded_once_and_published(make_app):
    app = make_app("employment")
    case_id = _known_case(app)
    start = (copenhagen_today() + timedelta(days=3)).isoformat()
    resp = app.client.post(
        f"/cases/{case_id}/self-sufficiency", json={"kind": "su", "effective_from": start}, headers=app.as_(JC)
    )
    assert resp.status_code == 201, resp.text
    assert app.client.get(f"/cases/{case_id}/self-sufficiency", headers=app.as_(JC)).json()["kind"] == "su"
    again = app.client.post(
        f"/cases/{case_id}/self-sufficiency", json={"kind": "job", "effective_from": start}, headers=app.as_(JC)
    )
    assert again.status_code == 409
    events = [e for e in app.outbox() if e["type"] == "employment.self_sufficiency_reported"]
    assert [e["payload"] for e in events] == [
        {"case_id": case_id, "report_id": resp.json()["id"], "kind": "su", "effective_from": start}
    ]


def test_b7_bad_reports_are_refused_with_a_message_and_nothing_written(make_app):
    app = make_app("employment")
    case_id = _known_case(app)
    today = copenhagen_today()
    for path, body, status, needle in (
        ("/cases/999/self-sufficiency", {"kind": "job", "effective_from": today.isoformat()}, 404, "not known"),
        (f"/cases/{case_id}/self-sufficiency", {"kind": "lottery", "effective_from": today.isoformat()}, 422, "kind"),
        (
            f"/cases/{case_id}/self-sufficiency",
            {"kind": "job", "effective_from": (today - timedelta(days=60)).isoformat()},
            422,
            "within a month back",
        ),
        (
            f"/cases/{case_id}/self-sufficiency",
            {"kind": "job", "effective_from": (today + timedelta(days=200)).isoformat()},
            422,
            "three months ahead",
        ),
        (f"/cases/{case_id}/self-sufficiency", {"kind": "job"}, 422, "effective_from"),
        (f"/cases/{2**64}/self-sufficiency", {"kind": "job", "effective_from": today.isoformat()}, 422, "case_id"),
    ):
        resp = app.client.post(path, json=body, headers=app.as_(JC))
        assert resp.status_code == status, (body, resp.text)
        assert needle in resp.text
    body = {"kind": "job", "effective_from": today.isoformat()}
    assert app.client.post(f"/cases/{case_id}/self-sufficiency", json=body).status_code == 401
    forbidden = app.client.post(f"/cases/{case_id}/self-sufficiency", json=body, headers=app.as_(Department.OKONOMI))
    assert forbidden.status_code == 403
    assert app.count(SelfSufficiency) == 0 and app.outbox() == []
