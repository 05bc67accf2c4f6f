"""H5/H6, issue 18: a permanent dwelling is a record of its own (association + normalised address), an open
or accepted offer reserves it, and a second offer of a reserved dwelling is a 409 with a Danish message,
also when requests race (the database refuses the second reservation, not only Python)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from housing.permanent.models import AllocationDecision, Dwelling, DwellingReservation, Offer, PermanentNeed
from housing.permanent.service import address_key
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.test_pages import as_, field_error, ok, post, text_of, value_of

BS, JC = Department.BORGERSERVICE, Department.JOBCENTRET
RESERVED = "Boligen er allerede tilbudt en anden husstand eller udlejet"


def _need(app, case_id, *, priority=True):
    body = {
        "case_id": case_id,
        "household_size": 2,
        "rooms_needed": 2,
        "needed_by": (copenhagen_today() + timedelta(days=60)).isoformat(),
    }
    resp = app.client.post("/permanent-needs", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    need = resp.json()
    if priority:
        resp = app.client.post(
            f"/permanent-needs/{need['id']}/priority",
            json={"reason": "Akut behov: nuværende bolig er sundhedsskadelig"},
            headers=app.as_(BS),
        )
        assert resp.status_code == 200, resp.text
    return need


def _association(app, name="Rødovre Almennyttige Boligselskab"):
    resp = app.client.post(
        "/housing-associations", json={"name": name, "contact": "udlejning@rab.dk"}, headers=app.as_(BS)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def _offer(app, need_id, association_id, address="Rødovrevej 1, 1. th", allocation="need", **overrides):
    body = {
        "need_id": need_id,
        "association_id": association_id,
        "address": address,
        "rooms": 2,
        "monthly_rent": "6200.00",
        "available_from": (copenhagen_today() + timedelta(days=30)).isoformat(),
        "allocation": allocation,
        "reason": "Prioriteret efter behov",
    }
    body.update(overrides)
    return app.client.post("/offers", json=body, headers=app.as_(BS))


def _answer(app, offer_id, decision, reason="Husstandens svar"):
    return app.client.post(
        f"/offers/{offer_id}/decision", json={"decision": decision, "reason": reason}, headers=app.as_(BS)
    )


def _statuses(app):
    with app.factory() as session:
        return sorted(session.scalars(select(PermanentNeed.status)))


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("rødovrevej  1, 1. TH", "Rødovrevej 1, 1. th"),
        ("RØDOVREVEJ 1,1.TH", "Rødovrevej 1, 1. th"),
        ("  Rødovrevej 1 , 1 . th ", "Rødovrevej 1, 1. th"),
        ("Rødovrevej\t1, 1. th", "Rødovrevej 1, 1. th"),
        ("Ro\u0308dovrevej 1, 1. th".replace("o\u0308", "\u00f8"), "Rødovrevej 1, 1. th"),
        ("Hendriksholms Boulevard 20, st. tv.", "hendriksholms boulevard 20, St. Tv."),
    ],
)
def test_h5_address_key_treats_case_spaces_and_punctuation_spacing_as_one_address(typed, same_as):
    assert address_key(typed) == address_key(same_as)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Rødovrevej 1, 1. th", "Rødovrevej 1, 1. tv"),
        ("Rødovrevej 1, 1. th", "Rødovrevej 11, 1. th"),
        ("Rødovrevej 1, 1. th", "Rødovrevej 1, 2. th"),
        ("Egegårdsvej 2", "Egegaardsvej 2"),  # not guessed: another spelling is another address
    ],
)
def test_h5_address_key_keeps_different_dwellings_apart(one, other):
    assert address_key(one) != address_key(other)


def test_defect_18_second_offer_of_the_same_dwelling_is_409_one_after_the_other(make_app):
    """H5/H6, issue 18 (one after the other): on main both offers were 201 and both households housed."""
    app = make_app("housing")
    first, second = _need(app, 101), _need(app, 102)
    assoc = _association(app)
    made = _offer(app, first["id"], assoc["id"], address="Rødovrevej 1, 1. th")
    assert made.status_code == 201, made.text
    again = _offer(app, second["id"], assoc["id"], address="rødovrevej  1, 1. TH")
    assert again.status_code == 409, again.text
    assert again.json()["field"] == "address" and "reserved" in again.json()["detail"]  # Danish: on the page
    assert _answer(app, made.json()["id"], "accepted").status_code == 200
    assert _statuses(app) == ["housed", "waiting"]  # the second household still waits, keeping its place
    with app.factory() as session:
        assert session.scalar(select(PermanentNeed.status).where(PermanentNeed.id == second["id"])) == "waiting"
    # Accepted still reserves it: the dwelling is let.
    assert _offer(app, second["id"], assoc["id"], address="RØDOVREVEJ 1,1.TH").status_code == 409
    # Another association's dwelling at the same address is another dwelling.
    other = _association(app, "Boligselskabet Rødovre Syd")
    assert _offer(app, second["id"], other["id"], address="Rødovrevej 1, 1. th").status_code == 201
    assert app.count(Dwelling) == 2 and app.count(DwellingReservation) == 2 and app.count(Offer) == 2


def test_defect_18_concurrent_offers_of_one_dwelling_give_exactly_one_success(make_app):
    """H6, issue 18: eight offers of one dwelling (spelled differently) to eight households at once."""
    app = make_app("housing")
    needs = [_need(app, 200 + n) for n in range(8)]
    assoc = _association(app)
    spellings = ["Rødovrevej 1, 1. th", "rødovrevej  1, 1. TH", "RØDOVREVEJ 1,1.TH", "Rødovrevej 1 , 1. th"]
    barrier = threading.Barrier(8)

    def race(n):
        barrier.wait()
        return _offer(app, needs[n]["id"], assoc["id"], address=spellings[n % 4]).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(race, range(8)))
    assert codes == [201] + [409] * 7, codes
    assert app.count(Offer) == 1 and app.count(Dwelling) == 1 and app.count(DwellingReservation) == 1
    assert _statuses(app) == ["offered"] + ["waiting"] * 7


def test_defect_18_households_accepting_the_same_dwelling_at_once_only_one_is_housed(make_app):
    """H6, issue 18: offer one dwelling to two households, then both accept at the same moment.
    On main both offers were 201 and both acceptances 200 (two households housed in one dwelling)."""
    app = make_app("housing")
    needs = [_need(app, 301), _need(app, 302)]
    assoc = _association(app)
    made = [
        _offer(app, n["id"], assoc["id"], address=a)
        for n, a in zip(needs, ("Rødovrevej 1, 1. th", "rødovrevej 1, 1. TH"), strict=True)
    ]
    offer_ids = [r.json()["id"] for r in made if r.status_code == 201]
    barrier = threading.Barrier(len(offer_ids))

    def accept(offer_id):
        barrier.wait()
        return _answer(app, offer_id, "accepted").status_code

    with ThreadPoolExecutor(2) as pool:
        codes = sorted(pool.map(accept, offer_ids))
    assert codes.count(200) == 1, codes
    assert _statuses(app).count("housed") == 1
    assert [e["type"] for e in app.outbox()].count("housing.permanent_allocated") == 1


def test_h6_offers_made_before_dwellings_were_records_race_to_accept_one_success(make_app):
    """H6, issue 18: two open offers of one dwelling that predate the reservation (as the migration may
    leave them, neither holding it): accepting both at once gives one 200 and one 409, the database's
    primary key on the reservation deciding."""
    app = make_app("housing")
    first, second = _need(app, 401), _need(app, 402)
    assoc = _association(app)
    made = _offer(app, first["id"], assoc["id"]).json()
    with app.factory.begin() as session:
        session.execute(delete(DwellingReservation))
        original = session.get(Offer, made["id"])
        twin = Offer(
            need_id=second["id"],
            dwelling_id=original.dwelling_id,
            association_id=original.association_id,
            address="rødovrevej 1, 1. TH",
            rooms=2,
            monthly_rent=original.monthly_rent,
            available_from=original.available_from,
            allocation="need",
        )
        session.add(twin)
        session.get(PermanentNeed, second["id"]).status = "offered"
        session.flush()
        ids = [made["id"], twin.id]
    barrier = threading.Barrier(2)

    def accept(offer_id):
        barrier.wait()
        return _answer(app, offer_id, "accepted").status_code

    with ThreadPoolExecutor(2) as pool:
        codes = sorted(pool.map(accept, ids))
    assert codes == [200, 409], codes
    assert _statuses(app) == ["housed", "offered"]
    with app.factory() as session:
        holder = session.scalars(select(DwellingReservation)).one()
        assert session.get(Offer, holder.offer_id).status == "accepted"
    # The loser's open offer can still be declined; declining it does not free the winner's dwelling.
    loser = next(i for i in ids if i != holder.offer_id)
    assert _answer(app, loser, "declined").status_code == 200
    assert app.count(DwellingReservation) == 1


@pytest.mark.parametrize("answer", ["declined", "withdrawn"])
def test_h6_declined_or_withdrawn_offer_frees_the_dwelling(make_app, answer):
    """H6, issue 18: a declined (the household) or withdrawn (the municipality) offer frees the dwelling."""
    app = make_app("housing")
    first, second = _need(app, 501), _need(app, 502)
    assoc = _association(app)
    made = _offer(app, first["id"], assoc["id"]).json()
    listed = app.client.get("/dwellings", headers=app.as_(BS)).json()
    assert [(d["address"], d["reserved_by_offer"]) for d in listed] == [("Rødovrevej 1, 1. th", made["id"])]
    assert _offer(app, second["id"], assoc["id"], address="rødovrevej 1, 1. th").status_code == 409
    resp = _answer(app, made["id"], answer, reason="Familien ønsker en bolig nær skolen")
    assert resp.status_code == 200 and resp.json()["status"] == answer
    assert app.client.get("/dwellings", headers=app.as_(BS)).json()[0]["reserved_by_offer"] is None
    assert _statuses(app) == ["waiting", "waiting"]  # the first household keeps its place
    again = _offer(app, second["id"], assoc["id"], address="RØDOVREVEJ 1, 1. TH", monthly_rent="6350.00")
    assert again.status_code == 201, again.text
    assert again.json()["dwelling_id"] == made["dwelling_id"]
    listed = app.client.get("/dwellings", headers=app.as_(BS)).json()
    assert [(d["monthly_rent"], d["reserved_by_offer"]) for d in listed] == [("6350.00", again.json()["id"])]
    assert _answer(app, made["id"], "accepted").status_code == 409  # answered already
    with app.factory() as session:
        logged = session.scalars(select(AllocationDecision.decision).where(AllocationDecision.need_id == first["id"]))
        assert answer in list(logged)


def test_h5_h6_dwelling_bad_input_is_4xx_and_writes_nothing(make_app):
    """H5/H6: bad input on the offer and the answer: 4xx, no dwelling, reservation or offer written."""
    app = make_app("housing")
    need, assoc = _need(app, 601), _association(app)
    before = app.count(AllocationDecision)
    for overrides, code in [
        ({"address": ""}, 422),
        ({"address": "   "}, 422),
        ({"address": "x" * 201}, 422),
        ({"rooms": 0}, 422),
        ({"rooms": 1}, 409),  # too few rooms for the household
        ({"monthly_rent": "-1"}, 422),
        ({"allocation": "lottery"}, 422),
        ({"association_id": 999}, 404),
        ({"need_id": 999}, 404),
        ({"dwelling_id": 1}, 422),  # the dwelling is found by association and address, not chosen by id
    ]:
        rest = dict(overrides)
        resp = _offer(app, rest.pop("need_id", need["id"]), rest.pop("association_id", assoc["id"]), **rest)
        assert resp.status_code == code, (overrides, resp.status_code, resp.text)
    assert app.count(Dwelling) == 0 and app.count(DwellingReservation) == 0 and app.count(Offer) == 0
    made = _offer(app, need["id"], assoc["id"]).json()
    for body in ({"decision": "maybe", "reason": "måske"}, {"decision": "withdrawn", "reason": ""}):
        resp = app.client.post(f"/offers/{made['id']}/decision", json=body, headers=app.as_(BS))
        assert resp.status_code == 422, resp.text
    assert _answer(app, 999, "withdrawn").status_code == 404
    by_jc = app.client.post(
        f"/offers/{made['id']}/decision", json={"decision": "withdrawn", "reason": "ikke vores"}, headers=app.as_(JC)
    )
    assert by_jc.status_code == 403
    assert app.count(DwellingReservation) == 1 and app.count(AllocationDecision) == before + 1
    with app.factory() as session:
        assert session.get(Offer, made["id"]).status == "offered"


def test_h6_page_shows_the_danish_409_next_to_the_offer_form_and_writes_nothing(make_app):
    """H6 page, issue 18: offering a reserved dwelling on the household's page shows the Danish message at
    the address, keeps what was typed, and writes nothing; declining on the page frees the dwelling."""
    app = make_app("housing")
    first, second = _need(app, 701), _need(app, 702)
    assoc = _association(app)
    made = _offer(app, first["id"], assoc["id"], address="Hendriksholms Boulevard 20, st. tv.").json()
    as_(app, BS, "Bente Borgerservice")
    form = {
        "_form": "offer",
        "association_id": str(assoc["id"]),
        "address": "hendriksholms boulevard 20, ST. TV.",
        "rooms": "2",
        "monthly_rent": "6.200,00",
        "available_from": (copenhagen_today() + timedelta(days=30)).isoformat(),
        "allocation": "need",
        "reason": "Ledig stuelejlighed",
    }
    refused = post(app, f"/permanent/behov/{second['id']}/tilbud", form)
    assert refused.status_code == 422
    assert field_error(refused.text, "offer_address") == RESERVED
    assert value_of(refused.text, "offer_address") == "hendriksholms boulevard 20, ST. TV."
    assert app.count(Offer) == 1 and app.count(DwellingReservation) == 1
    listing = app.client.get("/permanent")
    row = re.search(r'<tr data-dwelling="\d+">(.*?)</tr>', listing.text, re.S).group(1)
    assert "Hendriksholms Boulevard 20, st. tv." in row and "Reserveret (tilbud afventer svar)" in row
    assert f'href="/permanent/behov/{first["id"]}"' in row

    page = ok(
        app,
        f"/tilbud/{made['id']}/svar",
        {"_form": f"o{made['id']}", "decision": "withdrawn", "reason": "Boligen passer ikke", "move_in_date": ""},
    )
    assert "Trukket tilbage" in text_of(page.text)
    assert re.findall(r'data-decision="([a-z_]+)"', page.text)[-1] == "withdrawn"
    assert "Ledig" in text_of(
        re.search(r'<tr data-dwelling="\d+">(.*?)</tr>', app.client.get("/permanent").text, re.S).group(1)
    )
    page = ok(app, f"/permanent/behov/{second['id']}/tilbud", form)
    assert "Tilbud afventer svar" in page.text
    assert app.count(Offer) == 2 and app.count(Dwelling) == 1


def test_h6_the_database_itself_refuses_a_second_reservation_and_a_second_dwelling_row(make_app):
    """Issue 18: the guarantee is the schema's (primary key on the reserved dwelling, unique association +
    address key), not only the service's check: rows written past the service are refused too."""
    app = make_app("housing")
    first, second = _need(app, 801), _need(app, 802)
    assoc = _association(app)
    made = _offer(app, first["id"], assoc["id"]).json()
    with app.factory.begin() as session:
        twin = Offer(
            need_id=second["id"],
            dwelling_id=made["dwelling_id"],
            association_id=assoc["id"],
            address="Rødovrevej 1, 1. th",
            rooms=2,
            monthly_rent=Decimal(made["monthly_rent"]),
            available_from=date.fromisoformat(made["available_from"]),
            allocation="need",
        )
        session.add(twin)
        session.flush()
        twin_id = twin.id
    with pytest.raises(IntegrityError), app.factory.begin() as session:
        session.add(DwellingReservation(dwelling_id=made["dwelling_id"], offer_id=twin_id))
    with pytest.raises(IntegrityError), app.factory.begin() as session:
        session.add(
            Dwelling(
                association_id=assoc["id"],
                address="RØDOVREVEJ 1,1.TH",
                address_key=address_key("RØDOVREVEJ 1,1.TH"),
                rooms=2,
                monthly_rent=Decimal(made["monthly_rent"]),
            )
        )
    assert app.count(DwellingReservation) == 1 and app.count(Dwelling) == 1


def test_h5_migration_makes_dwellings_from_existing_offers_and_keeps_every_row(tmp_path):
    """Issue 18's migration on a database with offers already in it (also two open/accepted offers of one
    dwelling, spelled differently, as the defect left them, and a decision log pointing at them)."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    from shared.migrations import alembic_config, upgrade

    url = f"sqlite:///{tmp_path / 'dwellings.sqlite3'}"
    before = ScriptDirectory.from_config(alembic_config("housing", url)).get_revision("26b3cd6eed2e").down_revision
    assert isinstance(before, str)
    upgrade("housing", url, revision=before)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO housing_association (id, name, contact) VALUES (1, 'RAB', 'udlejning@rab.dk')"))
        for need_id in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO permanent_need (id, case_id, household_size, rooms_needed, needed_by, registered_on,"
                    " priority, status, created_at) VALUES (:id, :id, 2, 2, '2027-01-01', '2026-01-01', :no, 'offered',"
                    " '2026-01-01 10:00:00')"
                ),
                {"id": need_id, "no": False},
            )
        for offer_id, need_id, address, status in [
            (1, 1, "Rødovrevej 1, 1. th", "declined"),
            (2, 2, "rødovrevej  1, 1. TH", "offered"),
            (3, 3, "Rødovrevej 1,1.th", "accepted"),
            (4, 1, "Egegårdsvej 2", "offered"),
        ]:
            conn.execute(
                text(
                    "INSERT INTO housing_offer (id, need_id, association_id, address, rooms, monthly_rent,"
                    " available_from, allocation, status) VALUES (:id, :need, 1, :address, 2, 6200, '2027-01-01',"
                    " 'turn', :status)"
                ),
                {"id": offer_id, "need": need_id, "address": address, "status": status},
            )
            conn.execute(
                text(
                    "INSERT INTO allocation_decision (need_id, offer_id, decision, reason, by, at)"
                    " VALUES (:need, :id, 'offered_by_turn', 'tur', 'bs', '2026-01-02 10:00:00')"
                ),
                {"id": offer_id, "need": need_id},
            )
    engine.dispose()
    upgrade("housing", url)
    engine = create_engine(url)
    with engine.connect() as conn:
        dwellings = conn.execute(text("SELECT id, address, address_key FROM permanent_dwelling ORDER BY id")).all()
        offers = conn.execute(text("SELECT id, dwelling_id, address, status FROM housing_offer ORDER BY id")).all()
        reservations = conn.execute(text("SELECT dwelling_id, offer_id FROM dwelling_reservation")).all()
        decisions = conn.execute(text("SELECT count(*) FROM allocation_decision")).scalar_one()
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    engine.dispose()
    assert [tuple(d) for d in dwellings] == [
        (1, "Rødovrevej 1, 1. th", "rødovrevej 1, 1. th"),
        (2, "Egegårdsvej 2", "egegårdsvej 2"),
    ]
    assert [tuple(o) for o in offers] == [
        (1, 1, "Rødovrevej 1, 1. th", "declined"),
        (2, 1, "rødovrevej  1, 1. TH", "offered"),
        (3, 1, "Rødovrevej 1,1.th", "accepted"),
        (4, 2, "Egegårdsvej 2", "offered"),
    ]
    assert sorted(tuple(r) for r in reservations) == [(1, 3), (2, 4)]  # the accepted offer holds dwelling 1
    assert decisions == 4 and broken == []



def test_defect_3_h5_h6_permanent_housing_dates_have_a_plausible_range(make_app):
    """Issue 18, defect 3, for H5/H6: a need by the year 1 or 9999, an offer available from 9999 are a 422 that
    names the field; nothing written."""
    app = make_app("housing")
    for needed_by in ("0001-01-01", "9999-12-31"):
        body = {"case_id": 201, "household_size": 2, "rooms_needed": 2, "needed_by": needed_by}
        resp = app.client.post("/permanent-needs", json=body, headers=app.as_(JC))
        assert resp.status_code == 422 and "needed_by" in resp.text, resp.text
    assert app.count(PermanentNeed) == 0
    need, assoc = _need(app, 202), _association(app)
    resp = _offer(app, need["id"], assoc["id"], available_from="9999-12-31")
    assert resp.status_code == 422 and "available_from" in resp.text, resp.text
    assert app.count(Offer) == 0 and app.count(Dwelling) == 0
