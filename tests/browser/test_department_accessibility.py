"""WCAG 2.1 AA for education's (E1–E5), employment's (B1–B11) and the council's (C1–C4) pages: axe-core in a
real Chromium, on every page reachable from each service's front page, with data in its tables.

The data is made through the JSON APIs (the case itself through reception's handover, so education and
employment know it from the bus); the pages are then found by following the links, as a caseworker would:
every kind of page (its path with the ids taken out) is checked once. One form per service is also posted
wrong, so the error summary and the message next to the field are checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.browser.conftest import EVENT_WAIT_MS
from tests.browser.test_accessibility import check
from tests.reception.helpers import handover

pytestmark = pytest.mark.browser
JC = Department.JOBCENTRET
TODAY = copenhagen_today()
SOON = (TODAY + timedelta(days=7)).isoformat()
# Links that leave the department's pages (sign-out, the API docs, files).
_SKIP = re.compile(r"^/(login|logout|static|docs|openapi|admin)|\.(pdf|png|jpg)$")


def _created(client, path: str, body: dict) -> dict:
    resp = client.post(path, json=body)
    assert resp.status_code == 201, (path, resp.text)
    return dict(resp.json())


@pytest.fixture(scope="module")
def case_id(system) -> int:
    """A case handed over in reception, known to education and employment through their workers."""
    made = system.client("reception", Department.UDLAENDINGESTYRELSEN).post(
        "/handovers", json=handover(residence_basis="family_reunification_9", full_name="Nour Haddad")
    )
    assert made.status_code == 201, made.text
    cid = int(made.json()["id"])
    for service, path in (("education", "/language_assessments"), ("employment", "/match_conversations")):
        client = system.client(service, JC)
        wait_for(
            lambda c=client, p=path: any(r["case_id"] == cid for r in c.get(p).json()),
            timeout=EVENT_WAIT_MS / 1000,
            message=f"{service} knows the case",
        )
    return cid


@pytest.fixture(scope="module")
def seeded(system, case_id) -> None:
    edu = system.client("education", JC)
    school = _created(
        edu, "/language-schools", {"name": "Sprogcenter Vestegnen", "address": "Rødovrevej 1", "contact": "K"}
    )
    _created(
        edu,
        f"/language-schools/{school['id']}/cooperation",
        {"kind": "strategy", "title": "Strategi 2027", "text": "Fælles mål", "valid_from": TODAY.isoformat()},
    )
    _created(edu, f"/language-schools/{school['id']}/steering-meetings", {"held_on": SOON, "agenda": "Status"})
    course = _created(edu, "/courses", {"kind": "samfundsforhold", "programme": "Demokrati og velfærd"})
    session = _created(
        edu,
        f"/courses/{course['id']}/sessions",
        {
            "held_on": SOON,
            "start_time": "09:00",
            "end_time": "12:00",
            "place": "Rådhuset",
            "teacher": "K",
            "capacity": 5,
        },
    )
    _created(edu, f"/course-sessions/{session['id']}/enrolments", {"case_id": case_id})
    end = TODAY - timedelta(days=1)
    absence = _created(
        edu,
        "/absences",
        {
            "case_id": case_id,
            "course": "DU2 modul 1",
            "period_start": (end - timedelta(days=6)).isoformat(),
            "period_end": end.isoformat(),
            "planned_hours": 15,
            "absent_hours": 6,
            "excused_hours": 0,
        },
    )
    _created(edu, f"/absences/{absence['id']}/follow-up", {"planned_on": SOON})
    _created(
        edu,
        f"/cases/{case_id}/language-efforts",
        {
            "kind": "sprogpraktik",
            "provider": "Netto",
            "from_date": TODAY.isoformat(),
            "to_date": SOON,
            "hours_per_week": 15,
        },
    )

    emp = system.client("employment", JC)
    t = TODAY.isoformat()
    _created(emp, f"/cases/{case_id}/conversations", {"template": "match", "held_on": t, "held_by": "Jens"})
    _created(
        emp,
        f"/cases/{case_id}/conversations",
        {"template": "plan", "held_on": t, "held_by": "Jens", "answers": {"goal": "Job som lagermedarbejder"}},
    )
    company = _created(emp, "/companies", {"name": "Lager A/S", "cvr": "12345678", "contact": "Hanne"})
    _created(
        emp,
        f"/cases/{case_id}/internships",
        {"company_id": company["id"], "kind": "sprogpraktik", "start_date": t, "end_date": SOON, "hours_per_week": 20},
    )
    _created(
        emp, f"/cases/{case_id}/recognitions", {"qualification": "Ingeniør", "country": "Syrien", "authority": "ufs"}
    )
    _created(emp, f"/cases/{case_id}/education-offers", {"kind": "special", "provider": "VUC", "start_date": t})
    other = _created(
        emp, "/foreigner-cases", {"name": "Ana Silva", "date_of_birth": "1990-01-01", "residence_basis": "work"}
    )
    _created(emp, f"/foreigner-cases/{other['id']}/citizen-requests", {"received_on": t, "request": "Hjælp til CV"})
    family = _created(
        emp, "/foreigner-cases", {"name": "Li Wei", "date_of_birth": "1988-02-03", "residence_basis": "family"}
    )
    _created(emp, f"/foreigner-cases/{family['id']}/security-deposit", {"amount": "50000.00", "form": "deposit"})

    council = system.client("council", JC)
    term = {"term_start": "2026-01-01", "term_end": "2029-12-31"}
    _created(council, "/members", {"name": "Ole Jensen", "organisation": "Byrådet", "role": "chair", **term})
    meeting = _created(council, "/meetings", {"meeting_date": TODAY.isoformat(), "place": "Rådhuset"})
    _created(council, f"/meetings/{meeting['id']}/items", {"title": "Velkomst", "kind": "decision"})
    _created(
        council,
        "/consultations",
        {"title": "Budget 2027", "from_body": "Økonomiudvalget", "received_on": t, "reply_due": SOON},
    )
    _created(council, "/announcements", {"title": "Nyt møde", "text": "Næste møde i januar"})
    election = _created(council, "/elections", {"term_start": "2030-01-01", "term_end": "2033-12-31", "seats": 7})
    _created(council, f"/elections/{election['id']}/candidates", {"name": "Fatima Ali", "nominated_by": "Foreningen"})
    team = _created(council, "/team/meetings", {"meeting_date": t, "participants": [{"department": "bkf"}]})
    _created(council, f"/team/meetings/{team['id']}/actions", {"text": "Skolestart", "owner": "bkf", "due_on": SOON})
    activity = _created(
        council,
        "/activities",
        {"title": "Foreningsdag", "activity_date": SOON, "place": "Rådhuset", "responsible": "R"},
    )
    _created(council, f"/activities/{activity['id']}/tasks", {"text": "Book lokale", "owner": "Jobcentret"})


@pytest.fixture
def page(chromium: Browser, system) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    context.set_default_timeout(10_000)
    context.add_cookies(
        [{"name": COOKIE, "value": system.token(JC, user="Test Testesen"), "url": system.url("reception")}]
    )
    yield context.new_page()
    context.close()


def _crawl(page: Page, base: str, limit: int = 60) -> list[str]:
    """Every kind of page reachable from the front page (each path shape once), checked with axe."""
    netloc = urlsplit(base).netloc
    queue, seen_shapes, checked = ["/"], set(), []
    while queue and len(checked) < limit:
        path = queue.pop(0)
        shape = re.sub(r"/\d+", "/{id}", path)
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, (path, response and response.status)
        check(page, f"{netloc}{shape}".replace("/", "_"))
        checked.append(shape)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            parts = urlsplit(href)
            if parts.netloc and parts.netloc != netloc:
                continue  # another service's pages: checked by its own crawl
            target = parts.path
            if (
                target.startswith("/")
                and not _SKIP.search(target)
                and re.sub(r"/\d+", "/{id}", target) not in seen_shapes
            ):
                queue.append(target)
    return checked


EXPECTED = {
    "education": {"/kurser", "/kurser/{id}", "/kurser/hold/{id}", "/fravaer", "/fravaer/{id}", "/sprogskoler",
                  "/sprogskoler/{id}", "/sprogvurdering", "/sprogvurdering/{id}", "/sprogindsatser"},
    "employment": {"/samtaler", "/samtaler/{id}", "/frister", "/praktik", "/godkendelse", "/godkendelse/{id}",
                   "/uddannelse", "/oevrige-udlaendinge", "/oevrige-udlaendinge/{id}", "/familiesammenfoering"},
    "council": {"/medlemmer", "/moeder", "/moeder/{id}", "/hoeringer", "/valg", "/valg/{id}",
                "/koordinerende-team", "/koordinerende-team/{id}", "/aktiviteter", "/aktiviteter/{id}"},
}  # fmt: skip


@pytest.mark.parametrize("service", ["education", "employment", "council"])
def test_e1_e5_b1_b11_c1_c4_every_page_passes_axe(system, seeded, page, service):
    checked = _crawl(page, system.url(service))
    missing = EXPECTED[service] - set(checked)
    assert not missing, f"{service}: pages not reached from the front page: {sorted(missing)} (reached {checked})"


@pytest.mark.parametrize(
    ("service", "path", "fill", "button"),
    [
        ("education", "/sprogskoler", {"#school_name": ""}, "Opret sprogskole"),
        ("employment", "/praktik", {"#company_cvr": "123"}, "Registrér virksomhed"),
        ("council", "/aktiviteter", {"#activity_title": ""}, "Planlæg aktivitet"),
    ],
)
def test_e2_b5_c2_a_form_error_passes_axe(system, seeded, page, service, path, fill, button):
    page.goto(f"{system.url(service)}{path}")
    for selector, value in fill.items():
        page.fill(selector, value)
    page.get_by_role("button", name=button).click()
    expect(page.locator(".form-error-message").first).to_be_visible()
    check(page, f"{service}_{path.strip('/')}_error")
