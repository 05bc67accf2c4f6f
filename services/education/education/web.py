"""What Danskuddannelse's Danish pages share: reading a form, Danish errors, who may see and do what."""

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
# Danskuddannelse's staff are Jobcentret's: they read and change everything on these pages.
READERS = (JC,)

# Checks a schema makes across fields (``model_validator``): a phrase of its English message → (field, Danish).
_MODEL_MESSAGES = {
    "end_time must be after start_time": ("end_time", "Sluttidspunktet skal ligge efter starttidspunktet"),
    "to_date must not be before from_date": ("to_date", "Slutdatoen ligger før startdatoen"),
    "valid_to must not be before valid_from": ("valid_to", "Gyldig til ligger før gyldig fra"),
    "period_end must not be before period_start": ("period_end", "Periodens slutdato ligger før startdatoen"),
    "absent_hours cannot exceed planned_hours": ("absent_hours", "Fraværet er større end de planlagte timer"),
    "excused_hours cannot exceed absent_hours": ("excused_hours", "Det lovlige fravær er større end fraværet"),
    "summary is required": ("summary", "Skriv et referat af samtalen"),
    "held_on is required": ("held_on", "Skriv datoen for samtalen"),
    "sanction_recommended is required": ("sanction_recommended", "Vælg om Økonomisk Team skal overveje en sanktion"),
    "give a new planned_on": ("planned_on", "Skriv en ny dato eller registrér samtalen som afholdt"),
    "outcome is required": ("outcome", "Skriv resultatet af indsatsen"),
    "give a status or a note": ("outcome", "Vælg en ny status eller skriv et resultat"),
}


def blank_to_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """Optional fields left empty are absent, not invalid."""
    return {k: (None if k in names and v == "" else v) for k, v in data.items()}


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
        elif err["type"] == "bool_parsing":
            errors[f"{prefix}{key}"] = "Vælg en af mulighederne"
        elif err["type"] in ("time_parsing", "time_type"):
            empty = err.get("input") == ""
            errors[f"{prefix}{key}"] = "Feltet skal udfyldes" if empty else "Skriv et klokkeslæt, fx 09:30"
    return errors


async def read_form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def no_access(request: Request, what: str) -> Response:
    return render(request, "no_access.html", 403, what=what, hint=None, link=None)


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
    what: str,
    prefix: str,
    action: Action,
    rerender: Rerender,
    fields: tuple[str, ...] = (),
) -> Response:
    """Run a page form in one transaction: 303 to the page ``action`` names, or the page again (422) with
    the Danish errors next to the fields and what was typed kept; an error writes nothing.

    ``fields``: the form's fields; a service error about one of them is shown next to it."""
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


def pick(form: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The named fields of a posted form (missing ones empty)."""
    return {k: form.get(k, "") for k in names}
