"""Helpers for employment tests: make employment know a case reception opened; page helpers."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from employment.intake.handlers import on_case_opened
from shared.auth import COOKIE, Department
from shared.bus.envelope import envelope_for
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.reception import CaseOpened
from tests.conftest import token

JC = Department.JOBCENTRET
TODAY = copenhagen_today()


def known_case(app: Any, case_id: int = 8, *, basis: str = "asylum_7_1", arrival_days: int = 0) -> int:
    """Employment handles reception.case_opened for the case (arriving ``arrival_days`` from today)."""
    event = CaseOpened(
        case_id=case_id,
        case_number=f"2026-{case_id:06d}",
        residence_basis=basis,
        expected_arrival_date=TODAY + timedelta(days=arrival_days),
        household_size=1,
    )
    with app.factory.begin() as session:
        on_case_opened(session, event, envelope_for(event, producer="reception"))
    return case_id


def events(app: Any, event_type: str) -> list[dict[str, Any]]:
    return [e["payload"] for e in app.outbox() if e["type"] == event_type]


def signed_in(app: Any, department: Department = JC, user: str = "Jens Jobcentret") -> Any:
    app.client.cookies.set(COOKIE, token(department, user))
    return app


def post(app: Any, path: str, data: dict[str, str]) -> Any:
    return app.client.post(path, data=data, follow_redirects=False)


def ok(app: Any, path: str, data: dict[str, str]) -> Any:
    """A form that succeeds: 303 to the page showing the result, which is returned."""
    resp = post(app, path, data)
    assert resp.status_code == 303, (resp.status_code, all_errors(resp.text))
    page = app.client.get(resp.headers["location"].split("#")[0])
    assert page.status_code == 200
    return page


def all_errors(text: str) -> list[str]:
    return [
        html.unescape(m)
        for m in re.findall(r'class="form-error-message"[^>]*><span class="sr-only">Fejl: </span>([^<]*)', text)
    ]


def field_error(text: str, key: str) -> str:
    """The Danish message shown next to the field with id ``key`` (and the field points at it)."""
    match = re.search(rf'id="{key}-error"><span class="sr-only">Fejl: </span>([^<]*)</span>', text)
    assert match, f"no error next to {key}: {all_errors(text)} {alert_text(text)}"
    assert re.search(rf'id="{key}"[^>]*aria-invalid="true"', text, re.S), f"{key} not marked invalid"
    return html.unescape(match.group(1))


def value_of(text: str, key: str) -> str:
    match = re.search(rf'id="{key}" name="[^"]*" value="([^"]*)"', text)
    assert match, f"no input {key}"
    return html.unescape(match.group(1))


def textarea_of(text: str, key: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{key}"[^>]*>([^<]*)</textarea>', text, re.S)
    assert match, f"no textarea {key}"
    return html.unescape(match.group(1))


def alert_text(text: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<p class="alert-text">([^<]*)</p>', text)]


def text_of(text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
