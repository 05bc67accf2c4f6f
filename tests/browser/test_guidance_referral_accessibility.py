"""WCAG 2.1 AA for reception's R6 (tour and guidance log) and R12/R13 (referrals) pages: axe-core in Chromium.

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
from tests.browser.test_accessibility import check
from tests.reception.helpers import handover

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Made:
    case_id: int  # a booked tour, two guidance entries, a BKF and a Sundhedscentret referral


@pytest.fixture(scope="module")
def made(system) -> Made:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jc = system.client("reception", Department.JOBCENTRET)
    case_id = udl.post("/handovers", json=handover()).json()["id"]
    tour = jc.put(
        f"/cases/{case_id}/local-tour",
        json={"booked_for": (copenhagen_today() + timedelta(days=3)).isoformat(), "guide": "Frivillig Karen"},
    )
    assert tour.status_code == 200, tour.text
    for days_ago, channel, topic in ((2, "phone", "Brev fra Skattestyrelsen"), (0, "in_person", "Tandlæge")):
        entry = jc.post(
            f"/cases/{case_id}/guidance",
            json={
                "on": (copenhagen_today() - timedelta(days=days_ago)).isoformat(),
                "channel": channel,
                "topic": topic,
                "interpreter": "Tolk Ahmad",
                "language": "arabisk",
                "note": "Forklaret og aftalt opfølgning",
            },
        )
        assert entry.status_code == 201, entry.text
    for person, kind in (("Omar Haddad", "daycare"), ("Amina Haddad", "medical_assessment")):
        referral = jc.post(
            f"/cases/{case_id}/referrals", json={"kind": kind, "person": person, "reason": "Behov vurderet på møde"}
        )
        assert referral.status_code == 201, referral.text
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


def test_r6_guidance_page_with_errors(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}")
    check(page, "case_page_with_guidance_and_referral_links")
    page.get_by_role("link", name="Rundtur og vejledning").click()
    expect(page.locator("#guidance-log tbody tr")).to_have_count(2)
    check(page, "guidance")
    page.get_by_role("button", name="Registrér vejledning").click()
    expect(page.locator("#error-summary")).to_contain_text("Kanal: Vælg en af mulighederne")
    check(page, "guidance_entry_errors")
    page.get_by_label("Gennemført den").fill("")
    page.get_by_role("button", name="Registrér som gennemført").click()
    expect(page.locator("#error-summary")).to_contain_text("Gennemført den: Feltet skal udfyldes")
    check(page, "guidance_tour_errors")


def test_r6_guidance_page_read_only(system, made, as_department):
    page = as_department(Department.SUNDHEDSCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/vejledning")
    expect(page.locator("#tour-status")).to_contain_text("Booket")
    check(page, "guidance_read_only")


def test_r12_r13_referrals_page_with_errors(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/henvisninger")
    expect(page.locator("article.referral")).to_have_count(2)
    check(page, "referrals")
    page.get_by_role("button", name="Send henvisning").click()
    expect(page.locator("#error-summary")).to_contain_text("Hvem henvises")
    check(page, "referrals_errors")


def test_r12_referrals_page_as_bkf_with_status_error(system, made, as_department):
    page = as_department(Department.BKF)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/henvisninger")
    expect(page.get_by_role("button", name="Gem status")).to_have_count(1)
    check(page, "referrals_bkf")
    page.get_by_role("button", name="Gem status").click()
    expect(page.locator("#error-summary")).to_contain_text("Henvisning 1, ny status")
    check(page, "referrals_bkf_status_error")
