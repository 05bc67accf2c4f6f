"""H2: settling into temporary housing is Jobcentret's task in the seed ("Etablering i midlertidig bolig …
Jobcentret"), so Jobcentret records the move-in checklist and the furniture, through the API and the page;
Social- og Psykiatriafdelingen keeps it. A department that may not is refused (403 on the API, the Danish
refusal on the page) and nothing is written.
"""

from __future__ import annotations

import pytest

from housing.movein.models import FurnitureItem, MoveInChecklist
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.housing.helpers import SP, assigned
from tests.housing.test_h2_movein import COMPLETE

JC, BS = Department.JOBCENTRET, Department.BORGERSERVICE
TODAY = copenhagen_today()


@pytest.mark.parametrize("department", [JC, SP])
def test_h2_jobcentret_and_social_psykiatri_record_move_in_and_furniture_through_the_api(make_app, department):
    app = make_app("housing")
    a = assigned(app, 1)
    h = app.as_(department, "Jonas Jobcenter")
    resp = app.client.put(f"/assignments/{a['id']}/move-in", json=COMPLETE, headers=h)
    assert resp.status_code == 200, resp.text
    assert resp.json()["missing"] == [] and resp.json()["completed_at"]
    assert [e["type"] for e in app.outbox()].count("housing.moved_in") == 1
    bed = app.client.post(f"/assignments/{a['id']}/furniture", json={"item": "Seng 90 cm"}, headers=h)
    assert bed.status_code == 201, bed.text
    delivered = app.client.patch(
        f"/furniture/{bed.json()['id']}",
        json={"status": "delivered", "delivered_on": TODAY.isoformat(), "supplier": "JYSK Rødovre"},
        headers=h,
    )
    assert delivered.status_code == 200 and delivered.json()["status"] == "delivered"
    listed = app.client.get(f"/assignments/{a['id']}/furniture", headers=h).json()
    assert [(f["item"], f["status"]) for f in listed] == [("Seng 90 cm", "delivered")]


@pytest.mark.parametrize("department", [BS, Department.OKONOMI, Department.FRIVILLIGHED])
def test_h2_a_department_that_may_not_gets_403_on_the_api_and_nothing_is_written(make_app, department):
    app = make_app("housing")
    a = assigned(app, 2)
    bed = app.client.post(f"/assignments/{a['id']}/furniture", json={"item": "Bord"}, headers=app.as_(SP)).json()
    h = app.as_(department)
    assert app.client.put(f"/assignments/{a['id']}/move-in", json=COMPLETE, headers=h).status_code == 403
    resp = app.client.post(f"/assignments/{a['id']}/furniture", json={"item": "Seng"}, headers=h)
    assert resp.status_code == 403
    resp = app.client.patch(f"/furniture/{bed['id']}", json={"status": "ordered"}, headers=h)
    assert resp.status_code == 403
    assert app.count(MoveInChecklist) == 0 and app.count(FurnitureItem) == 1
    with app.factory() as session:
        assert session.get(FurnitureItem, bed["id"]).status == "needed"
    assert "housing.moved_in" not in [e["type"] for e in app.outbox()]


def test_h2_placing_stays_social_psykiatri_s_jobcentret_may_not_move_a_household_out(make_app):
    """Only settling in moved: moving out (ending the placement) is still Social- og Psykiatriafdelingen's."""
    app = make_app("housing")
    a = assigned(app, 3)
    body = {"moved_out_on": TODAY.isoformat(), "reason": "Flyttet"}
    assert app.client.post(f"/assignments/{a['id']}/move-out", json=body, headers=app.as_(JC)).status_code == 403


def _as(app, department, user="Jonas Jobcenter"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app


def test_h2_jobcentret_records_move_in_and_furniture_on_the_page(make_app):
    app = _as(make_app("housing"), JC)
    a = assigned(app, 4)
    page = app.client.get(f"/anvisninger/{a['id']}")
    assert page.status_code == 200 and "Inventar" in page.text
    complete = {
        "_form": "checklist",
        "keys_handed_over": "true",
        "house_rules_explained": "true",
        "guidance_given": "true",
        "electricity_reading": "12345,6",
        "water_reading": "321",
        "heating_reading": "88.25",
        "notes": "Tolk: arabisk",
        "moved_in_on": "",
    }
    resp = app.client.post(f"/anvisninger/{a['id']}/tjekliste", data=complete, follow_redirects=False)
    assert resp.status_code == 303, resp.text
    page = app.client.get(f"/anvisninger/{a['id']}")
    assert f"Indflytningen er registreret {TODAY.strftime('%d.%m.%Y')}" in page.text
    resp = app.client.post(
        f"/anvisninger/{a['id']}/inventar",
        data={"_form": "furniture", "item": "Køleskab", "supplier": "", "cost": "2.499,00"},
        follow_redirects=False,
    )
    assert resp.status_code == 303, resp.text
    with app.factory() as session:
        item = session.query(FurnitureItem).one()
    assert item.item == "Køleskab"
    form = {"_form": f"item{item.id}", "status": "ordered", "supplier": "JYSK", "cost": "2.499,00", "delivered_on": ""}
    resp = app.client.post(f"/inventar/{item.id}", data=form, follow_redirects=False)
    assert resp.status_code == 303, resp.text
    with app.factory() as session:
        assert session.get(FurnitureItem, item.id).status == "ordered"
        assert session.get(MoveInChecklist, a["id"]).completed_at is not None


def test_h2_page_refuses_a_department_that_may_not_in_danish_and_writes_nothing(make_app):
    app = make_app("housing")
    a = assigned(app, 5)
    _as(app, BS, "Birthe Borgerservice")  # may read housing's pages, not settle a household in
    resp = app.client.post(
        f"/anvisninger/{a['id']}/tjekliste",
        data={"_form": "checklist", "keys_handed_over": "true"},
        follow_redirects=False,
    )
    assert resp.status_code in (403, 422)
    assert "kan registrere indflytning" in resp.text and "Jobcentret" in resp.text
    resp = app.client.post(
        f"/anvisninger/{a['id']}/inventar", data={"_form": "furniture", "item": "Seng"}, follow_redirects=False
    )
    assert resp.status_code in (403, 422) and "kan registrere inventar" in resp.text
    _as(app, Department.OKONOMI, "Ole Økonomi")  # not one of housing's readers: the 403 page
    resp = app.client.post(
        f"/anvisninger/{a['id']}/inventar", data={"_form": "furniture", "item": "Seng"}, follow_redirects=False
    )
    assert resp.status_code == 403
    assert app.count(MoveInChecklist) == 0 and app.count(FurnitureItem) == 0
