"""R3: benefits, idempotent monthly payment runs, sanctions as a workflow (proposed, heard, decided, deducted)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from reception.benefits.models import Payment, PaymentRun
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.law.calendar import next_working_day
from shared.law.retssikkerhedsloven import Delivery, appeal_deadline
from tests.reception.helpers import handover, kontanthjaelp

UDL, JC, OK = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.OKONOMI


def _case_with_benefit(app, amount="12000.00", start=None, account=True):
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    body = kontanthjaelp(amount, start=(start or date(2026, 11, 1)).isoformat(), account=account)
    resp = app.client.post(f"/cases/{case['id']}/benefits", json=body, headers=app.as_(OK))
    assert resp.status_code == 201, resp.text
    return case


def _guided(app, case_id, on, duty="danskuddannelse"):
    """Written guidance about the duty recorded on the case (aktivloven § 35, stk. 1)."""
    body = {"duty": duty, "given_on": on.isoformat(), "how": "digital_post", "given_by": "Jens Jobcenter"}
    resp = app.client.post(f"/cases/{case_id}/duty-guidance", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_r3_benefit_record_and_one_running_benefit_per_case(make_app):
    app = make_app("reception")
    case = _case_with_benefit(app)
    again = app.client.post(
        f"/cases/{case['id']}/benefits",
        json=kontanthjaelp("1.00"),
        headers=app.as_(OK),
    )
    assert again.status_code == 409
    listed = app.client.get(f"/cases/{case['id']}/benefits", headers=app.as_(JC)).json()
    assert [(b["benefit_type"], b["monthly_amount"]) for b in listed] == [("kontanthjaelp", "12000.00")]
    by_jc = app.client.post(
        f"/cases/{case['id']}/benefits",
        json=kontanthjaelp("1.00"),
        headers=app.as_(JC),
    )
    assert by_jc.status_code == 403


def test_r3_payment_run_is_idempotent_and_prorates_a_late_start(make_app):
    app = make_app("reception")
    full = _case_with_benefit(app, "12000.00")
    half = _case_with_benefit(app, "9000.00", start=date(2026, 12, 17))
    _no_account = _case_with_benefit(app, "5000.00", account=False)
    first = app.client.post("/payment-runs", json={"month": "2026-12"}, headers=app.as_(OK)).json()
    assert first["created"] is True
    paid = {p["case_id"]: p["gross"] for p in first["payments"]}
    assert paid == {full["id"]: "12000.00", half["id"]: "4354.84"}  # 15 of 31 days
    again = app.client.post("/payment-runs", json={"month": "2026-12"}, headers=app.as_(OK)).json()
    assert again["created"] is False and again["id"] == first["id"]
    assert app.count(Payment) == 2 and app.count(PaymentRun) == 1


def test_r3_two_simultaneous_payment_runs_for_a_month_pay_once(make_app):
    app = make_app("reception")
    for _ in range(3):
        _case_with_benefit(app)
    barrier = threading.Barrier(4)
    created: list[bool] = []

    def run() -> None:
        barrier.wait()
        resp = app.client.post("/payment-runs", json={"month": "2026-11"}, headers=app.as_(OK))
        assert resp.status_code == 200, resp.text
        created.append(resp.json()["created"])

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(created) == [False, False, False, True]
    assert app.count(Payment) == 3 and app.count(PaymentRun) == 1


def test_r3_sanction_workflow_proposed_heard_decided_deducted(make_app):
    app = make_app("reception")
    case = _case_with_benefit(app)
    breach = copenhagen_today() - timedelta(days=3)
    _guided(app, case["id"], breach - timedelta(days=30))
    proposed = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={
            "reason": "Udeblevet fra danskundervisning 5 dage (fraværsliste)",
            "breach_date": breach.isoformat(),
            "amount": "1500.00",
        },
        headers=app.as_(JC),
    ).json()
    assert proposed["status"] == "proposed"
    sid = proposed["id"]
    too_early = app.client.post(
        f"/sanctions/{sid}/decision",
        json={"version": 1, "decision": "applied", "reasoning": "Fravær uden gyldig grund"},
        headers=app.as_(OK),
    )
    assert too_early.status_code == 409 and "hearing" in too_early.json()["detail"]
    heard = app.client.post(
        f"/sanctions/{sid}/hearing", json={"version": 1, "reply_days": 7}, headers=app.as_(OK)
    ).json()
    assert (
        heard["status"] == "hearing"
        and heard["reply_deadline"] == next_working_day(copenhagen_today() + timedelta(days=7)).isoformat()
    )
    waiting = app.client.post(
        f"/sanctions/{sid}/decision",
        json={"version": heard["version"], "decision": "applied", "reasoning": "Fravær uden gyldig grund"},
        headers=app.as_(OK),
    )
    assert waiting.status_code == 409 and "reply" in waiting.json()["detail"]
    replied = app.client.post(
        f"/sanctions/{sid}/reply",
        json={"version": heard["version"], "reply": "Jeg var syg men har ingen lægeerklæring"},
        headers=app.as_(JC),
    ).json()
    decided = app.client.post(
        f"/sanctions/{sid}/decision",
        json={
            "version": replied["version"],
            "decision": "applied",
            "reasoning": "Fravær uden dokumenteret gyldig grund",
        },
        headers=app.as_(OK, "ok-bente"),
    ).json()
    assert (decided["status"], decided["decided_by"]) == ("applied", "ok-bente")
    assert decided["appeal_deadline"] == appeal_deadline(copenhagen_today(), Delivery.DIGITAL).due.isoformat()
    assert [e["type"] for e in app.outbox()][-1] == "reception.sanction_decided"
    month = f"{copenhagen_today().year}-{copenhagen_today().month:02d}"
    run = app.client.post("/payment-runs", json={"month": month}, headers=app.as_(OK)).json()
    payment = next(p for p in run["payments"] if p["case_id"] == case["id"])
    assert payment["deduction"] == "1500.00" and payment["net"] == "10500.00"
    after = app.client.get(f"/cases/{case['id']}/sanctions", headers=app.as_(JC)).json()[0]
    assert (after["status"], after["deducted_in_month"]) == ("deducted", month)


def test_r3_sanction_needs_prior_written_guidance_and_no_stale_edits(make_app):
    app = make_app("reception")
    case = _case_with_benefit(app)
    breach = copenhagen_today() - timedelta(days=1)
    _guided(app, case["id"], breach)  # on the breach's own day: not before it
    _guided(app, case["id"], breach - timedelta(days=5), duty="aktivering")  # about another duty
    no_guidance = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={"reason": "Udeblevet", "breach_date": breach.isoformat(), "amount": "500.00"},
        headers=app.as_(JC),
    )
    assert no_guidance.status_code == 422 and no_guidance.json()["field"] == "breach_date"
    _guided(app, case["id"], breach - timedelta(days=1))
    ok = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={"reason": "Udeblevet", "breach_date": breach.isoformat(), "amount": "500.00"},
        headers=app.as_(JC),
    ).json()
    assert ok["guidance_given_on"] == (breach - timedelta(days=1)).isoformat()
    app.client.post(f"/sanctions/{ok['id']}/hearing", json={"version": 1}, headers=app.as_(OK))
    stale = app.client.post(f"/sanctions/{ok['id']}/hearing", json={"version": 1}, headers=app.as_(OK))
    assert stale.status_code == 409


def test_r3_dropped_sanction_is_not_deducted(make_app):
    app = make_app("reception")
    case = _case_with_benefit(app)
    breach = copenhagen_today() - timedelta(days=2)
    _guided(app, case["id"], breach - timedelta(days=1), duty="samtaler")
    s = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={
            "reason": "Udeblevet fra samtale",
            "duty": "samtaler",
            "breach_date": breach.isoformat(),
            "amount": "800.00",
        },
        headers=app.as_(OK),
    ).json()
    h = app.client.post(f"/sanctions/{s['id']}/hearing", json={"version": 1}, headers=app.as_(OK)).json()
    r = app.client.post(
        f"/sanctions/{s['id']}/reply", json={"version": h["version"], "reply": "Lægeerklæring"}, headers=app.as_(OK)
    ).json()
    d = app.client.post(
        f"/sanctions/{s['id']}/decision",
        json={
            "version": r["version"],
            "decision": "dropped",
            "reasoning": "Gyldig grund dokumenteret ved lægeerklæring",
        },
        headers=app.as_(OK),
    ).json()
    assert d["status"] == "dropped"
    month = f"{copenhagen_today().year}-{copenhagen_today().month:02d}"
    run = app.client.post("/payment-runs", json={"month": month}, headers=app.as_(OK)).json()
    assert next(p for p in run["payments"] if p["case_id"] == case["id"])["deduction"] == "0.00"


def test_r3_bad_benefit_and_sanction_input(make_app):
    app = make_app("reception")
    case = _case_with_benefit(app)
    bad = [
        (
            f"/cases/{case['id']}/benefits",
            {"benefit_type": "lottery", "monthly_amount": "1", "start_date": "2026-01-01"},
        ),
        (
            f"/cases/{case['id']}/benefits",
            {**kontanthjaelp("1.00"), "monthly_amount": "-1"},
        ),
        ("/payment-runs", {"month": "2026-13"}),
        ("/payment-runs", {"month": "26-01"}),
        (
            f"/cases/{case['id']}/sanctions",
            {"reason": "x", "breach_date": "2026-01-01", "amount": "1"},
        ),
        ("/sanctions/1/decision", {"version": 1, "decision": "maybe", "reasoning": "0123456789"}),
    ]
    for path, body in bad:
        resp = app.client.post(path, json=body, headers=app.as_(OK))
        assert resp.status_code == 422, (path, body, resp.text)
    future = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={
            "reason": "Fremtid",
            "breach_date": (copenhagen_today() + timedelta(days=2)).isoformat(),
            "amount": "1",
        },
        headers=app.as_(OK),
    )
    assert future.status_code == 422
    assert (
        app.client.post(
            "/cases/999/sanctions",
            json={"reason": "abc", "breach_date": "2026-01-01", "amount": "1"},
            headers=app.as_(OK),
        ).status_code
        == 404
    )
    assert app.count(PaymentRun) == 0
