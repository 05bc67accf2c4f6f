"""Issue 18, defect 3, reception: dates without plausible bounds are refused (R5 plan, R6 guidance, R1 contacts)."""

from __future__ import annotations

from reception.contacts.models import AsylumCentreContact
from reception.guidance.models import GuidanceEntry
from reception.plans.models import PlanAction
from shared.auth import Department
from tests.reception.helpers import handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET
RANGE = "date must be between 1990-01-01 and"


def _case(app) -> int:
    return int(app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()["id"])


def test_defect_3_r5_a_plan_action_due_31_12_9999_is_refused_and_nothing_written(make_app):
    app = make_app("reception")
    case_id = _case(app)
    assert app.client.post(f"/cases/{case_id}/plan", json={"reason": "Flere aktører"}, headers=app.as_(JC)).is_success
    for absurd in ("9999-12-31", "0001-01-01", "1989-12-31"):
        resp = app.client.post(
            f"/cases/{case_id}/plan/actions",
            json={"owner": "jobcentret", "title": "Skoleindskrivning", "due_date": absurd, "details": "Tre børn"},
            headers=app.as_(JC),
        )
        assert resp.status_code == 422 and RANGE in resp.text, (absurd, resp.text)
    assert app.count(PlanAction) == 0


def test_defect_3_r6_a_guidance_date_of_0001_01_01_is_refused_and_nothing_written(make_app):
    app = make_app("reception")
    case_id = _case(app)
    for absurd in ("0001-01-01", "1900-06-01"):
        resp = app.client.post(
            f"/cases/{case_id}/guidance",
            json={"on": absurd, "channel": "phone", "topic": "Brev fra Skattestyrelsen"},
            headers=app.as_(JC),
        )
        assert resp.status_code == 422 and RANGE in resp.text, (absurd, resp.text)
    assert app.count(GuidanceEntry) == 0


def test_defect_3_r1_an_asylum_centre_contact_in_the_year_1_is_refused(make_app):
    app = make_app("reception")
    case_id = _case(app)
    resp = app.client.post(
        f"/cases/{case_id}/contacts",
        json={"on": "0001-01-01", "channel": "phone", "contact_person": "Mette Hansen", "summary": "Flytning"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 422 and RANGE in resp.text
    assert app.count(AsylumCentreContact) == 0
