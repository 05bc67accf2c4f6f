"""The local-area tour and the guidance log as a Danish page (R6): Jobcentret writes, case readers read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.guidance import service
from reception.guidance.schemas import Channel, GuidanceIn, GuidanceOut, TourDoneIn, TourIn, TourOut
from reception.web import danish_message, no_access_page, page_reader, render_case_page
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, signed_in, to_login

router = APIRouter(include_in_schema=False)

CHANNEL_LABELS = {
    Channel.IN_PERSON.value: "Fremmøde",
    Channel.PHONE.value: "Telefon",
    Channel.EMAIL.value: "E-mail",
    Channel.VIDEO.value: "Video",
}
# The guidance log stores the language in 50 characters (the schema allows 200).
TOUR_FIELDS = ("booked_for", "guide")
DONE_FIELDS = ("done_on", "notes")
ENTRY_FIELDS = ("on", "channel", "topic", "interpreter", "language", "note")


def guidance_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The tour and the log; ``form_for`` names the form the kept input belongs to (tour, done, entry)."""

    def load(session: Session, case: Case) -> dict[str, Any]:
        row = service.get_tour(session, case_id=case_id)
        tour = TourOut.model_validate(row) if row else None
        entries = [GuidanceOut.model_validate(e) for e in service.guidance_log(session, case_id=case_id)]
        return {
            "tour": tour,
            "entries": entries,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "today": today(),
            "can_write": principal.department == Department.JOBCENTRET,
            "channel_labels": CHANNEL_LABELS,
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_GUIDANCE,
        template="guidance.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/vejledning")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return guidance_page(request, principal, case_id)


def _caseworker(principal: Principal) -> None:
    if principal.department != Department.JOBCENTRET:
        raise DomainError("only Jobcentret", danish="Kun Jobcentret kan registrere rundtur og vejledning")


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def _errors(exc: DomainError, fallback: str) -> dict[str, str]:
    return {exc.field or fallback: "Sagen findes ikke" if exc.status == 404 else danish_message(exc)}


@router.post("/sager/{case_id}/vejledning/rundtur")
async def book_tour(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _caseworker(principal)
        data = TourIn.model_validate({k: form.get(k, "") for k in TOUR_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            service.book_tour(session, case_id=case_id, data=data)
        return RedirectResponse(f"/sager/{case_id}/vejledning#rundtur", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = _errors(exc, "tour")
    return guidance_page(request, principal, case_id, errors=errors, form=form, form_for="tour", status_code=422)


@router.post("/sager/{case_id}/vejledning/rundtur/gennemfoert")
async def tour_done(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _caseworker(principal)
        data = TourDoneIn.model_validate({k: form.get(k, "") for k in DONE_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            service.tour_done(session, case_id=case_id, data=data)
        return RedirectResponse(f"/sager/{case_id}/vejledning#rundtur", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = _errors(exc, "done")
    return guidance_page(request, principal, case_id, errors=errors, form=form, form_for="done", status_code=422)


@router.post("/sager/{case_id}/vejledning/samtaler")
async def log_guidance(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _caseworker(principal)
        data = GuidanceIn.model_validate({k: form.get(k, "") for k in ENTRY_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            service.log_guidance(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/vejledning#vejledningslog", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = _errors(exc, "entry")
    return guidance_page(request, principal, case_id, errors=errors, form=form, form_for="entry", status_code=422)
