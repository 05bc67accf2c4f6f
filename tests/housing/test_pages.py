"""H1–H6 through housing's Danish pages, in-process: each page's happy path and a form error.

A form error answers 422 with the page again: the Danish message next to the field, what the caseworker
typed kept, and nothing written. Success is a 303 to the page that shows the result.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

from sqlalchemy import text

from housing.facility.models import Facility, Inspection, MaintenanceRequest
from housing.leases.models import Dispute, Lease
from housing.movein.models import FurnitureItem, MoveInChecklist
from housing.permanent.models import HousingAssociation, Offer, PermanentNeed
from housing.storage.models import StoredBelongings
from housing.units.models import Assignment, TemporaryUnit
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.housing.helpers import SP, arrival_known, assigned, unit

BS, JC = Department.BORGERSERVICE, Department.JOBCENTRET
TODAY = copenhagen_today()


def as_(app, department=SP, user="Sofie Social"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app


def post(app, path, data):
    return app.client.post(path, data=data, follow_redirects=False)


def ok(app, path, data):
    """A form that succeeds: 303 to the page showing the result, which is returned."""
    resp = post(app, path, data)
    assert resp.status_code == 303, (resp.status_code, _errors(resp.text))
    page = app.client.get(resp.headers["location"].split("#")[0])
    assert page.status_code == 200
    return page


def _errors(text):
    return [
        html.unescape(m)
        for m in re.findall(r'class="form-error-message"[^>]*><span class="sr-only">Fejl: </span>([^<]*)', text)
    ]


def field_error(text, key):
    """The Danish message shown next to the field with id ``key`` (and the field points at it)."""
    match = re.search(rf'id="{key}-error"><span class="sr-only">Fejl: </span>([^<]*)</span>', text)
    assert match, f"no error next to {key}: {_errors(text)}"
    assert re.search(rf'id="{key}"[^>]*aria-invalid="true"', text, re.S), f"{key} not marked invalid"
    return html.unescape(match.group(1))


def value_of(text, key):
    match = re.search(rf'id="{key}" name="[^"]*" value="([^"]*)"', text)
    assert match, f"no input {key}"
    return html.unescape(match.group(1))


def text_of(text):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def test_pages_need_sign_in_and_a_housing_department(make_app):
    app = make_app("housing")
    for path in ("/boliger", "/anvisninger", "/egegaardsvej", "/udlejning", "/permanent"):
        resp = app.client.get(path, follow_redirects=False)
        assert resp.status_code == 303 and resp.headers["location"].startswith("/login"), path
    as_(app, Department.UDLAENDINGESTYRELSEN)
    resp = app.client.get("/permanent")
    assert resp.status_code == 403 and "Du har ikke adgang til permanent bolig" in resp.text
    resp = post(app, "/permanent/boligselskaber", {"name": "AKB", "contact": "akb@example.dk"})
    assert resp.status_code == 403 and app.count(HousingAssociation) == 0


def test_h1_units_page_shows_status_type_beds_and_changes_status_with_the_version(make_app):
    app = as_(make_app("housing"))
    u = unit(app, address="Tårnvej 12, 1. tv.", capacity=4)
    page = app.client.get("/boliger")
    assert page.status_code == 200
    row = text_of(page.text.split(f'data-unit="{u["id"]}"')[1].split("</tr>")[0])
    assert "Lejlighed" in row and "Klar" in row and TODAY.strftime("%d.%m.%Y") in row
    assert 'href="/boliger" aria-current="page"' in page.text  # the housing sub-navigation
    form = {"_unit": str(u["id"]), "version": "1", "status": "being_prepared", "capacity": "5", "ready_from": ""}
    page = ok(app, f"/boliger/{u['id']}/status", form)
    row = text_of(page.text.split(f'data-unit="{u["id"]}"')[1].split("</tr>")[0])
    assert "Under klargøring" in row and " 5 " in row

    # The same stale version again (someone else changed it meanwhile): Danish conflict, nothing written.
    stale = post(app, f"/boliger/{u['id']}/status", {**form, "status": "out_of_service", "capacity": "6"})
    assert stale.status_code == 422
    assert "Boligen er ændret af en anden i mellemtiden" in text_of(stale.text)
    assert value_of(stale.text, f"unit{u['id']}_capacity") == "6"  # what was typed is kept
    with app.factory() as session:
        row_db = session.get(TemporaryUnit, u["id"])
        assert (row_db.status, row_db.capacity, row_db.version) == ("being_prepared", 5, 2)


def test_h1_units_page_beds_error_is_danish_next_to_the_field(make_app):
    app = as_(make_app("housing"))
    u = unit(app)
    resp = post(
        app, f"/boliger/{u['id']}/status", {"_unit": str(u["id"]), "version": "1", "status": "ready", "capacity": "0"}
    )
    assert resp.status_code == 422
    assert field_error(resp.text, f"unit{u['id']}_capacity") == "Skriv et tal på mindst 1"
    assert value_of(resp.text, f"unit{u['id']}_capacity") == "0"
    with app.factory() as session:
        assert session.get(TemporaryUnit, u["id"]).version == 1


def test_h1_storage_of_belongings_register_and_end(make_app):
    app = as_(make_app("housing"))
    arrival_known(app, 7)
    data = {
        "location": "Depotrum, Valhøjs Allé 190",
        "description": "3 flyttekasser, 1 barnevogn",
        "from_date": TODAY.isoformat(),
        "to_date": "",
    }
    page = ok(app, "/sager/7/opmagasinering", data)
    assert "Opmagasinering af indbo – sag 2026-000007" in page.text
    assert "3 flyttekasser, 1 barnevogn" in page.text and "Løbende" in page.text
    with app.factory() as session:
        stored = session.query(StoredBelongings).one()
    end = (TODAY + timedelta(days=30)).isoformat()
    page = ok(app, f"/opmagasinering/{stored.id}/afslut", {"_storage": str(stored.id), "to_date": end})
    assert (TODAY + timedelta(days=30)).strftime("%d.%m.%Y") in page.text


def test_h1_storage_error_keeps_input_and_writes_nothing(make_app):
    app = as_(make_app("housing"))
    arrival_known(app, 8)
    data = {
        "location": "Depotrum",
        "description": "Møbler",
        "from_date": TODAY.isoformat(),
        "to_date": (TODAY - timedelta(days=1)).isoformat(),
    }
    resp = post(app, "/sager/8/opmagasinering", data)
    assert resp.status_code == 422
    assert field_error(resp.text, "storage_to_date") == "Slutdatoen ligger før startdatoen"
    assert value_of(resp.text, "storage_location") == "Depotrum"
    assert "Der er fejl i formularen" in resp.text
    # Jobcentret may read but not register storage.
    as_(app, JC)
    resp = post(app, "/sager/8/opmagasinering", {**data, "to_date": ""})
    assert resp.status_code == 422 and "Kun Social- og Psykiatriafdelingen kan registrere opmagasinering" in resp.text
    assert app.count(StoredBelongings) == 0


def test_h2_move_in_checklist_shows_what_is_missing_then_records_the_move_in(make_app):
    app = as_(make_app("housing"))
    a = assigned(app, 1)
    resp = app.client.get("/sager/1/indflytning", follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == f"/anvisninger/{a['id']}"
    page = ok(
        app,
        f"/anvisninger/{a['id']}/tjekliste",
        {"_form": "checklist", "keys_handed_over": "true", "water_reading": "321"},
    )
    missing = text_of(page.text.split('id="missing"')[1].split("</ul>")[0])
    assert "Husorden gennemgået" in missing and "Nøgler udleveret" not in missing
    assert value_of(page.text, "check_water_reading") == "321"
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
    page = ok(app, f"/anvisninger/{a['id']}/tjekliste", complete)
    assert f"Indflytningen er registreret {TODAY.strftime('%d.%m.%Y')}" in page.text
    assert [e["type"] for e in app.outbox()].count("housing.moved_in") == 1
    listing = app.client.get("/anvisninger")
    assert f"Indflyttet {TODAY.strftime('%d.%m.%Y')}" in listing.text


def test_h2_checklist_error_is_danish_keeps_the_ticks_and_writes_nothing(make_app):
    app = as_(make_app("housing"))
    a = assigned(app, 2)
    resp = post(
        app,
        f"/anvisninger/{a['id']}/tjekliste",
        {"_form": "checklist", "keys_handed_over": "true", "water_reading": "mange", "notes": "Nøgle nr. 14"},
    )
    assert resp.status_code == 422
    assert field_error(resp.text, "check_water_reading") == "Feltet har et ugyldigt format"
    assert value_of(resp.text, "check_water_reading") == "mange"
    assert re.search(r'id="check_keys_handed_over"[^>]*checked', resp.text)
    assert "Nøgle nr. 14</textarea>" in resp.text
    assert app.count(MoveInChecklist) == 0


def test_h2_furniture_needs_ordered_delivered_and_moving_out(make_app):
    app = as_(make_app("housing"))
    a = assigned(app, 3)
    page = ok(
        app,
        f"/anvisninger/{a['id']}/inventar",
        {"_form": "furniture", "item": "Seng 90 cm", "supplier": "", "cost": "1.299,95"},
    )
    assert "Seng 90 cm" in page.text and "1.299,95 kr." in page.text
    with app.factory() as session:
        item = session.query(FurnitureItem).one()
    form = {
        "_form": f"item{item.id}",
        "status": "ordered",
        "supplier": "JYSK Rødovre",
        "cost": "1.299,95",
        "delivered_on": "",
    }
    page = ok(app, f"/inventar/{item.id}", form)
    assert "Bestilt" in text_of(page.text.split(f'data-furniture="{item.id}"')[1].split("</tr>")[0])
    resp = post(app, f"/inventar/{item.id}", {**form, "status": "delivered"})
    assert resp.status_code == 422
    assert field_error(resp.text, f"item{item.id}_delivered_on") == "Skriv leveringsdatoen, når inventaret er leveret"
    page = ok(app, f"/inventar/{item.id}", {**form, "status": "delivered", "delivered_on": TODAY.isoformat()})
    assert f"Leveret {TODAY.strftime('%d.%m.%Y')}" in text_of(page.text)

    bad = post(app, f"/anvisninger/{a['id']}/inventar", {"_form": "furniture", "item": "Bord", "cost": "mange penge"})
    assert bad.status_code == 422
    assert field_error(bad.text, "furniture_cost") == "Skriv et beløb, fx 6.250,00"
    assert value_of(bad.text, "furniture_item") == "Bord"
    assert app.count(FurnitureItem) == 1

    bad = post(
        app,
        f"/anvisninger/{a['id']}/fraflytning",
        {"_form": "moveout", "moved_out_on": TODAY.isoformat(), "reason": ""},
    )
    assert bad.status_code == 422 and field_error(bad.text, "moveout_reason") == "Feltet skal udfyldes"
    page = ok(
        app,
        f"/anvisninger/{a['id']}/fraflytning",
        {"_form": "moveout", "moved_out_on": TODAY.isoformat(), "reason": "Flyttet til anden kommune"},
    )
    assert f"Fraflyttet {TODAY.strftime('%d.%m.%Y')} (Flyttet til anden kommune)" in page.text
    with app.factory() as session:
        assert session.get(Assignment, a["id"]).active is False


def test_h3_egegaardsvej_rooms_inventory_maintenance_and_inspections(make_app):
    app = as_(make_app("housing"))
    page = app.client.get("/egegaardsvej")
    assert "Opret ejendommen" in page.text
    page = ok(
        app, "/egegaardsvej", {"_form": "facility", "name": "Egegårdsvej 22", "address": "Egegårdsvej 22, 2610 Rødovre"}
    )
    assert "Værelser og belægning" in page.text
    again = post(app, "/egegaardsvej", {"_form": "facility", "name": "Egegårdsvej 22", "address": "Egegårdsvej 22"})
    assert again.status_code == 422 and "Ejendommen er allerede oprettet" in again.text
    assert app.count(Facility) == 1

    page = ok(
        app,
        "/egegaardsvej/vaerelser",
        {"_form": "room", "name": "Værelse 1", "beds": "2", "ready_from": TODAY.isoformat()},
    )
    assert "0 af 2 senge optaget" in text_of(page.text)
    room_id = int(re.search(r'<tr data-room="(\d+)"', page.text).group(1))
    page = ok(
        app,
        "/egegaardsvej/inventar",
        {
            "_form": "inventory",
            "room_id": str(room_id),
            "item": "Køjeseng",
            "quantity": "1",
            "condition": "good",
            "note": "",
        },
    )
    assert "Køjeseng" in page.text and "Inventar i Værelse 1" in page.text

    page = ok(
        app,
        "/egegaardsvej/vedligehold",
        {"_form": "maintenance", "description": "Utæt vandhane i køkkenet", "room_id": str(room_id)},
    )
    with app.factory() as session:
        request_id = session.query(MaintenanceRequest).one().id
    page = ok(
        app, f"/vedligehold/{request_id}", {"_form": f"mr{request_id}", "step": "assign", "assigned_to": "Viceværten"}
    )
    assert "Tildelt – Viceværten" in page.text
    page = ok(
        app, f"/vedligehold/{request_id}", {"_form": f"mr{request_id}", "step": "done", "done_note": "Pakning skiftet"}
    )
    assert "Udført – Viceværten: Pakning skiftet" in page.text

    due = TODAY + timedelta(days=7)
    page = ok(app, "/egegaardsvej/tilsyn", {"_form": "schedule", "due_on": due.isoformat(), "interval_days": "90"})
    assert f'id="next-inspection">{due.strftime("%d.%m.%Y")}' in page.text
    with app.factory() as session:
        inspection_id = session.query(Inspection).one().id
    record = {
        "_form": "inspection",
        "done_on": TODAY.isoformat(),
        "inspector": "Bygningsinspektør Hansen",
        "findings": "Røgalarm mangler i værelse 1",
        "follow_up": "Opsæt røgalarm",
        "follow_up_due": "",
    }
    bad = post(app, f"/tilsyn/{inspection_id}", record)
    assert bad.status_code == 422
    assert field_error(bad.text, "inspection_follow_up_due") == "Skriv en frist for opfølgningen"
    assert "Røgalarm mangler i værelse 1</textarea>" in bad.text
    assert app.count(Inspection) == 1
    page = ok(app, f"/tilsyn/{inspection_id}", {**record, "follow_up_due": (TODAY + timedelta(days=14)).isoformat()})
    following = due + timedelta(days=90)
    assert f'id="next-inspection">{following.strftime("%d.%m.%Y")}' in page.text
    assert "Opsæt røgalarm" in page.text


def test_h3_room_error_is_danish_and_keeps_input(make_app):
    app = as_(make_app("housing"))
    ok(app, "/egegaardsvej", {"_form": "facility", "name": "Egegårdsvej 22", "address": "Egegårdsvej 22, 2610 Rødovre"})
    resp = post(
        app, "/egegaardsvej/vaerelser", {"_form": "room", "name": "Værelse 9", "beds": "", "ready_from": "i morgen"}
    )
    assert resp.status_code == 422
    assert field_error(resp.text, "room_beds") == "Feltet skal udfyldes"
    assert field_error(resp.text, "room_ready_from") == "Skriv en gyldig dato"
    assert value_of(resp.text, "room_name") == "Værelse 9"
    assert app.count(TemporaryUnit) == 0


def test_h4_landlords_leases_edit_with_version_and_disputes(make_app):
    app = as_(make_app("housing"))
    bad = post(
        app,
        "/udlejning/udlejere",
        {"_form": "landlord", "name": "Ejendomsselskabet Rødovre ApS", "contact": "Lars Lund", "cvr": "123"},
    )
    assert bad.status_code == 422 and field_error(bad.text, "landlord_cvr") == "Feltet har et ugyldigt format"
    assert value_of(bad.text, "landlord_name") == "Ejendomsselskabet Rødovre ApS"
    ok(
        app,
        "/udlejning/udlejere",
        {"_form": "landlord", "name": "Ejendomsselskabet Rødovre ApS", "contact": "Lars Lund", "cvr": "12345678"},
    )
    u = unit(app, address="Rødovrevej 300, 2. th.")
    with app.factory() as session:
        landlord_id = session.execute(text("select id from landlord")).scalar_one()
    lease = {
        "_form": "lease",
        "unit_id": str(u["id"]),
        "landlord_id": str(landlord_id),
        "monthly_rent": "6.250,50",
        "deposit": "18.000",
        "start_date": TODAY.isoformat(),
        "end_date": "",
        "legal_basis": "lejeloven",
        "terms": "3 måneders opsigelse",
    }
    page = ok(app, "/udlejning/kontrakter", lease)
    assert "Lejekontrakt – Rødovrevej 300, 2. th." in page.text
    facts = text_of(page.text.split('id="lease-facts"')[1].split("</dl>")[0])
    assert "6.250,50 kr." in facts and "18.000,00 kr." in facts and "Lejeloven (privat udlejning)" in facts, facts
    with app.factory() as session:
        lease_id = session.query(Lease).one().id
    edit = {
        "_form": "edit",
        "version": "1",
        "monthly_rent": "6.400,00",
        "end_date": "",
        "terms": "3 måneders opsigelse",
    }
    page = ok(app, f"/udlejning/kontrakter/{lease_id}", edit)
    assert 'id="rent">6.400,00 kr.' in page.text
    stale = post(app, f"/udlejning/kontrakter/{lease_id}", {**edit, "monthly_rent": "9.999,00"})
    assert stale.status_code == 422
    assert "Kontrakten er ændret af en anden i mellemtiden – genindlæs og prøv igen" in stale.text
    assert value_of(stale.text, "edit_monthly_rent") == "9.999,00"
    with app.factory() as session:
        assert str(session.get(Lease, lease_id).monthly_rent) == "6400.00"

    page = ok(
        app,
        f"/udlejning/kontrakter/{lease_id}/misforhold",
        {"_form": "dispute", "title": "Fugt i soveværelset", "note": "Lejer klager over skimmel"},
    )
    with app.factory() as session:
        dispute_id = session.query(Dispute).one().id
    page = ok(
        app,
        f"/misforhold/{dispute_id}",
        {"_form": f"d{dispute_id}", "note": "Udlejer kontaktet", "status": "in_dialogue", "resolution": ""},
    )
    assert "Udlejer kontaktet" in page.text and "I dialog med udlejer" in page.text
    bad = post(
        app,
        f"/misforhold/{dispute_id}",
        {"_form": f"d{dispute_id}", "note": "", "status": "resolved", "resolution": ""},
    )
    assert (
        bad.status_code == 422 and field_error(bad.text, f"d{dispute_id}_resolution") == "Skriv hvordan sagen er løst"
    )
    page = ok(
        app,
        f"/misforhold/{dispute_id}",
        {"_form": f"d{dispute_id}", "note": "", "status": "resolved", "resolution": "Affugter opsat"},
    )
    assert "Afsluttet" in page.text and "Affugter opsat" in page.text


def _need_form(case_id, **overrides):
    form = {
        "_form": "need",
        "case_id": str(case_id),
        "household_size": "3",
        "rooms_needed": "2",
        "accessibility": "",
        "location_constraints": "Nær Rødovre Skole",
        "needed_by": (TODAY + timedelta(days=60)).isoformat(),
    }
    form.update(overrides)
    return form


def test_h5_need_and_the_waiting_list_with_positions(make_app):
    app = make_app("housing")
    arrival_known(app, 11)
    arrival_known(app, 12)
    as_(app, BS, "Bente Borgerservice")
    page = app.client.get("/permanent?sag=11")
    assert re.search(r'<option value="11" selected>2026-000011</option>', page.text)
    page = ok(app, "/permanent/behov", _need_form(11))
    assert "Permanent bolig – sag 2026-000011" in page.text and 'id="position">1<' in page.text
    as_(app, JC, "Jonas Jobcenter")  # Jobcentret coordinates the household's needs too
    ok(app, "/permanent/behov", _need_form(12))
    waiting = app.client.get("/permanent").text
    positions = re.findall(r'data-need="\d+" data-case="(\d+)">\s*<td class="position">(\d+)</td>', waiting)
    assert positions == [("11", "1"), ("12", "2")]


def test_h5_need_error_is_danish_and_writes_nothing(make_app):
    app = make_app("housing")
    arrival_known(app, 13)
    as_(app, BS)
    resp = post(app, "/permanent/behov", _need_form(13, household_size="0", needed_by=""))
    assert resp.status_code == 422
    assert field_error(resp.text, "need_household_size") == "Skriv et tal på mindst 1"
    assert field_error(resp.text, "need_needed_by") == "Feltet skal udfyldes"
    assert value_of(resp.text, "need_household_size") == "0"
    assert value_of(resp.text, "need_rooms_needed") == "2"
    assert app.count(PermanentNeed) == 0


def test_h6_priority_associations_offer_by_turn_or_need_and_the_decision_log(make_app):
    app = make_app("housing")
    arrival_known(app, 21)
    a = assigned(app, 22)  # the second household lives in temporary housing
    as_(app, BS, "Bente Borgerservice")
    ok(app, "/permanent/behov", _need_form(21))
    page = ok(app, "/permanent/behov", _need_form(22))
    need_id = int(re.search(r'action="/permanent/behov/(\d+)/prioritet"', page.text).group(1))

    short = post(app, f"/permanent/behov/{need_id}/prioritet", {"_form": "priority", "reason": "Syg"})
    assert short.status_code == 422 and field_error(short.text, "priority_reason") == "Skriv mindst 10 tegn"
    assert "Syg</textarea>" in short.text
    page = ok(
        app,
        f"/permanent/behov/{need_id}/prioritet",
        {"_form": "priority", "reason": "Barn med handicap, behov for stueetage"},
    )
    assert "Barn med handicap, behov for stueetage" in page.text

    ok(
        app,
        "/permanent/boligselskaber",
        {"_form": "association", "name": "Rødovre Almennyttige Boligselskab", "contact": "udlejning@rab.dk"},
    )
    with app.factory() as session:
        association_id = session.execute(text("select id from housing_association")).scalar_one()
    offer = {
        "_form": "offer",
        "association_id": str(association_id),
        "address": "Hendriksholms Boulevard 20, st. tv.",
        "rooms": "2",
        "monthly_rent": "6.200,00",
        "available_from": (TODAY + timedelta(days=30)).isoformat(),
        "allocation": "turn",
        "reason": "Ledig stuelejlighed",
    }
    by_turn = post(app, f"/permanent/behov/{need_id}/tilbud", offer)
    assert by_turn.status_code == 422
    assert "Det er ikke husstandens tur: sag 21 står før" in by_turn.text
    assert value_of(by_turn.text, "offer_address") == "Hendriksholms Boulevard 20, st. tv."
    assert app.count(Offer) == 0
    page = ok(app, f"/permanent/behov/{need_id}/tilbud", {**offer, "allocation": "need"})
    assert "Tilbud afventer svar" in page.text and "6.200,00 kr." in page.text
    with app.factory() as session:
        offer_id = session.query(Offer).one().id

    no_answer = post(
        app, f"/tilbud/{offer_id}/svar", {"_form": f"o{offer_id}", "reason": "Familien er glad", "move_in_date": ""}
    )
    assert (
        no_answer.status_code == 422
        and field_error(no_answer.text, f"o{offer_id}_decision") == "Vælg en af mulighederne"
    )
    page = ok(
        app,
        f"/tilbud/{offer_id}/svar",
        {"_form": f"o{offer_id}", "decision": "accepted", "reason": "Familien er glad", "move_in_date": ""},
    )
    assert 'id="need-status">Permanent bolig tildelt' in page.text
    log = re.findall(r'data-decision="([a-z_]+)"', page.text)
    assert log == ["registered", "prioritised", "offered_by_need", "accepted"]
    assert "Bente Borgerservice" in page.text
    assert "housing.permanent_allocated" in [e["type"] for e in app.outbox()]
    with app.factory() as session:
        assert session.get(Assignment, a["id"]).active is False  # the temporary placement ended
