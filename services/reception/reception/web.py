"""Helpers every reception sub-domain's routes and pages share: who may call the API, the case page's frame,
Danish error wording, and form errors for money fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from reception.cases import service as cases
from reception.cases.models import Case
from reception.config import CASE_READERS
from shared import access
from shared.auth import Department, Principal, require
from shared.errors import DomainError
from shared.web.forms import danish_errors, render, signed_in

Reader = Annotated[Principal, Depends(require(*CASE_READERS))]
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]

# pydantic error types the shared Danish table does not word for money fields.
_MONEY_ERRORS = {
    "greater_than": "Beløbet skal være større end 0",
    "decimal_max_places": "Skriv højst to decimaler (øre)",
    "decimal_max_digits": "Beløbet er for stort",
    "decimal_parsing": "Skriv et beløb i kroner, fx 1234,50",
}


def form_errors(exc: ValidationError) -> dict[str, str]:
    """Field → Danish message; money errors worded for amounts, the rest as the shared pages word them."""
    out = danish_errors(exc)
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] in _MONEY_ERRORS and err.get("input") != "":
            out[key] = _MONEY_ERRORS[err["type"]]
    return out


HANDOVER_SENDERS = (Department.JOBCENTRET, Department.UDLAENDINGESTYRELSEN)
# Onboarding messages raised without a Danish wording (``DomainError.danish``), by a phrase they contain.
_TASK_MESSAGES = {
    "needs the CPR number": "Skriv CPR-nummeret for at afslutte CPR-registreringen",
    "only given when completing CPR": "CPR-nummeret skrives kun ved CPR-registreringen",
    "completed already": "Opgaven er allerede udført",
    "may not complete it": "Din afdeling kan ikke udføre denne opgave",
    "no onboarding task": "Opgaven findes ikke",
}


def danish_message(exc: DomainError) -> str:
    """The error in Danish for the page: the service's own wording, else a known phrase, else as raised."""
    if exc.danish != exc.message:
        return exc.danish
    return next((dk for en, dk in _TASK_MESSAGES.items() if en in exc.message), exc.message)


def no_access_page(request: Request, what: str) -> Response:
    """A signed-in user whose department may not see this page: say so (no sign-in loop)."""
    principal = signed_in(request)
    can_send = principal is not None and principal.department in HANDOVER_SENDERS
    return render(
        request,
        "no_access.html",
        403,
        what=what,
        hint="Du kan registrere en myndighedsoverdragelse." if can_send else None,
        link=("/overdragelser/ny", "Registrér myndighedsoverdragelse") if can_send else None,
    )


def page_reader(request: Request) -> Principal | None:
    principal = signed_in(request)
    return principal if principal and principal.department in CASE_READERS else None


def render_case_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    action: str,
    template: str,
    status_code: int,
    load: Callable[[Session, Case], dict[str, Any]],
) -> Response:
    """A page about one case: the not-found page when there is none, else the read access-logged
    and ``template`` rendered with the case and what ``load`` reads, in one transaction."""
    with request.app.state.runtime.session_factory.begin() as session:
        try:
            case = cases.get_case(session, case_id=case_id)
        except DomainError:
            return render(request, "not_found.html", 404, what=f"sag {case_id}")
        access.record(session, by=principal, purpose=action, case_id=case_id)
        return render(request, template, status_code, case=case, **load(session, case))
