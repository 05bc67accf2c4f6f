"""B6 Uddannelse – herfra hvor vi står: education offers per case (9. klasse/FVU, alfabetisering, særligt tilbud)."""

from __future__ import annotations

from datetime import timedelta

from employment.offers.models import EducationOffer
from shared.auth import Department
from tests.employment.helpers import JC, TODAY, known_case


def test_b6_offers_from_where_the_person_stands_with_status(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    start = (TODAY + timedelta(days=14)).isoformat()
    made = []
    for kind, provider in (("literacy", "Sprogcenter Rødovre"), ("ninth_grade", "VUC Hvidovre")):
        resp = app.client.post(
            f"/cases/{case_id}/education-offers",
            json={"kind": kind, "provider": provider, "start_date": start},
            headers=app.as_(JC),
        )
        assert resp.status_code == 201, resp.text
        made.append(resp.json())
    assert made[0]["status"] == "planned" and made[0]["created_by"] == "testbruger"
    started = app.client.patch(
        f"/education-offers/{made[0]['id']}",
        json={"version": 1, "status": "started", "note": "Godt i gang"},
        headers=app.as_(JC),
    )
    assert started.status_code == 200 and started.json()["note"] == "Godt i gang"
    stale = app.client.patch(
        f"/education-offers/{made[0]['id']}", json={"version": 1, "status": "dropped"}, headers=app.as_(JC)
    )
    assert stale.status_code == 409
    listed = app.client.get(f"/cases/{case_id}/education-offers", headers=app.as_(JC)).json()
    assert {(o["kind"], o["status"]) for o in listed} == {("literacy", "started"), ("ninth_grade", "planned")}


def test_b6_bad_offers_are_refused_and_nothing_written(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    for body, status in (
        ({"kind": "university", "provider": "KU", "start_date": TODAY.isoformat()}, 422),
        ({"kind": "special", "provider": "", "start_date": TODAY.isoformat()}, 422),
        ({"kind": "special", "provider": "X", "start_date": "2099-01-01"}, 422),
    ):
        assert (
            app.client.post(f"/cases/{case_id}/education-offers", json=body, headers=app.as_(JC)).status_code == status
        )
    body = {"kind": "special", "provider": "X", "start_date": TODAY.isoformat()}
    assert app.client.post("/cases/404/education-offers", json=body, headers=app.as_(JC)).status_code == 404
    assert (
        app.client.post(f"/cases/{case_id}/education-offers", json=body, headers=app.as_(Department.BKF)).status_code
        == 403
    )
    assert app.count(EducationOffer) == 0
