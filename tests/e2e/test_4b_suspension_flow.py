"""Integrationsloven § 4 b across services (the in-process runner): after a § 4, stk. 2 takeover the start of
Danish education (danskuddannelsesloven § 5, stk. 1, in education) and the programme's offer (§ 16, in employment)
are counted from the end of a 3-month suspension; a minister's order recorded once in reception extends it for the
takeovers it covers and both services recompute; its repeal undoes that; the city council's decision not to
suspend (stk. 4) gives the plain month."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.auth import Department
from shared.clock import one_month_after
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.law.calendar import add_months
from tests.reception.helpers import handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET
TODAY = copenhagen_today()


def _deadlines(flow, case_id: int) -> tuple[dict, dict]:
    education = flow.client("education", JC).get(f"/language_assessments/{case_id}").json()
    rows = flow.client("employment", JC).get("/match_conversations").json()
    return education, next(r for r in rows if r["case_id"] == case_id)


def _placed(flow) -> tuple[int, date]:
    made = flow.client("reception", UDL).post(
        "/handovers", json=handover(placement_decided_on=(TODAY - timedelta(days=10)).isoformat())
    )
    assert made.status_code == 201, made.text
    return made.json()["id"], date.fromisoformat(made.json()["responsibility_from"])


def test_4b_offer_deadlines_wait_for_the_suspension_and_follow_an_order_and_its_repeal(flow):
    case_id, taken_over = _placed(flow)
    education, employment = _deadlines(flow, case_id)
    suspended = one_month_after(add_months(taken_over, 3)).isoformat()
    assert education["due_date"] == employment["programme_due"] == suspended
    for row in (education["due_why"], employment["programme_why"]):
        assert "suspenderet i 3 måneder" in row and "§ 4 b, stk. 1" in row

    # The minister extends the suspension by 2 months for takeovers in a period covering this one (stk. 3).
    order = {
        "reference": "BEK nr. 9 af 2. januar 2027",
        "legal_basis": "stk3",
        "applies_from": (taken_over - timedelta(days=5)).isoformat(),
        "applies_to": (taken_over + timedelta(days=60)).isoformat(),
        "extra_months": 2,
    }
    made = flow.client("reception", JC).post("/influx-orders", json=order)
    assert made.status_code == 201, made.text
    education, employment = _deadlines(flow, case_id)
    extended = one_month_after(add_months(taken_over, 5)).isoformat()
    assert education["due_date"] == employment["programme_due"] == extended
    assert "BEK nr. 9 af 2. januar 2027" in education["due_why"] and "BEK nr. 9" in employment["programme_why"]

    # Repealed from its first day: it never applied, and both dates go back.
    repeal = {"revoked_on": order["applies_from"]}
    revoked = flow.client("reception", JC).post(f"/influx-orders/{made.json()['id']}/revoke", json=repeal)
    assert revoked.status_code == 200, revoked.text
    education, employment = _deadlines(flow, case_id)
    assert education["due_date"] == employment["programme_due"] == suspended


def test_4b_the_city_council_may_decide_not_to_suspend(flow, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", "0")
    case_id, taken_over = _placed(flow)
    education, employment = _deadlines(flow, case_id)
    assert education["due_date"] == employment["programme_due"] == one_month_after(taken_over).isoformat()
    assert "§ 4 b" not in employment["programme_why"]
