"""Integrationsloven § 4 b, stk. 2–3: the minister's orders recorded once in reception through the API, repealed
with a date (stk. 2, 2. pkt.), never deleted, each change published for education and employment (no personal data);
bad input a 4xx with a message and nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from reception.influx import service
from reception.influx.models import InfluxOrderRecord
from shared.auth import Department
from shared.bus.models import OutboxMessage
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's

JC, BMK, BS, UDL = (
    Department.JOBCENTRET,
    Department.BORGMESTERKONTORET,
    Department.BORGERSERVICE,
    Department.UDLAENDINGESTYRELSEN,
)
TODAY = copenhagen_today()


def order(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "reference": "BEK nr. 9 af 2. januar 2027",
        "legal_basis": "stk2",
        "applies_from": (TODAY - timedelta(days=10)).isoformat(),
        "applies_to": (TODAY + timedelta(days=100)).isoformat(),
        "extra_months": 3,
        "note": "Forlængelse efter større tilstrømning",
    }
    body.update(overrides)
    return body


def test_4b_an_order_is_recorded_listed_and_published_without_personal_data(make_app):
    app = make_app("reception")
    resp = app.client.post("/influx-orders", json=order(), headers=app.as_(JC, "Jonas Jobcenter"))
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["reference"] == "BEK nr. 9 af 2. januar 2027" and body["recorded_by"] == "Jonas Jobcenter"
    assert body["revoked_on"] is None
    # Every department reads the orders: no personal data in them.
    listed = app.client.get("/influx-orders", headers=app.as_(BS))
    assert listed.status_code == 200 and [o["id"] for o in listed.json()] == [body["id"]]
    assert app.client.get(f"/influx-orders/{body['id']}", headers=app.as_(UDL)).json()["extra_months"] == 3
    (event,) = [e for e in app.outbox() if e["type"] == "reception.influx_order_recorded"]
    assert event["version"] == 1
    assert event["payload"] == {
        "case_id": None,
        "order_id": body["id"],
        "reference": "BEK nr. 9 af 2. januar 2027",
        "legal_basis": "stk2",
        "applies_from": order()["applies_from"],
        "applies_to": order()["applies_to"],
        "extra_months": 3,
        "revoked_on": None,
    }


def test_4b_borgmesterkontoret_records_too_others_may_not(make_app):
    app = make_app("reception")
    assert app.client.post("/influx-orders", json=order(), headers=app.as_(BMK)).status_code == 201
    for department in (BS, UDL, Department.OKONOMI):
        resp = app.client.post(
            "/influx-orders", json=order(reference=f"BEK nr. 1 {department}"), headers=app.as_(department)
        )
        assert resp.status_code == 403, resp.text
    assert app.client.post("/influx-orders", json=order(reference="BEK nr. 2 uden login")).status_code == 401
    assert app.count(InfluxOrderRecord) == 1 and app.count(OutboxMessage) == 1


BAD_ORDERS = [
    ({k: v for k, v in order().items() if k != "reference"}, "reference"),
    (order(reference=""), "reference"),
    (order(reference="  "), "reference"),
    (order(reference="x" * 201), "reference"),
    (order(reference="BEK\x00nr. 9"), "control characters"),
    (order(reference="BEK"), "must name the order with its number"),
    (order(reference="Bekendtgørelse om suspension"), "must name the order with its number"),
    (order(legal_basis="stk5"), "legal_basis"),
    (order(legal_basis=""), "legal_basis"),
    (order(applies_from="2027-02-30"), "applies_from"),
    (order(applies_from=""), "applies_from"),
    (order(applies_to="i morgen"), "applies_to"),
    (order(applies_from="2027-03-01", applies_to="2027-02-28"), "applies_to is before applies_from"),
    (order(applies_from="2021-01-01", applies_to="2021-06-30"), "5 May 2022"),
    (order(applies_from="2022-05-04"), "5 May 2022"),
    (order(applies_from="2027-01-01", applies_to="2030-06-30"), "longer than 3 years"),
    (order(extra_months=0), "extra_months"),
    (order(extra_months=-3), "extra_months"),
    (order(extra_months=13), "extra_months"),
    (order(extra_months="tre"), "extra_months"),
    (order(extra_months=1.5), "extra_months"),
    (order(legal_basis="stk3", extra_months=4), "stk. 3 extends by up to 3 months"),
    (order(note="x" * 5001), "note"),
    (order(unexpected="field"), "unexpected"),
]


@pytest.mark.parametrize(("body", "mentions"), BAD_ORDERS)
def test_4b_bad_order_is_422_with_a_message_and_nothing_written(make_app, body, mentions):
    app = make_app("reception")
    resp = app.client.post("/influx-orders", json=body, headers=app.as_(JC))
    assert resp.status_code == 422, resp.text
    assert mentions in resp.json()["detail"]
    assert app.count(InfluxOrderRecord) == 0 and app.count(OutboxMessage) == 0


def test_4b_an_order_far_ahead_or_recorded_twice_is_refused(make_app):
    app = make_app("reception")
    far = (TODAY + timedelta(days=800)).isoformat()
    resp = app.client.post("/influx-orders", json=order(applies_from=far, applies_to=far), headers=app.as_(JC))
    assert resp.status_code == 422 and resp.json()["field"] == "applies_from"
    assert app.client.post("/influx-orders", json=order(), headers=app.as_(JC)).status_code == 201
    again = app.client.post("/influx-orders", json=order(extra_months=2), headers=app.as_(JC))
    assert again.status_code == 409 and again.json()["field"] == "reference"
    assert app.count(InfluxOrderRecord) == 1 and app.count(OutboxMessage) == 1


def test_4b_malformed_bodies_and_ids_are_4xx(make_app):
    app = make_app("reception")
    headers = {**app.as_(JC), "content-type": "application/json"}
    assert app.client.post("/influx-orders", content=b"{not json", headers=headers).status_code == 422
    assert app.client.post("/influx-orders", content=b"[1, 2]", headers=headers).status_code == 422
    for order_id in ("0", "-1", "abc", str(2**64)):
        assert app.client.get(f"/influx-orders/{order_id}", headers=app.as_(JC)).status_code == 422
        revoke = {"revoked_on": TODAY.isoformat()}
        assert app.client.post(f"/influx-orders/{order_id}/revoke", json=revoke, headers=app.as_(JC)).status_code == 422
    assert app.client.get("/influx-orders/99", headers=app.as_(JC)).status_code == 404
    resp = app.client.post("/influx-orders/99/revoke", json={"revoked_on": TODAY.isoformat()}, headers=app.as_(JC))
    assert resp.status_code == 404
    assert app.count(InfluxOrderRecord) == 0 and app.count(OutboxMessage) == 0


def test_4b_an_order_is_repealed_with_a_date_never_deleted_and_published(make_app):
    app = make_app("reception")
    made = app.client.post("/influx-orders", json=order(), headers=app.as_(JC)).json()
    url = f"/influx-orders/{made['id']}/revoke"
    resp = app.client.post(url, json={"revoked_on": TODAY.isoformat(), "note": "BEK nr. 300"}, headers=app.as_(BMK))
    assert resp.status_code == 200, resp.text
    assert resp.json()["revoked_on"] == TODAY.isoformat() and resp.json()["revocation_note"] == "BEK nr. 300"
    # Kept, with the repeal: nothing is deleted.
    assert [o["revoked_on"] for o in app.client.get("/influx-orders", headers=app.as_(JC)).json()] == [
        TODAY.isoformat()
    ]
    revoked = [e for e in app.outbox() if e["type"] == "reception.influx_order_revoked"]
    assert len(revoked) == 1 and revoked[0]["payload"]["revoked_on"] == TODAY.isoformat()
    assert revoked[0]["payload"]["reference"] == made["reference"]  # the whole order travels again
    again = app.client.post(url, json={"revoked_on": TODAY.isoformat()}, headers=app.as_(JC))
    assert again.status_code == 409
    assert app.count(InfluxOrderRecord) == 1 and app.count(OutboxMessage) == 2


@pytest.mark.parametrize(
    ("body", "status", "mentions"),
    [
        ({}, 422, "revoked_on"),
        ({"revoked_on": ""}, 422, "revoked_on"),
        ({"revoked_on": "2027-13-01"}, 422, "revoked_on"),
        ({"revoked_on": "2020-01-01"}, 422, "between 5 May 2022 and a year from today"),
        ({"revoked_on": (TODAY + timedelta(days=400)).isoformat()}, 422, "between 5 May 2022"),
        ({"revoked_on": TODAY.isoformat(), "note": "x\x00"}, 422, "control characters"),
        ({"revoked_on": TODAY.isoformat(), "by": "x"}, 422, "by"),
    ],
)
def test_4b_a_bad_repeal_is_4xx_with_a_message_and_nothing_written(make_app, body, status, mentions):
    app = make_app("reception")
    made = app.client.post("/influx-orders", json=order(), headers=app.as_(JC)).json()
    resp = app.client.post(f"/influx-orders/{made['id']}/revoke", json=body, headers=app.as_(JC))
    assert resp.status_code == status and mentions in resp.json()["detail"], resp.text
    assert app.client.get(f"/influx-orders/{made['id']}", headers=app.as_(JC)).json()["revoked_on"] is None
    assert app.count(OutboxMessage) == 1
    refused = app.client.post(
        f"/influx-orders/{made['id']}/revoke", json={"revoked_on": TODAY.isoformat()}, headers=app.as_(BS)
    )
    assert refused.status_code == 403 and app.count(OutboxMessage) == 1


def test_4b_orders_in_force_cut_a_repealed_period_and_the_banner_shows_only_standing_ones(make_app):
    app = make_app("reception")
    standing = app.client.post("/influx-orders", json=order(reference="BEK nr. 1"), headers=app.as_(JC)).json()
    later = order(reference="BEK nr. 2", applies_from=(TODAY + timedelta(days=30)).isoformat())
    app.client.post("/influx-orders", json=later, headers=app.as_(JC))
    gone = app.client.post("/influx-orders", json=order(reference="BEK nr. 3"), headers=app.as_(JC)).json()
    app.client.post(f"/influx-orders/{gone['id']}/revoke", json={"revoked_on": TODAY.isoformat()}, headers=app.as_(JC))
    with app.factory() as session:
        binding = {o.reference: o for o in service.orders_in_force(session)}
        assert binding["BEK nr. 1"].applies_to == date.fromisoformat(standing["applies_to"])
        assert binding["BEK nr. 3"].applies_to == TODAY - timedelta(days=1)  # repealed today: binds up to yesterday
        assert [o.reference for o in service.standing_today(session)] == ["BEK nr. 1"]
        assert sorted(o.reference for o in service.standing_today(session, on=TODAY + timedelta(days=31))) == [
            "BEK nr. 1",
            "BEK nr. 2",
        ]
