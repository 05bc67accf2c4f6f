"""Issue 14, defect 5: money owed is paid (efterbetaling) exactly once, a payment run is only for the current or
a past month, and what was paid for days after a benefit ended becomes a recovery claim (aktivloven § 91).

The months used (2026) are past: a run for them is allowed whatever day the suite runs on.
"""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from reception.benefits import service
from reception.benefits.models import Benefit, Payment, PaymentRun, RecoveryClaim
from reception.benefits.schemas import BenefitIn, SituationIn
from reception.bootstrap import HANDLERS
from shared.auth import COOKIE, Department, Principal
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.employment import SelfSufficiencyReported
from shared.errors import Conflict
from shared.law.kontanthjaelp import RATES
from tests.conftest import token
from tests.reception.helpers import handover, kontanthjaelp

UDL, OK = Department.UDLAENDINGESTYRELSEN, Department.OKONOMI
MIN = RATES[2026].mindstesats.amount  # a 36-year-old newly arrived without children: mindstesats
CENT = Decimal("0.01")
FINANCE = Principal(user="ok-test", department=OK)


def _share(amount: Decimal, days: int, of: int) -> str:
    return str((amount * Decimal(days) / Decimal(of)).quantize(CENT, ROUND_HALF_UP))


def _case(app) -> int:
    return int(app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()["id"])


def _benefit(app, case_id: int, start: str, account: bool = True) -> dict:
    resp = app.client.post(
        f"/cases/{case_id}/benefits", json=kontanthjaelp(start=start, account=account), headers=app.as_(OK)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def _run(app, month: str) -> dict:
    resp = app.client.post("/payment-runs", json={"month": month}, headers=app.as_(OK))
    assert resp.status_code == 200, resp.text
    return resp.json()


def _paid(run: dict) -> list[tuple[str, str, str]]:
    return sorted((p["month"], p["kind"], p["gross"]) for p in run["payments"])


def test_defect_5_a_benefit_registered_after_its_months_run_is_paid_in_arrears_once(make_app):
    """March's run on 31 March; on 2 April a benefit from 15 March is registered: March is owed 17/31."""
    app = make_app("reception")
    assert _run(app, "2026-03")["payments"] == []
    case_id = _case(app)
    _benefit(app, case_id, "2026-03-15")
    april = _run(app, "2026-04")
    assert _paid(april) == [("2026-03", "arrears", _share(MIN, 17, 31)), ("2026-04", "regular", str(MIN))]
    again = _run(app, "2026-04")
    assert again["created"] is False and _paid(again) == _paid(april)
    may = _run(app, "2026-05")
    assert _paid(may) == [("2026-05", "regular", str(MIN))]
    assert app.count(Payment) == 3
    # The payments page shows the arrears as such.
    app.client.cookies.set(COOKIE, token(OK))
    page = app.client.get("/udbetaling", params={"maaned": "2026-04"}).text
    assert re.search(r'data-kind="arrears">.*?Efterbetaling for marts 2026', page, re.S)
    assert "Efterbetaling" in app.client.get(f"/sager/{case_id}/forsorgelse").text


def test_defect_5_months_skipped_for_want_of_a_nemkonto_are_paid_once_it_is_registered(make_app):
    app = make_app("reception")
    case_id = _case(app)
    benefit = _benefit(app, case_id, "2026-02-01", account=False)
    assert _run(app, "2026-02")["payments"] == [] and _run(app, "2026-03")["payments"] == []
    registered = app.client.post(f"/benefits/{benefit['id']}/payment-account", headers=app.as_(OK))
    assert registered.status_code == 200 and registered.json()["payment_account_registered"] is True
    twice = app.client.post(f"/benefits/{benefit['id']}/payment-account", headers=app.as_(OK))
    assert twice.status_code == 409
    april = _run(app, "2026-04")
    assert _paid(april) == [
        ("2026-02", "arrears", str(MIN)),
        ("2026-03", "arrears", str(MIN)),
        ("2026-04", "regular", str(MIN)),
    ]
    assert _paid(_run(app, "2026-05")) == [("2026-05", "regular", str(MIN))]
    assert app.count(Payment) == 4


def test_defect_5_nemkonto_registered_on_the_page(make_app):
    app = make_app("reception")
    case_id = _case(app)
    benefit = _benefit(app, case_id, "2026-02-01", account=False)
    app.client.cookies.set(COOKIE, token(OK))
    page = app.client.get(f"/sager/{case_id}/forsorgelse").text
    action = f"/sager/{case_id}/forsorgelse/ydelser/{benefit['id']}/nemkonto"
    assert f'action="{action}"' in page
    assert app.client.post(action, follow_redirects=False).status_code == 303
    again = app.client.post(action, follow_redirects=False)
    assert again.status_code == 422 and "NemKonto er allerede registreret" in again.text
    other = _case(app)
    wrong = app.client.post(f"/sager/{other}/forsorgelse/ydelser/{benefit['id']}/nemkonto", follow_redirects=False)
    assert wrong.status_code == 422 and "Ydelsen findes ikke på sagen" in wrong.text
    app.client.cookies.set(COOKIE, token(Department.JOBCENTRET))
    refused = app.client.post(action, follow_redirects=False)
    assert refused.status_code in (403, 422)


def test_defect_5_bad_input_to_the_nemkonto_route(make_app):
    app = make_app("reception")
    assert app.client.post("/benefits/999/payment-account", headers=app.as_(OK)).status_code == 404
    assert app.client.post("/benefits/0/payment-account", headers=app.as_(OK)).status_code == 422
    case_id = _case(app)
    benefit = _benefit(app, case_id, "2026-02-01", account=False)
    jc = app.client.post(f"/benefits/{benefit['id']}/payment-account", headers=app.as_(Department.JOBCENTRET))
    assert jc.status_code == 403
    assert (
        app.client.get(f"/cases/{case_id}/benefits", headers=app.as_(OK)).json()[0]["payment_account_registered"]
        is False
    )


def test_defect_5_a_run_for_a_future_month_is_refused_and_writes_nothing(make_app):
    app = make_app("reception")
    _benefit(app, _case(app), "2026-02-01")
    for month in ("2094-06", (copenhagen_today().replace(day=28) + timedelta(days=4)).strftime("%Y-%m")):
        resp = app.client.post("/payment-runs", json={"month": month}, headers=app.as_(OK))
        assert resp.status_code == 422, resp.text
        assert resp.json()["field"] == "month" and "kan ikke køres endnu" in resp.json()["detail"]
    assert app.count(PaymentRun) == 0 and app.count(Payment) == 0
    app.client.cookies.set(COOKIE, token(OK))
    page = app.client.post("/udbetaling", data={"month": "2094-06"}, follow_redirects=False)
    assert page.status_code == 422 and "Udbetalingen for juni 2094 kan ikke køres endnu" in page.text
    assert app.count(PaymentRun) == 0 and app.count(Payment) == 0
    this_month = copenhagen_today().strftime("%Y-%m")
    assert _run(app, this_month)["created"] is True  # the current month is allowed


def test_defect_5_a_benefit_starting_on_the_months_last_day_is_owed_one_day(make_app):
    app = make_app("reception")
    _run(app, "2026-03")
    _benefit(app, _case(app), "2026-03-31")
    assert _paid(_run(app, "2026-04")) == [("2026-03", "arrears", _share(MIN, 1, 31)), ("2026-04", "regular", str(MIN))]


def test_defect_5_february_arrears_count_its_own_days(make_app):
    app = make_app("reception")
    _run(app, "2026-02")
    _benefit(app, _case(app), "2026-02-15")
    assert ("2026-02", "arrears", _share(MIN, 14, 28)) in _paid(_run(app, "2026-03"))
    leap = Benefit(monthly_amount=Decimal("6000.00"), start_date=date(2024, 2, 15), end_date=None)
    assert service.payable_in(leap, "2024-02") == (29, 15, Decimal("3103.45"))  # 15 of 29 days in 2024
    ended = Benefit(monthly_amount=Decimal("6000.00"), start_date=date(2028, 1, 1), end_date=date(2028, 2, 29))
    assert service.payable_in(ended, "2028-02") == (29, 29, Decimal("6000.00"))
    assert service.payable_in(ended, "2028-03") == (31, 0, Decimal("0.00"))


def test_defect_5_two_runs_at_once_pay_a_months_arrears_once(make_app):
    app = make_app("reception")
    _run(app, "2026-03")
    for _ in range(3):
        _benefit(app, _case(app), "2026-03-10")
    barrier = threading.Barrier(2)
    results: list[dict] = []

    def run(month: str) -> None:
        barrier.wait()
        results.append(_run(app, month))

    threads = [threading.Thread(target=run, args=(m,)) for m in ("2026-04", "2026-05")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with app.factory() as session:
        march = session.scalars(select(Payment).where(Payment.month == "2026-03")).all()
    assert len(march) == 3 and {p.kind for p in march} == {"arrears"}
    assert sum(len(r["payments"]) for r in results) == 3 + 3 + 3  # April, May, and March once


def _stop(app, case_id: int, effective_from: date) -> None:
    event = SelfSufficiencyReported(case_id=case_id, report_id=1, kind="job", effective_from=effective_from)
    envelope = envelope_for(event, producer="employment").model_dump(mode="json")
    assert consume(app.factory, "reception", envelope, HANDLERS) == Outcome.HANDLED
    assert consume(app.factory, "reception", envelope, HANDLERS) == Outcome.DUPLICATE


def test_recovery_of_what_was_paid_after_self_sufficiency_is_recorded_once_and_shown(make_app):
    app = make_app("reception")
    case_id = _case(app)
    benefit = _benefit(app, case_id, "2026-03-01")
    _run(app, "2026-03")
    _run(app, "2026-04")
    _stop(app, case_id, date(2026, 4, 16))  # self-supporting from 16 April: the benefit ends 15 April
    claims = app.client.get(f"/cases/{case_id}/recoveries", headers=app.as_(OK)).json()
    over = str(MIN - Decimal(_share(MIN, 15, 30)))
    assert [(c["month"], c["amount"], c["claim_rule"]) for c in claims] == [
        ("2026-04", over, "aktl-91-tilbagebetaling")
    ]
    assert "aktivloven § 91" in claims[0]["claim_why"] and "15 af månedens 30 dage" in claims[0]["claim_why"]
    with app.factory() as session, session.begin():
        row = session.get(Benefit, benefit["id"])
        assert row is not None and service.record_recoveries(session, row) == []  # never recorded twice
    assert app.count(RecoveryClaim) == 1
    assert _paid(_run(app, "2026-05")) == []  # ended: nothing more, and April is not paid again
    app.client.cookies.set(COOKIE, token(OK))
    page = app.client.get(f"/sager/{case_id}/forsorgelse").text
    assert "Tilbagebetalingskrav" in page and "april 2026" in page


def test_a_benefit_ending_mid_month_before_the_run_is_paid_for_its_days_only(make_app):
    app = make_app("reception")
    case_id = _case(app)
    _benefit(app, case_id, "2026-03-01")
    _stop(app, case_id, date(2026, 3, 11))  # ends 10 March
    assert _paid(_run(app, "2026-03")) == [("2026-03", "regular", _share(MIN, 10, 31))]
    assert app.count(RecoveryClaim) == 0


# Property: over any sequence of benefit registrations (any start, with or without a NemKonto), late
# NemKonto registrations, stops and runs of past months, each benefit-month is paid at most once, and what
# was paid less what is claimed back is exactly the payable days; after the accounts are registered and the
# next run, every payable month that had a run is paid.

MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]
DAYS = st.dates(date(2026, 1, 1), date(2026, 6, 30))
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("benefit"), st.integers(0, 2), DAYS, st.booleans()),
        st.tuples(st.just("account"), st.integers(0, 2)),
        st.tuples(st.just("run"), st.sampled_from(MONTHS)),
        st.tuples(st.just("stop"), st.integers(0, 2), DAYS),
    ),
    max_size=12,
)


def _body(start: date, account: bool) -> BenefitIn:
    return BenefitIn(
        situation=SituationIn(birth_date=date(1990, 1, 2)), start_date=start, payment_account_registered=account
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_property_each_benefit_month_is_paid_at_most_once_and_exactly_its_payable_days(make_app, ops):
    app = make_app("reception") if not hasattr(make_app, "app") else make_app.app
    if not hasattr(make_app, "app"):
        make_app.app = app
        make_app.cases = [_case(app) for _ in range(3)]
    cases = make_app.cases
    with app.factory() as session, session.begin():
        for model in (RecoveryClaim, Payment, PaymentRun, Benefit):
            session.execute(delete(model))
    for op in ops:
        with app.factory() as session, session.begin():
            if op[0] == "benefit":
                try:
                    with session.begin_nested():
                        service.add_benefit(session, case_id=cases[op[1]], data=_body(op[2], op[3]), by=FINANCE)
                except Conflict:
                    pass  # the case has a running benefit
            elif op[0] == "account":
                for b in service.benefits_for(session, case_id=cases[op[1]]):
                    if not b.payment_account_registered:
                        service.register_payment_account(session, benefit_id=b.id)
            elif op[0] == "run":
                service.run_month(session, month=op[1], by=FINANCE)
            else:
                service.stop_benefits(session, case_id=cases[op[1]], on=op[2], reason="Selvforsørgende (job)")
    with app.factory() as session, session.begin():  # every account registered, then the next run
        for b in session.scalars(select(Benefit).where(Benefit.payment_account_registered.is_(False))):
            service.register_payment_account(session, benefit_id=b.id)
        service.run_month(session, month="2026-07", by=FINANCE)
    with app.factory() as session:
        payments = session.scalars(select(Payment)).all()
        pairs = [(p.benefit_id, p.month) for p in payments]
        assert len(pairs) == len(set(pairs))
        claims = {(c.benefit_id, c.month): c.amount for c in session.scalars(select(RecoveryClaim))}
        for p in payments:
            benefit = session.get(Benefit, p.benefit_id)
            assert benefit is not None
            payable = service.payable_in(benefit, p.month)[2]
            assert p.gross - claims.get((p.benefit_id, p.month), Decimal("0.00")) == payable, (p.month, p.kind)
        ran = set(session.scalars(select(PaymentRun.month)))
        for benefit in session.scalars(select(Benefit)):
            for month in ran:
                if service.payable_in(benefit, month)[1] > 0:
                    assert (benefit.id, month) in set(pairs), (benefit.id, month)
