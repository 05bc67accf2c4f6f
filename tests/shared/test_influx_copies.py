"""Integrationsloven § 4 b in the services that compute a suspended deadline (education: danskuddannelsesloven § 5,
stk. 1; employment: § 16): the copy of reception's orders (idempotent on a repeated or late event, a repeal kept),
the orders as they bind for the suspended deadline, and the banner on the service's pages."""

from __future__ import annotations

import importlib
from datetime import timedelta
from types import ModuleType

import pytest

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
# The service, and a word its front page shows (so the banner is seen on a real page of it).
SERVICES = [("education", "Danskuddannelse"), ("employment", "Beskæftigelse")]
NAMES = [name for name, _ in SERVICES]


def _module(service: str, name: str) -> ModuleType:
    return importlib.import_module(f"{service}.influx.{name}")


def _deliver(app, service: str, event) -> None:
    handlers = _module(service, "handlers")
    handle = handlers.on_order_recorded if isinstance(event, InfluxOrderRecorded) else handlers.on_order_revoked
    with app.factory.begin() as session:
        handle(session, event, envelope_for(event, producer="reception"))


@pytest.mark.parametrize("service", NAMES)
def test_4b_a_service_keeps_one_copy_of_each_order_whatever_is_repeated(make_app, service):
    app = make_app(service)
    copies = _module(service, "service")
    recorded = InfluxOrderRecorded(**ORDER)
    _deliver(app, service, recorded)
    _deliver(app, service, recorded)  # re-delivered
    assert app.count(_module(service, "models").InfluxOrderCopy) == 1
    with app.factory() as session:
        (order,) = copies.orders_in_force(session)
        assert (order.reference, order.applies_to, order.extra_months) == (ORDER["reference"], ORDER["applies_to"], 2)
        # What the deadline computation takes: a placement on the order's first day gets 3 + 2 months.
        pause = case_suspension(ORDER["applies_from"], basis="placement_rule", orders=copies.orders_in_force(session))
        assert pause.months == 5 and ORDER["reference"] in pause.explanation


@pytest.mark.parametrize("service", NAMES)
def test_4b_a_service_keeps_a_repeal_even_when_the_recording_arrives_late(make_app, service):
    app = make_app(service)
    copies = _module(service, "service")
    _deliver(app, service, InfluxOrderRevoked(**ORDER, revoked_on=TODAY))  # the repeal overtook the recording
    _deliver(app, service, InfluxOrderRecorded(**ORDER))
    _deliver(app, service, InfluxOrderRevoked(**ORDER, revoked_on=TODAY))
    assert app.count(_module(service, "models").InfluxOrderCopy) == 1
    with app.factory() as session:
        (copy,) = copies.copies(session)
        assert copy.revoked_on == TODAY
        (order,) = copies.orders_in_force(session)
        assert order.applies_to == TODAY - timedelta(days=1)  # binds up to the day before the repeal
        assert copies.standing_today(session) == []


@pytest.mark.parametrize(("service", "front_page_word"), SERVICES)
def test_4b_a_services_pages_show_the_banner_while_an_order_stands(make_app, service, front_page_word):
    app = make_app(service)
    app.client.cookies.set(COOKIE, token(Department.JOBCENTRET))
    assert BANNER not in app.client.get("/").text
    _deliver(app, service, InfluxOrderRecorded(**ORDER))
    page = app.client.get("/")
    assert page.status_code == 200 and front_page_word in page.text
    assert f"{BANNER} (BEK nr. 9 af 2. januar 2027)" in page.text and "/tilstroemning" in page.text
    _deliver(app, service, InfluxOrderRevoked(**ORDER, revoked_on=TODAY))
    assert BANNER not in app.client.get("/").text
