"""What employment's Danish pages share: reading a form, Danish errors, who may do what."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shared.auth import Department, Principal
from shared.errors import DomainError
from shared.web.forms import danish_errors, render, signed_in, to_login

JC = Department.JOBCENTRET
# Employment's pages hold personal data about the employment effort: Jobcentret's caseworkers only.
READERS = (JC,)

# Checks a schema makes across fields (``model_validator``): its English message → (field, Danish).
_MODEL_MESSAGES = {
    "end must not be before start": ("end_date", "Slutdatoen ligger før startdatoen"),
    "recognised_as is required": ("recognised_as", "Skriv hvad uddannelsen er godkendt som"),
    "give at least one change": ("_", "Ret mindst ét felt"),
}


def blank_to_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """Optional fields left empty are absent, not invalid."""
    return {k: (None if k in names and v == "" else v) for k, v in data.items()}


def validation_errors(exc: ValidationError, prefix: str) -> dict[str, str]:
    """Error key (``prefix`` + field) → Danish message, field by field; ``answers.x`` is shown at ``x``."""
    errors: dict[str, str] = {}
    for key, message in danish_errors(exc).items():
        if key:
            errors.setdefault(f"{prefix}{key.removeprefix('answers.')}", message)
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if not key:
            text = str(err.get("msg", ""))
            field, message = next(
                (hit for en, hit in _MODEL_MESSAGES.items() if en in text), ("_", "Formularen er ikke gyldig")
            )
            errors.setdefault(f"{prefix}{field}", message)
        elif err["type"] == "bool_parsing":
            errors[f"{prefix}{key}"] = "Vælg en af mulighederne"
        elif err["type"].startswith("decimal"):
            errors[f"{prefix}{key}"] = (
                "Feltet skal udfyldes" if err.get("input") == "" else "Skriv et beløb, fx 50.000,00"
            )
    return errors


async def read_form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def no_access(request: Request, what: str) -> Response:
    return render(request, "no_access.html", 403, what=what, hint=None, link=None)


def guard(request: Request, what: str) -> Principal | Response:
    """The signed-in caseworker, or the answer to give instead (sign-in, or no access)."""
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in READERS:
        return no_access(request, what)
    return principal


def not_found(request: Request, what: str) -> Response:
    return render(request, "not_found.html", 404, what=what)


Action = Callable[[Session, Principal, dict[str, str]], str]
Rerender = Callable[[dict[str, str], dict[str, str]], Response]


async def submit(
    request: Request, *, what: str, prefix: str, action: Action, rerender: Rerender, fields: tuple[str, ...] = ()
) -> Response:
    """Run a page form in one transaction: 303 to the page ``action`` names, or the page again (422) with
    the Danish errors next to the fields and what was typed kept; an error writes nothing."""
    principal = guard(request, what)
    if not isinstance(principal, Principal):
        return principal
    form = await read_form(request)
    try:
        with request.app.state.runtime.session_factory.begin() as session:
            target = action(session, principal, form)
        return RedirectResponse(target, status_code=303)
    except ValidationError as exc:
        errors = validation_errors(exc, prefix)
    except StaleDataError:
        errors = {f"{prefix}_": "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"}
    except DomainError as exc:
        field = exc.field if exc.field in fields else "_"  # a field the form does not show: above the form
        errors = {f"{prefix}{field}": exc.danish}
    return rerender(errors, form)


def pick(form: dict[str, str], *names: str) -> dict[str, str]:
    return {k: form.get(k, "").strip() for k in names}
