"""WCAG 2.1 AA for reception's R1 pages (documents; asylum-centre contacts and partner notifications): axe-core.

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

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass(frozen=True)
class Made:
    case_id: int  # two documents, two contacts; Borgerservice has acknowledged, housing has not


@pytest.fixture(scope="module")
def made(system) -> Made:
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jc = system.client("reception", Department.JOBCENTRET)
    bs = system.client("reception", Department.BORGERSERVICE)
    case_id = udl.post("/handovers", json=handover()).json()["id"]
    for kind, name, content, media in (
        ("residence_decision", "Opholdstilladelse.pdf", PDF, "application/pdf"),
        ("other", "Pas.png", PNG, "image/png"),
    ):
        doc = jc.post(f"/cases/{case_id}/documents", data={"kind": kind}, files={"file": (name, content, media)})
        assert doc.status_code == 201, doc.text
    for days_ago, channel in ((3, "phone"), (1, "meeting")):
        contact = jc.post(
            f"/cases/{case_id}/contacts",
            json={
                "on": (copenhagen_today() - timedelta(days=days_ago)).isoformat(),
                "channel": channel,
                "contact_person": "Mette Hansen, Center Sandholm",
                "summary": "Aftalt flytning og medicinliste",
            },
        )
        assert contact.status_code == 201, contact.text
    notes = {n["partner"]: n["id"] for n in jc.get(f"/cases/{case_id}/notifications").json()}
    ack = bs.post(f"/cases/{case_id}/notifications/{notes['borgerservice']}/acknowledge")
    assert ack.status_code == 200, ack.text
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


def test_r1_documents_page_with_errors(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}")
    check(page, "case_page_with_r1_links")
    page.get_by_role("link", name="Dokumenter", exact=True).click()
    expect(page.locator("#document-list tbody tr")).to_have_count(2)
    check(page, "r1_documents")
    page.get_by_role("button", name="Tilføj dokument").click()
    expect(page.locator("#error-summary")).to_contain_text("Fil: Vælg en fil")
    check(page, "r1_documents_errors")
    page.get_by_label("Dokumenttype").select_option("other")
    page.get_by_label("Fil", exact=True).set_input_files(
        {"name": "noter.pdf", "mimeType": "application/pdf", "buffer": b"just text"}
    )
    page.get_by_role("button", name="Tilføj dokument").click()
    expect(page.locator("#error-summary")).to_contain_text("Filen skal være PDF, PNG eller JPEG")
    check(page, "r1_documents_type_error")


def test_r1_documents_page_read_only(system, made, as_department):
    page = as_department(Department.BORGERSERVICE)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/dokumenter")
    expect(page.locator("#document-list tbody tr")).to_have_count(2)
    expect(page.get_by_role("button", name="Tilføj dokument")).to_have_count(0)
    check(page, "r1_documents_read_only")


def test_r1_contacts_page_with_errors(system, made, as_department):
    page = as_department(Department.JOBCENTRET)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/kontakter")
    expect(page.locator("#contact-log tbody tr")).to_have_count(2)
    expect(page.locator("#notifications tbody tr")).to_have_count(2)
    check(page, "r1_contacts")
    page.get_by_role("button", name="Registrér kontakt").click()
    expect(page.locator("#error-summary")).to_contain_text("Resumé: Feltet skal udfyldes")
    check(page, "r1_contacts_errors")


def test_r1_notifications_acknowledged_by_housing(system, made, as_department):
    page = as_department(Department.SOCIAL_PSYKIATRI)
    page.goto(f"{system.url('reception')}/sager/{made.case_id}/kontakter")
    button = page.get_by_role("button", name="Kvittér for Social- og Psykiatriafdelingen")
    expect(button).to_have_count(1)
    check(page, "r1_notifications_partner")
    button.click()
    expect(page.locator("#notifications .notification-status")).to_have_text(["Kvitteret", "Kvitteret"])
    check(page, "r1_notifications_acknowledged")
