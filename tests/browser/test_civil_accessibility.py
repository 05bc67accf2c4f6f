"""WCAG 2.1 AA for reception's civil society pages: R8 volunteers, R7/R9 host family, mentor and starter
package on a case, R10 welcome meetings; axe-core in Chromium.

Each page is loaded as the department that uses it, with data on it and with its form errors shown. These
pages are new, so they are held to no axe violation at all (not only none serious or critical).
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
from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.reception.helpers import handover

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Made:
    case_id: int  # a mentor agreement with a follow-up, a starter package, invited to today's welcome meeting


@pytest.fixture(scope="module")
def made(system) -> Made:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    fr = system.client("reception", Department.FRIVILLIGHED)
    bm = system.client("reception", Department.BORGMESTERKONTORET)
    case_id = udl.post("/handovers", json=handover()).json()["id"]
    volunteers = []
    for name in ("Karen Madsen", "Ole Olsen"):
        v = fr.post(
            "/volunteers",
            json={
                "name": name,
                "contact": "frivillig@example.dk",
                "skills": "Lektiehjælp",
                "languages": "dansk, arabisk",
                "availability": "Hverdage efter kl. 16",
            },
        )
        assert v.status_code == 201, v.text
        volunteers.append(v.json()["id"])
    checked = fr.post(f"/volunteers/{volunteers[0]}/background-check", json={"background_check": "approved"})
    assert checked.status_code == 200, checked.text
    match = fr.post(
        f"/cases/{case_id}/matches",
        json={
            "volunteer_id": volunteers[0],
            "kind": "mentor",
            "content": "Ugentlige møder om hverdagsliv",
            "purpose": "Netværk og dansk sprog i praksis",
        },
    )
    assert match.status_code == 201, match.text
    note = fr.post(
        f"/matches/{match.json()['id']}/follow-ups", json={"on": copenhagen_today().isoformat(), "note": "Godt i gang"}
    )
    assert note.status_code == 200, note.text
    package = fr.post(f"/cases/{case_id}/starter-packages", json={"items": "Dyne, pude, gryder"})
    assert package.status_code == 201, package.text
    for held_on in (copenhagen_today(), copenhagen_today() + timedelta(days=14)):
        meeting = bm.post("/welcome-meetings", json={"held_on": held_on.isoformat()})
        assert meeting.status_code == 201, meeting.text
        invited = bm.post(f"/welcome-meetings/{meeting.json()['id']}/invitations", json={"case_id": case_id})
        assert invited.status_code == 201, invited.text
    return Made(case_id=case_id)


@pytest.fixture
def as_department(chromium: Browser, system) -> Iterator[Callable[[Department], Page]]:
    contexts = []

    def make(department: Department) -> Page:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        context.set_default_timeout(10_000)
        contexts.append(context)
        token = system.token(department, user="Test Testesen")
        context.add_cookies([{"name": COOKIE, "value": token, "url": system.url("reception")}])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def clean(page: Page, name: str) -> None:
    """axe-core on the page as it is now: no violation of any impact."""
    expect(page.locator("main h1")).to_be_visible()
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    screenshot(page, f"axe_{name}")
    found = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert not found, f"{name}: accessibility violations: {found}"


def test_r8_volunteers_page_with_errors(system, made, as_department):
    page = as_department(Department.FRIVILLIGHED)
    page.goto(f"{system.url('reception')}/")
    page.get_by_role("link", name="Frivillige", exact=True).click()
    expect(page.locator("article.volunteer")).to_have_count(2)
    clean(page, "volunteers")
    page.get_by_role("button", name="Registrér frivillig").click()
    expect(page.locator("#error-summary")).to_contain_text("Navn: Feltet skal udfyldes")
    clean(page, "volunteers_errors")


def test_r7_r9_case_page_with_errors(system, made, as_department):
    page = as_department(Department.FRIVILLIGHED)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}")
    page.get_by_role("link", name="Værtsfamilie, mentor og startpakke").click()
    expect(page.locator("article.match")).to_have_count(1)
    expect(page.locator("article.package")).to_have_count(1)
    clean(page, "civil_case")
    page.get_by_role("button", name="Opret aftale").click()
    expect(page.locator("#error-summary")).to_contain_text("Frivillig: Feltet skal udfyldes")
    clean(page, "civil_case_match_errors")
    page.get_by_role("button", name="Anmod om startpakke").click()
    expect(page.locator("#error-summary")).to_contain_text("Hvad mangler husstanden: Feltet skal udfyldes")
    clean(page, "civil_case_package_errors")


def test_r7_r9_case_page_read_only(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/civilsamfund")
    expect(page.locator(".package-status")).to_contain_text("Anmodet")
    clean(page, "civil_case_read_only")


def test_r10_welcome_meetings_page_with_errors(system, made, as_department):
    page = as_department(Department.BORGMESTERKONTORET)
    page.goto(f"{system.url('reception')}/velkomstmoeder")
    expect(page.locator("article.meeting")).to_have_count(2)
    clean(page, "welcome_meetings")
    page.get_by_label("Dato for mødet").fill("")
    page.get_by_role("button", name="Opret velkomstmøde").click()
    expect(page.locator("#error-summary")).to_contain_text("Dato for mødet: Feltet skal udfyldes")
    clean(page, "welcome_meetings_errors")
    page.locator("table.invitations button").first.click()
    expect(page.locator("#error-summary")).to_contain_text("Fremmøde for sag")
    clean(page, "welcome_meetings_attendance_error")
