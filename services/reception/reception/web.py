"""Reception's page rules: who reads its pages, a page about one case, and how its forms post.

Every page declares ``session: Db`` and its user with ``FORMS.reader(what)``; every form posts through
``FORMS.submit`` (shared.web.submit): its action runs in a savepoint of the request's transaction and
answers 303, or the page again with the Danish errors next to the fields and what was typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reception.cases import service as cases
from reception.cases.models import Case
from reception.config import CASE_READERS
from shared import access
from shared.auth import Department, Principal, require
from shared.errors import DomainError
from shared.validation import CROSS_FIELD
from shared.web.deps import NoAccess
from shared.web.forms import danish_errors, render, signed_in
from shared.web.submit import Action, PageForms, Rerender

JC = Department.JOBCENTRET
# Who may call reception's JSON API (the pages use FORMS.reader).
Reader = Annotated[Principal, Depends(require(*CASE_READERS))]
Caseworker = Annotated[Principal, Depends(require(JC))]
# Who may send a handover (and so a family reunification): Jobcentret and Udlændingestyrelsen.
HANDOVER_SENDERS = (JC, Department.UDLAENDINGESTYRELSEN)

# pydantic error types the shared Danish table does not word for money fields.
_MONEY_ERRORS = {
    "greater_than": "Beløbet skal være større end 0",
    "decimal_max_places": "Skriv højst to decimaler (øre)",
    "decimal_max_digits": "Beløbet er for stort",
    "decimal_parsing": "Skriv et beløb i kroner, fx 1234,50",
}
# Texts that must say a little: what a too short one (not an empty one) is told, by field.
_TOO_SHORT = {
    "reason": "Skriv en begrundelse på mindst {} tegn",
    "reasoning": "Skriv en begrundelse på mindst {} tegn",
    "content": "Skriv mindst {} tegn",
    "purpose": "Skriv mindst {} tegn",
}

# Fields with a fixed format: what one typed otherwise is told, with an example.
_FORMATS = {
    "month": "Skriv måneden som år og måned, fx 2026-12",
    "case_number": "Skriv sagsnummeret som år og nummer, fx 2026-000001",
}


def form_errors(exc: ValidationError) -> dict[str, str]:
    """Field → Danish message: amounts, too short texts and fixed formats in reception's words, the rest as
    the shared pages word them."""
    out = danish_errors(exc)
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        typed = str(err.get("input") or "").strip()
        if err["type"] in _MONEY_ERRORS and err.get("input") != "":
            out[key] = _MONEY_ERRORS[err["type"]]
        elif err["type"] == "string_too_short" and typed and key in _TOO_SHORT:
            out[key] = _TOO_SHORT[key].format((err.get("ctx") or {}).get("min_length"))
        elif err["type"] == "string_pattern_mismatch" and typed and key in _FORMATS:
            out[key] = _FORMATS[key]
        elif err["type"] == CROSS_FIELD:  # a schema's own check carries its field and its Danish
            ctx = err.get("ctx") or {}
            out[str(ctx.get("field") or "_")] = str(ctx.get("danish") or err.get("msg"))
    return out


def refusal(principal: Principal, what: str) -> NoAccess:
    """The 403 page for a department that may not see ``what``; a handover sender is shown where to go."""
    if principal.department in HANDOVER_SENDERS:
        return NoAccess(
            what,
            hint="Du kan registrere en myndighedsoverdragelse.",
            link=("/overdragelser/ny", "Registrér myndighedsoverdragelse"),
        )
    return NoAccess(what)


class ReceptionForms(PageForms):
    """``PageForms`` with reception's refusals (a hint for handover senders), its wording of form errors,
    and the variations its forms need: the alert a form's general errors go to, the status of a
    refused step, and the Danish of a version read that someone else has changed since."""

    def refusal(self, principal: Principal, what: str) -> NoAccess:
        return refusal(principal, what)

    def validation_errors(self, exc: ValidationError, prefix: str) -> dict[str, str]:
        return {f"{prefix}{k}": v for k, v in form_errors(exc).items()}

    async def submit(
        self,
        request: Request,
        *,
        what: str,
        prefix: str,
        action: Action,
        rerender: Rerender,
        fields: tuple[str, ...] = (),
        allowed: tuple[Department, ...] | None = None,
        refused: str | None = None,
        form: dict[str, str] | None = None,
        session: Session | None = None,
        principal: Principal | None = None,
        alert: str | None = None,
        stale: str | None = None,
        keep_status: tuple[int, ...] = (),
    ) -> Response:
        """``PageForms.submit`` in the request's session. ``alert``: the error key of a refusal or a service
        error about no field (default ``<prefix>_``); ``stale``: what is said at ``<prefix>_`` when the
        version read (field ``version``) is outdated; ``keep_status``: the statuses of service errors the
        page is shown again with (else 422).
        Reception's pages always pass their ``Db`` session and ``FORMS.reader`` user."""
        if session is None or principal is None:
            raise TypeError("a reception page posts in the request's session, as its signed-in user")
        refused_here = allowed is not None and principal.department not in allowed
        failed: list[int] = []  # the status of the service error the action raised, if it did
        outdated: list[bool] = []

        def run(db: Session, by: Principal, data: dict[str, str]) -> str:
            try:
                target = action(db, by, data)
                db.flush()  # a stale version is found here, inside the savepoint
            except StaleDataError:
                outdated.append(True)
                raise
            except DomainError as exc:
                failed.append(exc.status)
                raise
            return target

        def reshow(errors: dict[str, str], data: dict[str, str]) -> Response:
            general = f"{prefix}_"
            if stale is not None and (errors.pop(f"{prefix}version", None) is not None or outdated):
                errors = {general: stale, **{k: v for k, v in errors.items() if k != general}}
            elif alert is not None and (failed or refused_here) and general in errors:
                errors[alert] = errors.pop(general)  # a refusal or a service error: at the form's own alert
            response = rerender(errors, data)
            if failed and failed[-1] in keep_status and response.status_code == 422:
                response.status_code = failed[-1]
            return response

        return await super().submit(
            request,
            what=what,
            prefix=prefix,
            action=run,
            rerender=reshow,
            fields=fields,
            allowed=allowed,
            refused=refused,
            form=form,
            session=session,
            principal=principal,
        )


FORMS = ReceptionForms(readers=CASE_READERS)
# The user of a page about cases: a case reader (others are told they have no access to the cases).
CaseReader = Annotated[Principal, FORMS.reader("sagerne")]


def live_reader(request: Request) -> Principal:
    """The case reader polling part of a page (htmx): a bare 403 otherwise, never the sign-in page,
    which htmx would swap into the page."""
    principal = signed_in(request)
    if principal is None or principal.department not in CASE_READERS:
        raise HTTPException(403)
    return principal


def render_case_page(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    purpose: str,
    template: str,
    status_code: int,
    load: Callable[[Session, Case], dict[str, Any]],
) -> Response:
    """A page about one case: the not-found page when there is none, else the read access-logged
    and ``template`` rendered with the case and what ``load`` reads."""
    try:
        case = cases.get_case(session, case_id=case_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"sag {case_id}")
    access.record(session, by=principal, purpose=purpose, case_id=case_id)
    return render(request, template, status_code, case=case, **load(session, case))
