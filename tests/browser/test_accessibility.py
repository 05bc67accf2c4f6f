"""WCAG 2.1 AA (webtilgængelighedsloven): axe-core on every department page, in a real Chromium.

Each page is loaded as the department that uses it, with data on it (cases, a board with red/amber and
green rows, forms with their errors shown), and axe-core (PyPI ``axe-playwright-python``, which
bundles axe.min.js) checks it against WCAG 2.0/2.1 A and AA and axe's best practices. No serious or
critical violation is allowed; lesser ones are listed in the output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.browser.conftest import EVENT_WAIT_MS, screenshot
from tests.reception.helpers import arrival, handover

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Pages:
    """Cases and units made through the APIs, so that every page has something to show."""

    case_id: int  # arrival agreed, checklist open, no unit yet
    assigned_case_id: int  # has a unit: green on the board


@pytest.fixture(scope="module")
def pages(system) -> Pages:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentret = system.client("reception", Department.JOBCENTRET)
    housing = system.client("housing", Department.SOCIAL_PSYKIATRI)
    case_id = udl.post("/handovers", json=handover()).json()["id"]
    assigned_case_id = udl.post("/handovers", json=handover(full_name="Leyla Karimi", family_members=[])).json()["id"]
    assert jobcentret.post(f"/cases/{case_id}/arrival", json=arrival()).status_code == 200

    def on_board(*ids: int) -> bool:
        rows = {r["case_id"]: r for r in housing.get("/readiness").json()}
        return all(i in rows for i in ids)

    wait_for(
        lambda: on_board(case_id, assigned_case_id),
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.25,
        message="cases on the board",
    )
    unit = housing.post(
        "/units", json={"address": "Tårnvej 12, 1. tv.", "capacity": 6, "ready_from": copenhagen_today().isoformat()}
    ).json()
    assigned = housing.post(f"/units/{unit['id']}/assignments", json={"case_id": assigned_case_id})
    assert assigned.status_code == 201, assigned.text
    wait_for(
        lambda: len(jobcentret.get(f"/cases/{case_id}").json()["onboarding_tasks"]) == 6,
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.25,
        message="the onboarding checklist",
    )
    return Pages(case_id=case_id, assigned_case_id=assigned_case_id)


@pytest.fixture
def as_department(chromium: Browser, system) -> Iterator[Callable[[Department], Page]]:
    """A page signed in as a department (the sign-in cookie set directly; the sign-in page is tested itself)."""
    contexts = []

    def make(department: Department | None) -> Page:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        context.set_default_timeout(10_000)
        contexts.append(context)
        if department is not None:
            # Cookies belong to the host, not the port: one cookie signs in at every service here.
            token = system.token(department, user="Test Testesen")
            context.add_cookies([{"name": COOKIE, "value": token, "url": system.url("reception")}])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def check(page: Page, name: str) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations."""
    expect(page.locator("main h1")).to_be_visible()
    results = Axe().run(page, options=AXE_OPTIONS).response
    violations = results["violations"]
    screenshot(page, f"axe_{name}")
    for v in violations:
        print(f"axe {name}: {v['id']} ({v['impact']}) on {len(v['nodes'])} element(s): {v['help']}")
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert not blocking, f"{name}: serious or critical accessibility violations: {blocking}"
    print(f"axe {name}: {len(violations)} violation(s), none serious or critical")


def test_sign_in_page(system, as_department):
    page = as_department(None)
    page.goto(f"{system.url('reception')}/login")
    check(page, "login")


def test_reception_case_list(system, pages, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/")
    expect(page.locator(f'#cases tr[data-case="{pages.case_id}"]')).to_be_visible()
    check(page, "case_list")


def test_reception_case_search_results_and_error(system, pages, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/")
    field = page.get_by_label("Søg efter sag")
    field.fill("Haddad")
    page.get_by_role("button", name="Søg").click()
    expect(page.locator("#search-result")).to_contain_text("fundet")
    expect(page.locator(f'#cases tr[data-case="{pages.case_id}"]')).to_be_visible()
    check(page, "case_search")
    page.get_by_label("Søg efter sag").fill("x")
    page.get_by_role("button", name="Søg").click()
    expect(page.locator("#q-error")).to_have_text("Fejl: Skriv mindst 2 tegn for at søge")
    check(page, "case_search_error")


def test_handover_form_empty_and_with_errors(system, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/overdragelser/ny")
    check(page, "handover_form")
    page.get_by_label("Fulde navn").fill("Amina Hassan")
    page.locator("#nationality").fill("XYZ")
    page.locator("#date_of_birth").fill((copenhagen_today() + timedelta(days=2)).isoformat())
    page.locator("#member_0_name").fill("Yusuf Hassan")  # a family member without a birth date
    page.get_by_role("button", name="Opret sag").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator(".form-error")).to_have_count(8)
    check(page, "handover_form_errors")


def test_handover_receipt_for_udlaendingestyrelsen(system, as_department):
    page = as_department(Department.UDLAENDINGESTYRELSEN)
    page.goto(f"{system.url('reception')}/overdragelser/ny?modtaget=2026-000042")
    expect(page.locator("#received")).to_contain_text("2026-000042")
    check(page, "handover_receipt")


def test_case_page_for_jobcentret_with_arrival_errors(system, pages, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{pages.case_id}")
    expect(page.locator("#onboarding tbody tr")).to_have_count(6)
    check(page, "case_page")
    page.get_by_label("Sted").fill("")
    page.get_by_role("button", name="Gem ny ankomstaftale").click()
    expect(page.locator("#error-summary")).to_contain_text("Sted: Feltet skal udfyldes")
    check(page, "case_page_errors")


def test_case_page_for_borgerservice_with_a_task_error(system, pages, as_department):
    page = as_department(Department.BORGERSERVICE)
    page.goto(f"{system.url('reception')}/sager/{pages.case_id}")
    page.locator('tr[data-kind="cpr_registration"]').get_by_role("button", name="Markér udført").click()
    expect(page.locator("#error-summary")).to_contain_text("Skriv CPR-nummeret")
    check(page, "case_page_task_error")


def test_housing_board(system, pages, as_department):
    page = as_department(Department.SOCIAL_PSYKIATRI)
    page.goto(f"{system.url('housing')}/")
    expect(page.locator(f'#board tr[data-case="{pages.case_id}"] [data-colour="amber"]')).to_be_visible()
    expect(page.locator(f'#board tr[data-case="{pages.assigned_case_id}"] [data-colour="green"]')).to_be_visible()
    check(page, "housing_board")
    page.get_by_role("button", name="Opret bolig").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_board_errors")


@pytest.mark.parametrize("service", ["education", "employment", "council"])
def test_thin_front_pages(system, as_department, service):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url(service)}/")
    check(page, f"front_{service}")


def test_no_access_and_not_found_pages(system, as_department):
    page = as_department(Department.UDLAENDINGESTYRELSEN)
    page.goto(f"{system.url('reception')}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke adgang til sagslisten")
    check(page, "no_access")
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/999999")
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    check(page, "not_found")
