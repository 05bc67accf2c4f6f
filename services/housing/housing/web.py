"""What housing's Danish pages share: reading a form, Danish errors, who may do what, money as 6.250,00 kr."""

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

SP = Department.SOCIAL_PSYKIATRI
BS = Department.BORGERSERVICE
JC = Department.JOBCENTRET
# Who may read housing's pages (as the JSON API's readers); who may change what is checked per form.
READERS = (SP, JC, BS)

# Checks a schema makes across fields (``model_validator``): its English message → (field, Danish).
_MODEL_MESSAGES = {
    "say what is stored": ("description", "Skriv hvad der opbevares"),
    "to_date must not be before from_date": ("to_date", "Slutdatoen ligger før startdatoen"),
    "delivered_on is required": ("delivered_on", "Skriv leveringsdatoen, når inventaret er leveret"),
    "follow_up_due is required": ("follow_up_due", "Skriv en frist for opfølgningen"),
    "end_date must be after start_date": ("end_date", "Slutdatoen skal ligge efter startdatoen"),
    "resolution is required": ("resolution", "Skriv hvordan sagen er løst"),
    "give a status or a note": ("note", "Skriv en note eller vælg en ny status"),
}
# Errors some services raise without a Danish wording, by a phrase in the English message.
_DOMAIN_MESSAGES = {
    "out of service": "Boligen er ude af drift",
    "free bed": "Boligen har for få ledige senge til husstanden",
    "no temporary unit": "Boligen findes ikke",
    "assign it to someone first": "Angiv hvem opgaven er tildelt",
}


def blank_to_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """Optional fields left empty are absent, not invalid."""
    return {k: (None if k in names and v == "" else v) for k, v in data.items()}


def danish(exc: DomainError) -> str:
    if exc.danish != exc.message:
        return exc.danish
    return next((dk for en, dk in _DOMAIN_MESSAGES.items() if en in exc.message), exc.message)


def validation_errors(exc: ValidationError, prefix: str) -> dict[str, str]:
    """Error key (``prefix`` + field) → Danish message, field by field."""
    errors = {f"{prefix}{k}": v for k, v in danish_errors(exc).items() if k}
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if not key:
            text = str(err.get("msg", ""))
            field, message = next(
                (hit for en, hit in _MODEL_MESSAGES.items() if en in text), ("_", "Formularen er ikke gyldig")
            )
            errors.setdefault(f"{prefix}{field}", message)
        elif err["type"] == "string_too_short" and err.get("input"):
            errors[f"{prefix}{key}"] = f"Skriv mindst {(err.get('ctx') or {}).get('min_length')} tegn"
        elif err["type"].startswith("decimal") or (err["type"] == "float_parsing"):
            errors[f"{prefix}{key}"] = (
                "Feltet skal udfyldes" if err.get("input") == "" else "Skriv et beløb, fx 6.250,00"
            )
        elif err["type"] == "bool_parsing":
            errors[f"{prefix}{key}"] = "Vælg en af mulighederne"
    return errors


async def read_form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def no_access(request: Request, what: str) -> Response:
    return render(request, "no_access.html", 403, what=what, hint=None, link=None)


def reader(request: Request) -> Principal | None:
    principal = signed_in(request)
    return principal if principal is not None and principal.department in READERS else None


def guard(request: Request, what: str) -> Principal | Response:
    """The signed-in reader, or the answer to give instead (sign-in, or no access)."""
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in READERS:
        return no_access(request, what)
    return principal


Action = Callable[[Session, Principal, dict[str, str]], str]
Rerender = Callable[[dict[str, str], dict[str, str]], Response]


async def submit(
    request: Request,
    *,
    allowed: tuple[Department, ...],
    what: str,
    prefix: str,
    action: Action,
    rerender: Rerender,
    fields: tuple[str, ...] = (),
) -> Response:
    """Run a page form in one transaction: 303 to the page ``action`` names, or the page again (422) with
    the Danish errors next to the fields and what was typed kept; an error writes nothing.

    ``fields``: the form's fields; a service error about one of them is shown next to it."""
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in READERS:  # not even the page to show the error on
        return no_access(request, what)
    form = await read_form(request)
    try:
        if principal.department not in allowed:
            names = " eller ".join(d.label for d in allowed)
            raise DomainError(f"Kun {names} kan {what}")
        with request.app.state.runtime.session_factory.begin() as session:
            target = action(session, principal, form)
        return RedirectResponse(target, status_code=303)
    except ValidationError as exc:
        errors = validation_errors(exc, prefix)
    except StaleDataError:
        errors = {f"{prefix}_": "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"}
    except DomainError as exc:
        field = exc.field if exc.field in fields else "_"  # a field the form does not show: above the form
        errors = {f"{prefix}{field}": danish(exc)}
    return rerender(errors, form)
