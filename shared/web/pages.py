"""Sign-in for the department pages.

In development and test, a caseworker picks a department and gets a signed cookie; in production
tokens come from the municipality's identity provider and this page is switched off.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.auth import COOKIE, DEPARTMENT_LABELS, Department, issue_token
from shared.web.forms import render

router = APIRouter(include_in_schema=False)


def _dev_only(request: Request) -> None:
    if request.app.state.settings.environment == "production":
        raise HTTPException(404, "sign-in is handled by the identity provider in production")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    _dev_only(request)
    return render(request, "login.html", departments=DEPARTMENT_LABELS, next=_safe_next(next))


@router.post("/login")
def login(
    request: Request,
    user: Annotated[str, Form(min_length=1, max_length=100)],
    department: Annotated[Department, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    _dev_only(request)
    token = issue_token(request.app.state.settings.auth_secret, user=user.strip(), department=department)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=36000)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def _safe_next(target: str) -> str:
    # Only local paths: never redirect to another site after sign-in.
    return target if target.startswith("/") and not target.startswith("//") else "/"
