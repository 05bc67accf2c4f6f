"""R1/R4: the day the municipality takes over responsibility (integrationsloven § 4); the contract due a month later.

Asylum cases: at the end of the first whole month after Udlændingestyrelsen's placement decision, or earlier
with the person's consent; quota refugees and the family-reunified: at CPR registration.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reception.cases.models import Case
from shared.auth import Department
from shared.clock import local_date, one_month_after
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.law.integrationsloven import responsibility_day
from tests.reception.helpers import handover
from tests.reception.test_onboarding_api import _case_with_checklist, _task

UDL, JC, BS = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BORGERSERVICE
TODAY = copenhagen_today()


def _events(app, kind: str) -> list[dict]:
    return [e for e in app.outbox() if e["type"] == kind]


def by_placement_rule(decided: date) -> date:
    """The § 4, stk. 2 day, as shared/law computes it (the services compute it nowhere else)."""
    return responsibility_day(decided).due


def test_r1_placement_rule_is_the_end_of_the_first_whole_month_after_the_decision():
    assert by_placement_rule(date(2026, 3, 10)) == date(2026, 5, 1)
    assert by_placement_rule(date(2026, 3, 1)) == date(2026, 5, 1)  # March is not "after" 1 March
    assert by_placement_rule(date(2026, 11, 30)) == date(2027, 1, 4)  # 1 January a helligdag, then a weekend
    assert by_placement_rule(date(2026, 12, 15)) == date(2027, 2, 1)


def test_r4_one_month_after_keeps_the_day_or_takes_the_months_last():
    assert one_month_after(date(2026, 5, 1)) == date(2026, 6, 1)
    assert one_month_after(date(2027, 1, 31)) == date(2027, 2, 28)
    assert one_month_after(date(2026, 12, 15)) == date(2027, 1, 15)


def test_r1_asylum_handover_with_the_placement_decision_sets_the_day_and_the_contract_is_due_a_month_later(make_app):
    app = make_app("reception")
    decided = TODAY - timedelta(days=20)
    case = app.client.post("/handovers", json=handover(placement_decided_on=decided.isoformat()), headers=app.as_(UDL))
    assert case.status_code == 201, case.text
    rule_day = by_placement_rule(decided)
    seen = app.client.get(f"/cases/{case.json()['id']}", headers=app.as_(JC)).json()
    assert (seen["placement_decided_on"], seen["responsibility_from"]) == (decided.isoformat(), rule_day.isoformat())
    assert seen["responsibility_basis"] == "placement_rule"
    (event,) = _events(app, "reception.responsibility_taken_over")
    assert event["payload"] == {
        "case_id": seen["id"],
        "taken_over_on": rule_day.isoformat(),
        "basis": "placement_rule",
        "rule": "inl4-responsibility",
        "corrects": False,
    }

    contract = app.client.post(f"/cases/{seen['id']}/contract", headers=app.as_(JC))
    assert contract.status_code == 201, contract.text
    assert contract.json()["due_date"] == one_month_after(rule_day).isoformat()


def test_r1_quota_refugee_responsibility_starts_at_cpr_registration_and_moves_the_contract(make_app):
    app = make_app("reception")
    case = _case_with_checklist(app, residence_basis="quota_8", date_of_birth="1990-01-02")
    assert case["responsibility_from"] is None
    contract = app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC)).json()
    created = local_date(datetime.fromisoformat(case["created_at"]))  # the handover day in Copenhagen
    assert contract["due_date"] == (created + timedelta(days=30)).isoformat()  # not known yet: from the handover

    done = app.client.post(
        f"/onboarding-tasks/{_task(case, 'cpr_registration')['id']}/complete",
        json={"cpr": "0201901234", "registered_on": TODAY.isoformat()},
        headers=app.as_(BS),
    )
    assert done.status_code == 200, done.text
    seen = app.client.get(f"/cases/{case['id']}", headers=app.as_(JC)).json()
    assert (seen["responsibility_from"], seen["responsibility_basis"]) == (TODAY.isoformat(), "cpr_registration")
    moved = app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()
    assert moved["due_date"] == one_month_after(TODAY).isoformat()
    assert [e["payload"]["basis"] for e in _events(app, "reception.responsibility_taken_over")] == ["cpr_registration"]


def test_r1_earlier_takeover_with_consent_moves_the_day_and_the_contract(make_app):
    app = make_app("reception")
    decided = TODAY - timedelta(days=3)
    case_id = app.client.post(
        "/handovers", json=handover(placement_decided_on=decided.isoformat()), headers=app.as_(UDL)
    ).json()["id"]
    contract = app.client.post(f"/cases/{case_id}/contract", headers=app.as_(JC)).json()
    early = decided + timedelta(days=1)
    resp = app.client.post(
        f"/cases/{case_id}/responsibility",
        json={"taken_over_on": early.isoformat(), "consent_note": "Samtykke givet mundtligt på mødet 12.11."},
        headers=app.as_(JC, "Lise Jobcenter"),
    )
    assert resp.status_code == 200, resp.text
    assert (resp.json()["responsibility_from"], resp.json()["responsibility_basis"]) == (early.isoformat(), "consent")
    with app.factory() as session:
        assert "Lise Jobcenter" in (session.get(Case, case_id).responsibility_note or "")  # type: ignore[union-attr]
    assert app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()["due_date"] == (
        one_month_after(early).isoformat()
    )
    assert [e["payload"]["basis"] for e in _events(app, "reception.responsibility_taken_over")] == [
        "placement_rule",
        "consent",
    ]


def test_r1_earlier_takeover_refused_outside_the_rules_and_nothing_changes(make_app):
    app = make_app("reception")
    decided = TODAY - timedelta(days=3)
    asylum = app.client.post(
        "/handovers", json=handover(placement_decided_on=decided.isoformat()), headers=app.as_(UDL)
    ).json()["id"]
    quota = app.client.post("/handovers", json=handover(residence_basis="quota_8"), headers=app.as_(UDL)).json()["id"]
    unknown = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()["id"]
    rule_day = by_placement_rule(decided)
    body = {"consent_note": "Samtykke"}
    cases = [
        (asylum, {**body, "taken_over_on": rule_day.isoformat()}, JC, 422, "before"),  # not earlier than the rule
        (asylum, {**body, "taken_over_on": (decided - timedelta(days=1)).isoformat()}, JC, 422, "placement decision"),
        (asylum, {"taken_over_on": decided.isoformat()}, JC, 422, "consent_note"),
        (asylum, {**body, "taken_over_on": decided.isoformat()}, BS, 403, ""),
        (quota, {**body, "taken_over_on": TODAY.isoformat()}, JC, 409, "CPR registration"),
        (unknown, {**body, "taken_over_on": TODAY.isoformat()}, JC, 409, "not known"),
        (999999, {**body, "taken_over_on": TODAY.isoformat()}, JC, 404, "no case"),
    ]
    before = len(app.outbox())
    for case_id, payload, department, status, words in cases:
        resp = app.client.post(f"/cases/{case_id}/responsibility", json=payload, headers=app.as_(department))
        assert resp.status_code == status, (payload, resp.text)
        assert words in resp.text
    assert len(app.outbox()) == before
    with app.factory() as session:
        assert session.get(Case, asylum).responsibility_basis == "placement_rule"  # type: ignore[union-attr]


def test_r1_placement_decision_in_the_future_is_refused(make_app):
    app = make_app("reception")
    resp = app.client.post(
        "/handovers",
        json=handover(placement_decided_on=(TODAY + timedelta(days=1)).isoformat()),
        headers=app.as_(UDL),
    )
    assert resp.status_code == 422 and "placement decision" in resp.text
    assert app.count(Case) == 0 and app.outbox() == []
