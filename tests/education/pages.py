"""Helpers for education's page tests: sign in with the cookie, post forms, read errors and kept values."""

from __future__ import annotations

import html
import re
from typing import Any

from shared.auth import COOKIE
from tests.conftest import token
from tests.education.helpers import JC


def as_(app: Any, department: Any = JC, user: str = "Jens Jobcenter") -> Any:
    app.client.cookies.set(COOKIE, token(department, user))
    return app


def post(app: Any, path: str, data: dict[str, str]) -> Any:
    return app.client.post(path, data=data, follow_redirects=False)


def ok(app: Any, path: str, data: dict[str, str]) -> Any:
    """A form that succeeds: 303 to the page showing the result, which is returned."""
    resp = post(app, path, data)
    assert resp.status_code == 303, (resp.status_code, errors_of(resp.text))
    page = app.client.get(resp.headers["location"].split("#")[0])
    assert page.status_code == 200
    return page


def errors_of(text: str) -> list[str]:
    return [
        html.unescape(m)
        for m in re.findall(r'class="form-error-message"[^>]*><span class="sr-only">Fejl: </span>([^<]*)', text)
    ]


def field_error(text: str, key: str) -> str:
    """The Danish message shown next to the field with id ``key`` (and the field points at it)."""
    match = re.search(rf'id="{key}-error"><span class="sr-only">Fejl: </span>([^<]*)</span>', text)
    assert match, f"no error next to {key}: {errors_of(text)}"
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


def text_of(text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
