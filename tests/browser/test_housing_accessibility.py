"""WCAG 2.1 AA for housing's department pages (H1–H6): axe-core in a real Chromium, with data and with errors.

Every page is loaded as the department that uses it, with rows in its tables (made through the JSON APIs),
then again after a form error so the error summary and the messages next to the fields are checked too.
No serious or critical violation is allowed (``check`` from the shared accessibility test).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.browser.conftest import EVENT_WAIT_MS
from tests.browser.test_accessibility import check
from tests.reception.helpers import arrival, handover

pytestmark = pytest.mark.browser
SP, BS = Department.SOCIAL_PSYKIATRI, Department.BORGERSERVICE
TODAY = copenhagen_today()


@dataclass(frozen=True)
class HousingData:
    case_id: int
    assignment_id: int
    lease_id: int
    need_id: int


@pytest.fixture(scope="module")
def data(system) -> HousingData:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentret = system.client("reception", Department.JOBCENTRET)
    housing = system.client("housing", SP)
    allocator = system.client("housing", BS)
    case_id = udl.post("/handovers", json=handover(full_name="Leyla Karimi", family_members=[])).json()["id"]
    assert jobcentret.post(f"/cases/{case_id}/arrival", json=arrival()).status_code == 200
    wait_for(
        lambda: any(r["case_id"] == case_id for r in housing.get("/readiness").json()),
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.25,
        message="the case on the board",
    )
    unit = housing.post(
        "/units", json={"address": "Islevbrovej 4, st.", "capacity": 3, "ready_from": TODAY.isoformat()}
    )
    assignment = housing.post(f"/units/{unit.json()['id']}/assignments", json={"case_id": case_id})
    assert assignment.status_code == 201, assignment.text
    assignment_id = assignment.json()["id"]
    assert housing.put(f"/assignments/{assignment_id}/move-in", json={"keys_handed_over": True}).status_code == 200
    assert (
        housing.post(
            f"/assignments/{assignment_id}/furniture", json={"item": "Seng 90 cm", "cost": "1299.95"}
        ).status_code
        == 201
    )
    assert (
        housing.post(
            f"/cases/{case_id}/storage",
            json={"location": "Depotrum", "description": "Flyttekasser", "from_date": TODAY.isoformat()},
        ).status_code
        == 201
    )

    facility = housing.post("/facilities", json={"name": "Egegårdsvej 22", "address": "Egegårdsvej 22, 2610 Rødovre"})
    assert facility.status_code == 201, facility.text
    facility_id = facility.json()["id"]
    room = housing.post(
        f"/facilities/{facility_id}/rooms", json={"name": "Værelse 1", "beds": 2, "ready_from": TODAY.isoformat()}
    )
    assert (
        housing.post(f"/rooms/{room.json()['id']}/inventory", json={"item": "Køjeseng", "quantity": 1}).status_code
        == 201
    )
    assert (
        housing.post(f"/facilities/{facility_id}/maintenance", json={"description": "Utæt vandhane"}).status_code == 201
    )
    due = (TODAY + timedelta(days=7)).isoformat()
    assert (
        housing.post(f"/facilities/{facility_id}/inspections", json={"due_on": due, "interval_days": 90}).status_code
        == 201
    )

    landlord = housing.post("/landlords", json={"name": "Ejendomsselskabet Rødovre ApS", "contact": "Lars Lund"}).json()
    lease = housing.post(
        "/leases",
        json={
            "unit_id": unit.json()["id"],
            "landlord_id": landlord["id"],
            "monthly_rent": "6250.00",
            "deposit": "18000",
            "start_date": TODAY.isoformat(),
            "legal_basis": "lejeloven",
            "terms": "3 måneders opsigelse",
        },
    )
    assert lease.status_code == 201, lease.text
    dispute = housing.post(
        f"/leases/{lease.json()['id']}/disputes", json={"title": "Fugt", "note": "Skimmel i badeværelset"}
    )
    assert dispute.status_code == 201

    need = allocator.post(
        "/permanent-needs",
        json={
            "case_id": case_id,
            "household_size": 1,
            "rooms_needed": 1,
            "needed_by": (TODAY + timedelta(days=60)).isoformat(),
        },
    )
    assert need.status_code == 201, need.text
    association = allocator.post("/housing-associations", json={"name": "AKB Rødovre", "contact": "akb@example.dk"})
    assert association.status_code == 201, association.text
    return HousingData(case_id, assignment_id, lease.json()["id"], need.json()["id"])


@pytest.fixture
def page_as(chromium: Browser, system) -> Iterator[Callable[[Department], Page]]:
    contexts = []

    def make(department: Department) -> Page:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        context.set_default_timeout(10_000)
        contexts.append(context)
        token = system.token(department, user="Test Testesen")
        context.add_cookies([{"name": COOKIE, "value": token, "url": system.url("housing")}])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_h1_board_and_units_pages(system, data, page_as):
    page = page_as(SP)
    page.goto(f"{system.url('housing')}/")
    expect(page.locator(f'#board tr[data-case="{data.case_id}"] .move-in-link')).to_be_visible()
    check(page, "housing_board_with_links")
    page.goto(f"{system.url('housing')}/boliger")
    expect(page.locator("#units tbody tr").first).to_be_visible()
    check(page, "housing_units")
    row = page.locator("#units tbody tr").first
    row.get_by_label("Senge").fill("0")
    row.get_by_role("button", name="Gem").click()
    expect(page.locator("#error-summary")).to_contain_text("Skriv et tal på mindst 1")
    check(page, "housing_units_errors")


def test_h1_storage_page(system, data, page_as):
    page = page_as(SP)
    page.goto(f"{system.url('housing')}/sager/{data.case_id}/opmagasinering")
    expect(page.locator("#storage")).to_contain_text("Flyttekasser")
    check(page, "housing_storage")
    page.get_by_role("button", name="Registrér opmagasinering").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_storage_errors")


def test_h2_move_in_pages(system, data, page_as):
    page = page_as(SP)
    page.goto(f"{system.url('housing')}/anvisninger")
    expect(page.locator(f'#assignments tr[data-assignment="{data.assignment_id}"]')).to_be_visible()
    check(page, "housing_assignments")
    page.goto(f"{system.url('housing')}/anvisninger/{data.assignment_id}")
    expect(page.locator("#missing")).to_contain_text("Husorden gennemgået")
    expect(page.locator("#furniture")).to_contain_text("1.299,95 kr.")
    check(page, "housing_move_in")
    page.get_by_label("Vandmåler").fill("mange")
    page.get_by_role("button", name="Gem tjekliste").click()
    expect(page.locator("#error-summary")).to_contain_text("Feltet har et ugyldigt format")
    check(page, "housing_move_in_errors")


def test_h3_egegaardsvej_page(system, data, page_as):
    page = page_as(SP)
    page.goto(f"{system.url('housing')}/egegaardsvej")
    expect(page.locator("#next-inspection")).to_have_text((TODAY + timedelta(days=7)).strftime("%d.%m.%Y"))
    check(page, "housing_facility")
    page.get_by_role("button", name="Registrér tilsyn").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_facility_errors")


def test_h4_lease_pages(system, data, page_as):
    page = page_as(SP)
    page.goto(f"{system.url('housing')}/udlejning")
    expect(page.locator("#leases")).to_contain_text("6.250,00 kr.")
    check(page, "housing_leases")
    page.get_by_label("CVR-nummer").fill("12")
    page.get_by_role("button", name="Registrér udlejer").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_leases_errors")
    page.goto(f"{system.url('housing')}/udlejning/kontrakter/{data.lease_id}")
    expect(page.locator(".dispute")).to_contain_text("Skimmel i badeværelset")
    check(page, "housing_lease")
    page.locator(".dispute select").select_option(label="Afsluttet")
    page.locator(".dispute").get_by_role("button", name="Gem").click()
    expect(page.locator("#error-summary")).to_contain_text("Skriv hvordan sagen er løst")
    check(page, "housing_lease_errors")


def test_h5_h6_permanent_pages(system, data, page_as):
    page = page_as(BS)
    page.goto(f"{system.url('housing')}/permanent")
    expect(page.locator(f'#waiting-list tr[data-need="{data.need_id}"]')).to_be_visible()
    check(page, "housing_permanent")
    page.get_by_role("button", name="Sæt på ventelisten").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_permanent_errors")
    page.goto(f"{system.url('housing')}/permanent/behov/{data.need_id}")
    expect(page.locator("#decisions")).to_contain_text("Optaget på ventelisten")
    check(page, "housing_need")
    page.get_by_role("button", name="Giv tilbud").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_need_errors")
