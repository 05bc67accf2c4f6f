"""The answers every service's app gives the same way (shared/web/app.py, shared/web/deps.py).

A browser (Accept: text/html) gets Danish pages: not found for a path no page has, an error page with
an incident reference that is also in the log, the sign-in page when no one is signed in, and the 403
page when the signed-in department may not read the page. API clients keep their JSON answers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest

from shared.auth import COOKIE, Department
from tests.conftest import ServiceApp, token

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
# A department that reads none of these four services' pages.
OUTSIDER = Department.FRIVILLIGHED
# One page per service, the department that reads it, and what its 403 page says there is no access to.
PAGES = [
    ("housing", "/sager/1/opmagasinering", Department.SOCIAL_PSYKIATRI, "opmagasinering"),
    ("education", "/sprogskoler", Department.JOBCENTRET, "sprogskolerne"),
    ("employment", "/samtaler", Department.JOBCENTRET, "samtaler"),
    ("council", "/moeder", Department.JOBCENTRET, "integrationsrådets møder"),
]
SERVICES = [service for service, *_ in PAGES]

MakeApp = Callable[[str], ServiceApp]


def _sign_in(app: ServiceApp, department: Department) -> None:
    app.client.cookies.set(COOKIE, token(department, "Tina Test"))


@pytest.mark.parametrize("service", SERVICES)
def test_a_browser_asking_for_an_unknown_path_gets_the_danish_not_found_page(make_app: MakeApp, service: str) -> None:
    app = make_app(service)
    resp = app.client.get("/findes-ikke/her", headers=HTML)
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert "Siden findes ikke" in resp.text
    assert "Vi kunne ikke finde den side, du bad om." in resp.text


@pytest.mark.parametrize("service", SERVICES)
def test_an_api_client_asking_for_an_unknown_path_gets_json(make_app: MakeApp, service: str) -> None:
    app = make_app(service)
    for headers in (JSON, {}):  # JSON asked for, or no preference at all
        resp = app.client.get("/findes-ikke/her", headers=headers)
        assert resp.status_code == 404
        assert resp.headers["content-type"].startswith("application/json")
        assert resp.json() == {"detail": "Not Found"}


def _app_with_a_failing_route(make_app: MakeApp, service: str) -> ServiceApp:
    app = make_app(service)

    def fails() -> None:
        raise RuntimeError("a bug the caseworker should never see")

    app.client.app.add_api_route("/test-fejl", fails)  # type: ignore[attr-defined]
    return app


@pytest.mark.parametrize("service", SERVICES)
def test_an_unexpected_error_gives_a_browser_the_danish_error_page_with_the_logged_incident(
    make_app: MakeApp, service: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app_with_a_failing_route(make_app, service)
    with caplog.at_level(logging.ERROR, logger="shared.web.app"):
        resp = app.client.get("/test-fejl", headers=HTML)
    assert resp.status_code == 500
    assert resp.headers["content-type"].startswith("text/html")
    assert "Der opstod en fejl" in resp.text
    assert "a bug the caseworker should never see" not in resp.text  # no internals on the page
    match = re.search(r"fejlreferencen\s*<strong>([0-9a-f]{12})</strong>", resp.text)
    assert match is not None, resp.text
    incident = match.group(1)
    logged = [r for r in caplog.records if incident in r.getMessage()]
    assert logged, [r.getMessage() for r in caplog.records]
    assert "RuntimeError" in logged[0].getMessage()  # what failed is in the log, not on the page


@pytest.mark.parametrize("service", SERVICES)
def test_an_unexpected_error_gives_an_api_client_json_with_the_logged_incident(
    make_app: MakeApp, service: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app_with_a_failing_route(make_app, service)
    with caplog.at_level(logging.ERROR, logger="shared.web.app"):
        resp = app.client.get("/test-fejl", headers=JSON)
    assert resp.status_code == 500
    detail = resp.json()["detail"]
    match = re.fullmatch(r"internal error \(incident ([0-9a-f]{12})\)", detail)
    assert match is not None, detail
    assert any(match.group(1) in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(("service", "path", "reader", "what"), PAGES)
def test_a_page_asked_for_by_no_one_signed_in_goes_to_sign_in(
    make_app: MakeApp, service: str, path: str, reader: Department, what: str
) -> None:
    app = make_app(service)
    resp = app.client.get(path, headers=HTML, follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"] == f"/login?next={path}"


@pytest.mark.parametrize(("service", "path", "reader", "what"), PAGES)
def test_a_department_that_may_not_read_a_page_gets_the_danish_403_page(
    make_app: MakeApp, service: str, path: str, reader: Department, what: str
) -> None:
    app = make_app(service)
    _sign_in(app, OUTSIDER)
    resp = app.client.get(path, headers=HTML, follow_redirects=False)
    assert resp.status_code == 403
    assert resp.headers["content-type"].startswith("text/html")
    assert f"Du har ikke adgang til {what}" in resp.text
    assert f"{OUTSIDER.label} har ikke adgang til {what}." in resp.text


@pytest.mark.parametrize(("service", "path", "reader", "what"), PAGES)
def test_a_reading_department_gets_the_page(
    make_app: MakeApp, service: str, path: str, reader: Department, what: str
) -> None:
    app = make_app(service)
    _sign_in(app, reader)
    resp = app.client.get(path, headers=HTML, follow_redirects=False)
    # The housing case page exists only for a case housing knows: its own Danish not-found page.
    expected = 404 if service == "housing" else 200
    assert resp.status_code == expected, resp.text
    assert resp.headers["content-type"].startswith("text/html")
    if expected == 404:
        assert "Vi kunne ikke finde sag 1 i boligafdelingen" in resp.text


def test_a_form_posted_by_no_one_signed_in_or_by_another_department_is_refused_as_before(make_app: MakeApp) -> None:
    """The POST of a page form: the sign-in page, or the 403 page naming what the form does."""
    app = make_app("housing")
    path = "/sager/1/opmagasinering"
    resp = app.client.post(path, data={"location": "Lager"}, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == f"/login?next={path}"
    _sign_in(app, OUTSIDER)
    resp = app.client.post(path, data={"location": "Lager"}, follow_redirects=False)
    assert resp.status_code == 403
    assert "Du har ikke adgang til registrere opmagasinering" in resp.text
