"""Integrationsloven § 4 b in education: the copy of reception's orders (idempotent on a repeated or late event, a
repeal kept), the orders as they bind for the suspended deadline, and the banner on education's pages."""

from __future__ import annotations

from datetime import timedelta

from education.influx import handlers, service
from education.influx.models import InfluxOrderCopy
from shared.auth import COOKIE, Department
from shared.bus.envelope import envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked
from shared.law.influx_case import case_suspension
from tests.conftest import token

TODAY = copenhagen_today()
BANNER = "Større tilstrømning: fristerne for tilbud og danskuddannelse er suspenderet efter integrationsloven § 4 b"
ORDER = {
    "order_id": 7,
    "reference": "BEK nr. 9 af 2. januar 2027",
    "legal_basis": "stk2",
    "applies_from": TODAY - timedelta(days=5),
    "applies_to": TODAY + timedelta(days=60),
    "extra_months": 2,
}


def _deliver(app, event) -> None:
    handle = handlers.on_order_recorded if isinstance(event, InfluxOrderRecorded) else handlers.on_order_revoked
    with app.factory.begin() as session:
        handle(session, event, envelope_for(event, producer="reception"))


def test_4b_education_keeps_one_copy_of_each_order_whatever_is_repeated(make_app):
    app = make_app("education")
    recorded = InfluxOrderRecorded(**ORDER)
    _deliver(app, recorded)
    _deliver(app, recorded)  # re-delivered
    assert app.count(InfluxOrderCopy) == 1
    with app.factory() as session:
        (order,) = service.orders_in_force(session)
        assert (order.reference, order.applies_to, order.extra_months) == (ORDER["reference"], ORDER["applies_to"], 2)
        # What the deadline computation takes: a placement on the order's first day gets 3 + 2 months.
        pause = case_suspension(ORDER["applies_from"], basis="placement_rule", orders=service.orders_in_force(session))
        assert pause.months == 5 and ORDER["reference"] in pause.explanation


def test_4b_education_keeps_a_repeal_even_when_the_recording_arrives_late(make_app):
    app = make_app("education")
    _deliver(app, InfluxOrderRevoked(**ORDER, revoked_on=TODAY))  # the repeal overtook the recording
    _deliver(app, InfluxOrderRecorded(**ORDER))
    _deliver(app, InfluxOrderRevoked(**ORDER, revoked_on=TODAY))
    assert app.count(InfluxOrderCopy) == 1
    with app.factory() as session:
        (copy,) = service.copies(session)
        assert copy.revoked_on == TODAY
        (order,) = service.orders_in_force(session)
        assert order.applies_to == TODAY - timedelta(days=1)  # binds up to the day before the repeal
        assert service.standing_today(session) == []


def test_4b_education_pages_show_the_banner_while_an_order_stands(make_app):
    app = make_app("education")
    app.client.cookies.set(COOKIE, token(Department.JOBCENTRET))
    assert BANNER not in app.client.get("/").text
    _deliver(app, InfluxOrderRecorded(**ORDER))
    page = app.client.get("/")
    assert page.status_code == 200 and "Danskuddannelse" in page.text
    assert f"{BANNER} (BEK nr. 9 af 2. januar 2027)" in page.text and "/tilstroemning" in page.text
    _deliver(app, InfluxOrderRevoked(**ORDER, revoked_on=TODAY))
    assert BANNER not in app.client.get("/").text
