"""H5/H6: permanent housing needs, housing associations and offers; allocation by turn or by need."""

from __future__ import annotations

from datetime import timedelta

from housing.permanent.models import Offer, PermanentNeed
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.helpers import assigned

BS, JC = Department.BORGERSERVICE, Department.JOBCENTRET


def _need(app, case_id, rooms=2, **overrides):
    body = {
        "case_id": case_id,
        "household_size": 3,
        "rooms_needed": rooms,
        "accessibility": "Stueetage (kørestol)",
        "location_constraints": "Nær Rødovre Skole",
        "needed_by": (copenhagen_today() + timedelta(days=60)).isoformat(),
    }
    body.update(overrides)
    resp = app.client.post("/permanent-needs", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


def _association(app):
    resp = app.client.post(
        "/housing-associations",
        json={"name": "Rødovre Almennyttige Boligselskab", "contact": "udlejning@rab.dk"},
        headers=app.as_(BS),
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def _offer(
    app,
    need_id,
    association_id,
    allocation="turn",
    rooms=2,
    reason="Næste på ventelisten",
    address="Hendriksholms Boulevard 20, 1. tv",
):
    return app.client.post(
        "/offers",
        json={
            "need_id": need_id,
            "association_id": association_id,
            "address": address,
            "rooms": rooms,
            "monthly_rent": "6200.00",
            "available_from": (copenhagen_today() + timedelta(days=30)).isoformat(),
            "allocation": allocation,
            "reason": reason,
        },
        headers=app.as_(BS),
    )


def test_h5_need_registered_with_size_accessibility_location_and_date(make_app):
    app = make_app("housing")
    need = _need(app, 1)
    assert (need["status"], need["position"], need["rooms_needed"]) == ("waiting", 1, 2)
    assert need["accessibility"] == "Stueetage (kørestol)" and need["location_constraints"] == "Nær Rødovre Skole"
    dup = app.client.post(
        "/permanent-needs",
        json={"case_id": 1, "household_size": 3, "rooms_needed": 2, "needed_by": copenhagen_today().isoformat()},
        headers=app.as_(JC),
    )
    assert dup.status_code == 409


def test_h6_waiting_list_shows_each_households_position(make_app):
    app = make_app("housing")
    ids = [_need(app, c)["id"] for c in (11, 12, 13)]
    listed = app.client.get("/permanent-needs/waiting-list", headers=app.as_(Department.SOCIAL_PSYKIATRI)).json()
    assert [(n["id"], n["position"]) for n in listed] == [(ids[0], 1), (ids[1], 2), (ids[2], 3)]


def test_h6_by_turn_only_the_first_fitting_household_gets_the_offer(make_app):
    app = make_app("housing")
    first, second = _need(app, 21), _need(app, 22)
    assoc = _association(app)
    skipped = _offer(app, second["id"], assoc["id"])
    assert skipped.status_code == 409 and "not this household's turn" in skipped.json()["detail"]
    ok = _offer(app, first["id"], assoc["id"])
    assert ok.status_code == 201 and ok.json()["allocation"] == "turn"
    # With the first household offered, the second is now first in line (for another dwelling: the
    # first one is reserved by the open offer, issue 18).
    assert _offer(app, second["id"], assoc["id"], address="Rødovrevej 1, 1. th").status_code == 201


def test_h6_by_need_requires_a_written_priority(make_app):
    app = make_app("housing")
    _need(app, 31)
    urgent = _need(app, 32)
    assoc = _association(app)
    refused = _offer(app, urgent["id"], assoc["id"], allocation="need", reason="Akut")
    assert refused.status_code == 409 and "priority" in refused.json()["detail"]
    too_short = app.client.post(
        f"/permanent-needs/{urgent['id']}/priority", json={"reason": "akut"}, headers=app.as_(BS)
    )
    assert too_short.status_code == 422
    prio = app.client.post(
        f"/permanent-needs/{urgent['id']}/priority",
        json={"reason": "Barn med handicap; nuværende bolig uden elevator"},
        headers=app.as_(BS),
    )
    assert prio.json()["priority"] is True
    twice = app.client.post(
        f"/permanent-needs/{urgent['id']}/priority", json={"reason": "Endnu en begrundelse"}, headers=app.as_(BS)
    )
    assert twice.status_code == 409
    by_jc = app.client.post(f"/permanent-needs/{urgent['id']}/priority", json={"reason": "x" * 20}, headers=app.as_(JC))
    assert by_jc.status_code == 403
    assert (
        _offer(app, urgent["id"], assoc["id"], allocation="need", reason="Prioriteret efter behov").status_code == 201
    )


def test_h6_accepted_offer_ends_the_temporary_placement_and_publishes_the_move(make_app):
    app = make_app("housing")
    a = assigned(app, 41)
    need, assoc = _need(app, 41), _association(app)
    offer = _offer(app, need["id"], assoc["id"]).json()
    move_in = (copenhagen_today() + timedelta(days=35)).isoformat()
    resp = app.client.post(
        f"/offers/{offer['id']}/decision",
        json={"decision": "accepted", "reason": "Familien siger ja", "move_in_date": move_in},
        headers=app.as_(BS, "bs-mette"),
    )
    assert resp.status_code == 200 and resp.json()["status"] == "accepted"
    types = [e["type"] for e in app.outbox()]
    assert types[-2:] == ["housing.moved_out", "housing.permanent_allocated"]
    allocated = app.outbox()[-1]["payload"]
    assert (allocated["case_id"], allocated["address"], allocated["move_in_date"]) == (
        41,
        "Hendriksholms Boulevard 20, 1. tv",
        move_in,
    )
    assert app.client.get("/units", headers=app.as_(BS)).json()[0]["beds_taken"] == 0
    decisions = app.client.get(f"/permanent-needs/{need['id']}/decisions", headers=app.as_(BS)).json()
    assert [(d["decision"], d["by"]) for d in decisions][-2:] == [
        ("offered_by_turn", "testbruger"),
        ("accepted", "bs-mette"),
    ]
    assert all(d["reason"] and d["at"] for d in decisions)
    assert a["case_id"] == 41
    again = app.client.post(
        f"/offers/{offer['id']}/decision", json={"decision": "declined", "reason": "fortrudt"}, headers=app.as_(BS)
    )
    assert again.status_code == 409


def test_h6_declined_offer_keeps_the_households_place(make_app):
    app = make_app("housing")
    first, _second = _need(app, 51), _need(app, 52)
    assoc = _association(app)
    offer = _offer(app, first["id"], assoc["id"]).json()
    app.client.post(
        f"/offers/{offer['id']}/decision",
        json={"decision": "declined", "reason": "For langt fra skole"},
        headers=app.as_(BS),
    )
    listed = app.client.get("/permanent-needs/waiting-list", headers=app.as_(BS)).json()
    assert listed[0]["id"] == first["id"] and listed[0]["position"] == 1


def test_h5_h6_bad_input(make_app):
    app = make_app("housing")
    need, assoc = _need(app, 61), _association(app)
    assert (
        app.client.post(
            "/permanent-needs",
            json={"case_id": 62, "household_size": 0, "rooms_needed": 1, "needed_by": "2027-01-01"},
            headers=app.as_(JC),
        ).status_code
        == 422
    )
    assert _offer(app, need["id"], assoc["id"], rooms=1).status_code == 409  # too few rooms
    assert _offer(app, 999, assoc["id"]).status_code == 404
    assert _offer(app, need["id"], 999).status_code == 404
    assert _offer(app, need["id"], assoc["id"], allocation="lottery").status_code == 422
    assert (
        app.client.post(
            "/offers/999/decision", json={"decision": "accepted", "reason": "ok!"}, headers=app.as_(BS)
        ).status_code
        == 404
    )
    assert (
        app.client.post(
            "/housing-associations",
            json={"name": "Rødovre Almennyttige Boligselskab", "contact": "x"},
            headers=app.as_(BS),
        ).status_code
        == 409
    )
    assert app.count(Offer) == 0 and app.count(PermanentNeed) == 1
