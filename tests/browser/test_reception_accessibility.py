"""WCAG 2.1 AA for reception's R3/R4/R11 pages, the deadlines and the payment run: axe-core in Chromium.

Each page is loaded as the department that uses it, with data on it and with its form errors shown;
no serious or critical violation is allowed (``check`` from test_accessibility prints the lesser ones).
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
from tests.reception.helpers import handover

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Made:
    case_id: int  # contract drafted, benefit, a sanction in hearing, a joined family case, a timeline
    joined_case_id: int
    month: str  # a payment run made for this month


@pytest.fixture(scope="module")
def made(system) -> Made:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jc = system.client("reception", Department.JOBCENTRET)
    ok = system.client("reception", Department.OKONOMI)
    decided = (copenhagen_today() - timedelta(days=5)).isoformat()  # § 4: the case page offers the consent form
    case_id = udl.post("/handovers", json=handover(placement_decided_on=decided)).json()["id"]
    joined = jc.post(
        f"/cases/{case_id}/family-reunification",
        json=handover(full_name="Layla Haddad", residence_basis="family_reunification_9", family_members=[]),
    )
    assert joined.status_code == 201, joined.text
    contract = jc.post(f"/cases/{case_id}/contract").json()
    assert contract["id"]
    assert ok.post(
        f"/cases/{case_id}/benefits",
        json={
            "benefit_type": "kontanthjaelp",
            "situation": {"birth_date": "1990-01-02"},
            "monthly_amount": "12000.00",
            "override_reason": "Beløbet er fastsat i testen",
            "start_date": copenhagen_today().replace(day=1).isoformat(),
            "payment_account_registered": True,
        },
    ).is_success
    breach = copenhagen_today() - timedelta(days=4)
    assert jc.post(
        f"/cases/{case_id}/duty-guidance",
        json={
            "duty": "danskuddannelse",
            "given_on": (breach - timedelta(days=10)).isoformat(),
            "how": "digital_post",
            "given_by": "Jonas Jobcenter",
        },
    ).is_success
    for _ in range(2):  # one stays proposed, one goes to the hearing
        sanction = ok.post(
            f"/cases/{case_id}/sanctions",
            json={"reason": "Udeblevet fra danskundervisning", "breach_date": breach.isoformat(), "amount": "1250.00"},
        ).json()
    assert ok.post(f"/sanctions/{sanction['id']}/hearing", json={"version": 1}).is_success
    month = copenhagen_today().strftime("%Y-%m")  # a run is for the current or a past month
    assert ok.post("/payment-runs", json={"month": month}).is_success
    wait_for(
        lambda: len(jc.get(f"/cases/{case_id}/timeline").json()) >= 1,
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.25,
        message="the case's timeline",
    )
    return Made(case_id=case_id, joined_case_id=joined.json()["id"], month=month)


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


def test_case_page_with_contract_family_and_timeline(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}")
    expect(page.locator("#timeline li").first).to_be_visible()
    expect(page.locator("#family-cases")).to_contain_text("Layla Haddad")
    check(page, "case_page_r3_r4_r11")
    page.fill("#taken_over_on", "2020-01-01")  # before the placement decision: an error next to the field
    page.fill("#consent_note", "Mundtligt samtykke")
    page.get_by_role("button", name="Overtag ansvaret tidligere").click()
    expect(page.locator("#taken_over_on-error")).to_be_visible()
    check(page, "case_page_responsibility_error")
    page.goto(f"{system.url('reception')}/sager/{made.joined_case_id}")
    expect(page.locator("#joined-case")).to_be_visible()
    check(page, "case_page_joined")


def test_contract_page_with_errors(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/kontrakt")
    expect(page.get_by_role("button", name="Gem kontrakten")).to_be_visible()
    check(page, "contract")
    page.get_by_role("button", name="Gem kontrakten").click()
    expect(page.locator("#error-summary")).to_contain_text("Deltagere: Feltet skal udfyldes")
    check(page, "contract_errors")
    page.get_by_role("button", name="Underskriv som sagsbehandler").click()
    expect(page.locator("#sign-error")).to_be_visible()
    check(page, "contract_sign_error")


def test_benefits_and_sanctions_page_with_errors(system, made, as_department):
    page = as_department(Department.OKONOMI)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/forsorgelse")
    expect(page.locator("article.sanction")).to_have_count(2)
    check(page, "benefits_sanctions")
    page.get_by_role("button", name="Foreslå sanktion").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "benefits_sanctions_propose_errors")
    page.locator("article.sanction").nth(1).get_by_role("button", name="Træf afgørelse").click()
    expect(page.locator("#error-summary")).to_contain_text("Sanktion 2, afgørelse")
    check(page, "benefits_sanctions_decision_errors")


def test_payment_run_page_with_a_run_and_with_errors(system, made, as_department):
    page = as_department(Department.OKONOMI)
    page.goto(f"{system.url('reception')}/udbetaling?maaned={made.month}&igen=1")
    expect(page.locator("#payments tbody tr").first).to_be_visible()
    check(page, "payments")
    page.get_by_label("Måned").fill("december")
    page.get_by_role("button", name="Kør udbetaling").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "payments_errors")


def test_deadlines_page(system, made, as_department):
    page = as_department(Department.OKONOMI)
    page.goto(f"{system.url('reception')}/frister?dage=30")
    expect(page.locator("#deadlines tbody tr").first).to_be_visible()
    check(page, "deadlines")


def test_family_reunification_form_with_errors(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/familiesammenfoering")
    check(page, "family_reunification")
    page.get_by_role("button", name="Registrér familiesammenføring").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "family_reunification_errors")
