"""WCAG 2.1 AA for R5's pages: reception's integration plan and an owning service's list of plan actions.

Loaded as the departments that use them, with data and with form errors shown; no serious or
critical axe violation is allowed (``check`` from test_accessibility).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.browser.test_accessibility import check
from tests.reception.helpers import handover

pytestmark = pytest.mark.browser
DUE = (copenhagen_today() + timedelta(days=21)).isoformat()


@pytest.fixture(scope="module")
def case_id(system) -> int:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jc = system.client("reception", Department.JOBCENTRET)
    cid = int(udl.post("/handovers", json=handover()).json()["id"])
    assert jc.post(f"/cases/{cid}/plan", json={"reason": "Familie med mange aktører"}).status_code == 201
    for owner, title in (("bkf", "Skoleindskrivning"), ("housing", "Bolig med elevator")):
        resp = jc.post(f"/cases/{cid}/plan/actions", json={"owner": owner, "title": title, "due_date": DUE})
        assert resp.status_code == 201, resp.text
    housing = system.client("housing", Department.SOCIAL_PSYKIATRI)
    wait_for(
        lambda: any(t["case_id"] == cid for t in housing.get("/plan-actions").json()),
        timeout=30,
        message="housing receives the action",
    )
    return cid


@pytest.fixture
def as_department(chromium: Browser, system) -> Iterator[Callable[[Department, str], Page]]:
    contexts = []

    def make(department: Department, service: str) -> Page:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        context.set_default_timeout(10_000)
        contexts.append(context)
        token = system.token(department, user="Test Testesen")
        context.add_cookies([{"name": COOKIE, "value": token, "url": system.url(service)}])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_r5_plan_page_as_jobcentret_with_errors(system, case_id, as_department):
    page = as_department(Department.JOBCENTRET, "reception")
    page.goto(f"{system.url('reception')}/sager/{case_id}")
    page.get_by_role("link", name="Integrationsplan").click()
    expect(page.locator("article.plan-action")).to_have_count(2)
    check(page, "plan")
    page.get_by_role("button", name="Tilføj indsats").click()
    expect(page.locator("#error-summary")).to_contain_text("Ansvarlig")
    check(page, "plan_action_errors")


def test_r5_plan_page_as_bkf_with_status_error(system, case_id, as_department):
    page = as_department(Department.BKF, "reception")
    page.goto(f"{system.url('reception')}/sager/{case_id}/plan")
    expect(page.get_by_role("button", name="Gem status")).to_have_count(1)
    page.get_by_role("button", name="Gem status").click()
    expect(page.locator("#error-summary")).to_contain_text("Indsats 1, ny status")
    check(page, "plan_bkf_status_error")


def test_r5_housing_plan_actions_page_with_error(system, case_id, as_department):
    page = as_department(Department.SOCIAL_PSYKIATRI, "housing")
    page.goto(f"{system.url('housing')}/integrationsplan")
    expect(page.get_by_text("Bolig med elevator").first).to_be_visible()
    check(page, "housing_plan_actions")
    page.get_by_role("button", name="Gem status").first.click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, "housing_plan_actions_error")
