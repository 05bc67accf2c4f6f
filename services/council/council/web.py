"""What council's Danish pages share: who may read and write, reading a form, Danish errors, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shared.auth import Department, Principal, require
from shared.errors import DomainError
from shared.web.forms import danish_errors, render, signed_in, to_login

JC = Department.JOBCENTRET
IR = Department.INTEGRATIONSRAADET
# The council's own matters: the secretariat (Jobcentret) writes, the council's members read.
COUNCIL_READERS = (JC, IR)
# The coordinating team: the department heads who meet monthly read; Jobcentret keeps the record.
TEAM_READERS = (JC, Department.BKF, Department.SOCIAL_PSYKIATRI, Department.BORGERSERVICE, Department.SUNDHEDSCENTRET)

Secretariat = Annotated[Principal, Depends(require(JC))]
CouncilReader = Annotated[Principal, Depends(require(*COUNCIL_READERS))]
TeamReader = Annotated[Principal, Depends(require(*TEAM_READERS))]

# Checks a schema makes across fields (``model_validator``): its English message → (field, Danish).
_MODEL_MESSAGES = {
    "term_end must be after term_start": ("term_end", "Periodens slutdato skal ligge efter startdatoen"),
    "reply_due must not be before received_on": ("reply_due", "Svarfristen ligger før modtagelsesdatoen"),
    "duplicate participant": ("participants", "Samme deltager er angivet to gange"),
    "give at least one participant": ("participants", "Vælg mindst én deltagende afdeling"),
}


def blank_to_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """Optional fields left empty are absent, not invalid."""
    return {k: (None if k in names and v == "" else v) for k, v in data.items()}


def validation_errors(exc: ValidationError, prefix: str) -> dict[str, str]:
    """Error key (``prefix`` + field) → Danish message, field by field."""
    errors: dict[str, str] = {}
    for key, message in danish_errors(exc).items():
        if key:
            errors.setdefault(f"{prefix}{key.split('.')[0]}", message)
    for err in exc.errors():
        if not err["loc"]:
            text = str(err.get("msg", ""))
            field, message = next(
                (hit for en, hit in _MODEL_MESSAGES.items() if en in text), ("_", "Formularen er ikke gyldig")
            )
            errors.setdefault(f"{prefix}{field}", message)
        elif err["type"] == "too_short":
            errors[f"{prefix}{err['loc'][0]}"] = "Vælg mindst én"
        elif err["type"] == "bool_parsing":
            errors[f"{prefix}{err['loc'][0]}"] = "Vælg en af mulighederne"
    return errors


async def read_form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


async def read_multi(request: Request, name: str) -> list[str]:
    """Every value of a repeated field (checkboxes)."""
    return [str(v) for v in (await request.form()).getlist(name)]


def no_access(request: Request, what: str) -> Response:
    return render(request, "no_access.html", 403, what=what, hint=None, link=None)


def guard(request: Request, what: str, readers: tuple[Department, ...] = COUNCIL_READERS) -> Principal | Response:
    """The signed-in reader, or the answer to give instead (sign-in, or no access)."""
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in readers:
        return no_access(request, what)
    return principal


def not_found(request: Request, what: str) -> Response:
    return render(request, "not_found.html", 404, what=what)


Action = Callable[[Session, Principal, dict[str, str]], str]
Rerender = Callable[[dict[str, str], dict[str, str]], Response]


async def submit(
    request: Request,
    *,
    what: str,
    prefix: str,
    action: Action,
    rerender: Rerender,
    fields: tuple[str, ...] = (),
    readers: tuple[Department, ...] = COUNCIL_READERS,
    form: dict[str, str] | None = None,
) -> Response:
    """Run a page form in one transaction: 303 to the page ``action`` names, or the page again (422) with
    the Danish errors next to the fields and what was typed kept; an error writes nothing.

    Only Jobcentret (the secretariat) writes; other readers see the error above the form."""
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in readers:
        return no_access(request, what)
    form = form if form is not None else await read_form(request)
    try:
        if principal.department != JC:
            raise DomainError(f"Kun {JC.label} (sekretariatet) kan {what}")
        with request.app.state.runtime.session_factory.begin() as session:
            target = action(session, principal, form)
        return RedirectResponse(target, status_code=303)
    except ValidationError as exc:
        errors = validation_errors(exc, prefix)
    except StaleDataError:
        errors = {f"{prefix}_": "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"}
    except DomainError as exc:
        field = exc.field if exc.field in fields else "_"
        errors = {f"{prefix}{field}": exc.danish}
    return rerender(errors, form)
