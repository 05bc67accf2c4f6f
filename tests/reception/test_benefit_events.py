"""R3: other services' events and benefits: absence (E4) proposes a sanction, self-sufficiency (B7) stops them."""

from __future__ import annotations

from datetime import date, timedelta

from reception.benefits.models import Sanction
from reception.bootstrap import HANDLERS
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.education import AbsenceReported, AbsentDay
from shared.contracts.employment import SelfSufficiencyReported
from tests.reception.helpers import handover, kontanthjaelp
from tests.reception.test_contract import CONTENT

UDL, JC, OK = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.OKONOMI


def _case(app, *, signed: bool, benefit: bool = True) -> int:
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    if signed:
        contract = app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC)).json()
        saved = app.client.put(
            f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(JC)
        ).json()
        first = app.client.post(
            f"/contracts/{contract['id']}/sign",
            json={"party": "caseworker", "version": saved["version"]},
            headers=app.as_(JC),
        ).json()
        app.client.post(
            f"/contracts/{contract['id']}/sign",
            json={"party": "citizen", "version": first["version"]},
            headers=app.as_(JC),
        )
    if benefit:
        body = kontanthjaelp("9620.00", start=(copenhagen_today() - timedelta(days=40)).isoformat())
        assert app.client.post(f"/cases/{case['id']}/benefits", json=body, headers=app.as_(OK)).status_code == 201
    return int(case["id"])


def _guided(app, case_id: int, on: date) -> None:
    body = {"duty": "danskuddannelse", "given_on": on.isoformat(), "how": "brev", "given_by": "Jens Jobcenter"}
    assert app.client.post(f"/cases/{case_id}/duty-guidance", json=body, headers=app.as_(JC)).status_code == 201


def _absence(case_id: int, end: date) -> AbsenceReported:
    return AbsenceReported(
        case_id=case_id,
        absence_id=1,
        course="DU2 modul 1",
        period_start=end,
        period_end=end,
        planned_hours=6,
        absent_hours=4,
        absent_days=[AbsentDay(on=end, hours=4)],
    )


def _deliver(app, event, producer):
    envelope = envelope_for(event, producer=producer).model_dump(mode="json")
    return consume(app.factory, "reception", envelope, HANDLERS), envelope


def test_r3_absence_after_written_guidance_is_proposed_once_with_its_cause(make_app):
    app = make_app("reception")
    case_id = _case(app, signed=False)  # the contract's signature is not the guidance: the record is
    _guided(app, case_id, copenhagen_today() - timedelta(days=1))
    outcome, envelope = _deliver(app, _absence(case_id, copenhagen_today()), "education")
    assert outcome == Outcome.HANDLED
    assert consume(app.factory, "reception", envelope, HANDLERS) == Outcome.DUPLICATE
    sanctions = app.client.get(f"/cases/{case_id}/sanctions", headers=app.as_(OK)).json()
    assert len(sanctions) == 1 and sanctions[0]["status"] == "proposed"
    assert sanctions[0]["amount"] == "240.00"  # 9,620 kr. / (37 * 52 / 12 = 160.33 hours) * 4 hours
    with app.factory() as session:
        assert session.get(Sanction, sanctions[0]["id"]).source_event_id == envelope["event_id"]
    timeline = app.client.get(f"/cases/{case_id}/timeline", headers=app.as_(JC)).json()
    assert any("Fravær indberettet af Danskuddannelse (DU2 modul 1): 4 af 6 timer" in e["summary"] for e in timeline)


def test_r3_absence_without_written_guidance_or_benefit_proposes_nothing_but_shows(make_app):
    app = make_app("reception")
    signed_only = _case(app, signed=True)  # a signed contract is no longer taken as the written guidance
    no_benefit = _case(app, signed=False, benefit=False)
    _guided(app, no_benefit, copenhagen_today() - timedelta(days=10))
    same_day = _case(app, signed=False)
    _guided(app, same_day, copenhagen_today() - timedelta(days=3))
    for case_id, end in (
        (signed_only, copenhagen_today()),
        (no_benefit, copenhagen_today()),
        (same_day, copenhagen_today() - timedelta(days=3)),  # absence on the guidance day: not after it
    ):
        assert _deliver(app, _absence(case_id, end), "education")[0] == Outcome.HANDLED
        timeline = app.client.get(f"/cases/{case_id}/timeline", headers=app.as_(JC)).json()
        assert any(e["event_type"] == "education.absence_reported" for e in timeline)
    assert app.count(Sanction) == 0


def test_r3_self_sufficiency_ends_the_running_benefit_the_day_before(make_app):
    app = make_app("reception")
    case_id = _case(app, signed=False)
    start = copenhagen_today() + timedelta(days=10)
    event = SelfSufficiencyReported(case_id=case_id, report_id=1, kind="su", effective_from=start)
    outcome, envelope = _deliver(app, event, "employment")
    assert outcome == Outcome.HANDLED
    assert consume(app.factory, "reception", envelope, HANDLERS) == Outcome.DUPLICATE
    benefits = app.client.get(f"/cases/{case_id}/benefits", headers=app.as_(OK)).json()
    assert [(b["end_date"], b["stop_reason"]) for b in benefits] == [
        ((start - timedelta(days=1)).isoformat(), "Selvforsørgende (SU)")
    ]
    timeline = app.client.get(f"/cases/{case_id}/timeline", headers=app.as_(JC)).json()
    assert any("ydelserne stoppes" in e["summary"] for e in timeline)
