"""Integrationsloven § 4 b across services (the in-process runner): an order recorded once in reception reaches
education and employment, which keep a copy; its repeal follows; their pages show the banner while it stands."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from education.influx.models import InfluxOrderCopy as EducationCopy
from employment.influx.models import InfluxOrderCopy as EmploymentCopy
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's

JC = Department.JOBCENTRET
TODAY = copenhagen_today()
BANNER = "Større tilstrømning: fristerne for tilbud og danskuddannelse er suspenderet efter integrationsloven § 4 b"


def _copies(flow, service: str, model: type) -> list:
    with flow.factory(service)() as session:
        return list(session.scalars(select(model)))


def test_defect_9_4b_an_order_recorded_in_reception_reaches_education_and_employment(flow):
    """Issue 14, defect 9 (§ 4 b missing): on main there is no order to record (POST /influx-orders is a 404)."""
    reception = flow.client("reception", JC)
    body = {
        "reference": "BEK nr. 9 af 2. januar 2027",
        "legal_basis": "stk3",
        "applies_from": (TODAY - timedelta(days=1)).isoformat(),
        "applies_to": (TODAY + timedelta(days=180)).isoformat(),
        "extra_months": 3,
    }
    made = reception.post("/influx-orders", json=body)
    assert made.status_code == 201, made.text
    for service, model in (("education", EducationCopy), ("employment", EmploymentCopy)):
        (copy,) = _copies(flow, service, model)
        assert (copy.order_id, copy.reference, copy.extra_months, copy.revoked_on) == (
            made.json()["id"],
            "BEK nr. 9 af 2. januar 2027",
            3,
            None,
        )
        page = flow.client(service, JC)
        page.cookies.set(COOKIE, flow.token(JC))
        assert BANNER in page.get("/").text, service

    revoked = reception.post(f"/influx-orders/{made.json()['id']}/revoke", json={"revoked_on": TODAY.isoformat()})
    assert revoked.status_code == 200, revoked.text
    for service, model in (("education", EducationCopy), ("employment", EmploymentCopy)):
        (copy,) = _copies(flow, service, model)
        assert copy.revoked_on == TODAY
        page = flow.client(service, JC)
        page.cookies.set(COOKIE, flow.token(JC))
        assert BANNER not in page.get("/").text, service
