"""Civil society as Danish pages: volunteers (R8), host families, mentors and starter packages on a case (R7, R9);
the town hall's welcome meetings (R10) are in ``welcome_pages``.

Frivillighedsområdet keeps the volunteers and writes on the case; case readers read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.civil import service, welcome_pages
from reception.civil.models import FollowUpNote
from reception.civil.schemas import (
    BackgroundCheck,
    CheckIn,
    FollowUpIn,
    MatchIn,
    MatchKind,
    MatchOut,
    PackageIn,
    PackageOut,
    PackageStatus,
    PackageUpdate,
    VolunteerIn,
    VolunteerOut,
)
from reception.web import danish_message, no_access_page, page_reader, render_case_page
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import DomainError, NotFound
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, render, signed_in, to_login

router = APIRouter(include_in_schema=False)

CHECK_LABELS = {
    BackgroundCheck.PENDING.value: ("warning", "Afventer"),
    BackgroundCheck.APPROVED.value: ("success", "Godkendt"),
    BackgroundCheck.REJECTED.value: ("error", "Afvist"),
}
KIND_LABELS = {MatchKind.HOST_FAMILY.value: "Værtsfamilie", MatchKind.MENTOR.value: "Mentor"}
PACKAGE_LABELS = {
    PackageStatus.REQUESTED.value: ("info", "Anmodet"),
    PackageStatus.COLLECTED.value: ("warning", "Indsamlet"),
    PackageStatus.DELIVERED.value: ("success", "Leveret"),
}
# The one step a starter package may take next, as the button names it.
PACKAGE_NEXT = {
    PackageStatus.REQUESTED.value: (PackageStatus.COLLECTED.value, "Markér som indsamlet"),
    PackageStatus.COLLECTED.value: (PackageStatus.DELIVERED.value, "Markér som leveret"),
}

VOLUNTEER_FIELDS = ("name", "contact", "skills", "languages", "availability")
MATCH_FIELDS = ("volunteer_id", "kind", "content", "purpose", "follow_up_days")
FOLLOW_UP_FIELDS = ("on", "note")
# Texts that must say a little (the schema asks for at least 3 characters).
_AT_LEAST_3 = ("content", "purpose")


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def _domain_errors(exc: DomainError, prefix: str, fallback: str) -> dict[str, str]:
    """The service's Danish message next to its field, else above the form (``fallback`` names the alert)."""
    message = "Sagen findes ikke" if exc.status == 404 and exc.danish == exc.message else danish_message(exc)
    return {prefix + (exc.field or fallback): message}


def _form_errors(exc: ValidationError, form: dict[str, str], prefix: str = "") -> dict[str, str]:
    errors = danish_errors(exc)
    for name in _AT_LEAST_3:
        if errors.get(name) == "Feltet skal udfyldes" and form.get(name, "").strip():
            errors[name] = "Skriv mindst 3 tegn"
    return {prefix + k: v for k, v in errors.items()}


# --- Volunteers (R8): Frivillighedsområdet only ---------------------------------------------------------------


def volunteers_page(
    request: Request,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The volunteers; ``form_for`` names the form the kept input belongs to (register, check-<id>)."""
    with request.app.state.runtime.session_factory.begin() as session:
        rows = [VolunteerOut.model_validate(v) for v in service.volunteers(session)]
        return render(
            request,
            "volunteers.html",
            status_code,
            volunteers=rows,
            errors=errors or {},
            form=form or {},
            form_for=form_for,
            check_labels=CHECK_LABELS,
        )


def _volunteering(request: Request) -> Principal | None:
    principal = signed_in(request)
    return principal if principal and principal.department == Department.FRIVILLIGHED else None


@router.get("/frivillige")
def volunteers(request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    if _volunteering(request) is None:
        return no_access_page(request, "de frivillige")
    return volunteers_page(request)


@router.post("/frivillige")
async def register_volunteer(request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    if _volunteering(request) is None:
        return no_access_page(request, "de frivillige")
    form = await _form(request)
    try:
        data = VolunteerIn.model_validate({k: form.get(k, "") for k in VOLUNTEER_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            row = service.register_volunteer(session, data=data)
            volunteer_id = row.id
        return RedirectResponse(f"/frivillige#frivillig-{volunteer_id}", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = _domain_errors(exc, "", "register")
    return volunteers_page(request, errors=errors, form=form, form_for="register", status_code=422)


@router.post("/frivillige/{volunteer_id}/straffeattest")
async def set_check(volunteer_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    if _volunteering(request) is None:
        return no_access_page(request, "de frivillige")
    form = await _form(request)
    prefix = f"v{volunteer_id}_"
    try:
        data = CheckIn.model_validate({"background_check": form.get("background_check", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            service.set_check(session, volunteer_id=volunteer_id, data=data)
        return RedirectResponse(f"/frivillige#frivillig-{volunteer_id}", status_code=303)
    except ValidationError as exc:
        errors = {prefix + k: v for k, v in danish_errors(exc).items()}
    except DomainError as exc:
        errors = _domain_errors(exc, prefix, "_")
    return volunteers_page(request, errors=errors, form=form, form_for=f"check-{volunteer_id}", status_code=422)


# --- Host families, mentors and starter packages on a case (R7, R9) ---------------------------------------------


def civil_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The case's agreements and starter packages; ``form_for`` names the form the kept input belongs to."""

    def load(session: Session, case: Case) -> dict[str, Any]:
        matches = [MatchOut.model_validate(m) for m in service.matches_for(session, case_id=case_id)]
        notes: dict[int, list[FollowUpNote]] = defaultdict(list)
        for note in service.follow_ups_for(session, case_id=case_id):
            notes[note.match_id].append(note)
        packages = [PackageOut.model_validate(p) for p in service.packages_for(session, case_id=case_id)]
        people = service.volunteers(session)
        return {
            "matches": matches,
            "notes": notes,
            "packages": packages,
            "volunteer_names": {v.id: v.name for v in people},
            "approved": [(str(v.id), v.name) for v in people if v.background_check == BackgroundCheck.APPROVED.value],
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "today": today(),
            "can_write": principal.department == Department.FRIVILLIGHED,
            "kind_labels": KIND_LABELS,
            "package_labels": PACKAGE_LABELS,
            "package_next": PACKAGE_NEXT,
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_CIVIL_SOCIETY,
        template="civil_case.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/civilsamfund")
def show_case(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return civil_page(request, principal, case_id)


def _frivillighed(principal: Principal) -> None:
    if principal.department != Department.FRIVILLIGHED:
        raise DomainError("only Frivillighedsområdet", danish="Kun Frivillighedsområdet kan registrere her")


@router.post("/sager/{case_id}/civilsamfund/aftaler")
async def make_match(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _frivillighed(principal)
        data = MatchIn.model_validate({k: form.get(k, "") for k in MATCH_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            service.match(session, case_id=case_id, data=data)
        return RedirectResponse(f"/sager/{case_id}/civilsamfund#aftaler", status_code=303)
    except ValidationError as exc:
        errors = _form_errors(exc, form)
    except DomainError as exc:
        errors = _domain_errors(exc, "", "match")
    return civil_page(request, principal, case_id, errors=errors, form=form, form_for="match", status_code=422)


@router.post("/sager/{case_id}/civilsamfund/aftaler/{match_id}/opfoelgning")
async def follow_up(case_id: IdPath, match_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    prefix = f"m{match_id}_"
    try:
        _frivillighed(principal)
        data = FollowUpIn.model_validate({k: form.get(k, "") for k in FOLLOW_UP_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            if match_id not in {m.id for m in service.matches_for(session, case_id=case_id)}:
                raise NotFound(f"no match {match_id} on case {case_id}", danish="Aftalen findes ikke på sagen")
            service.follow_up(session, match_id=match_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/civilsamfund#aftale-{match_id}", status_code=303)
    except ValidationError as exc:
        errors = _form_errors(exc, form, prefix)
    except DomainError as exc:
        errors = _domain_errors(exc, prefix, "_")
    return civil_page(
        request, principal, case_id, errors=errors, form=form, form_for=f"follow-{match_id}", status_code=422
    )


@router.post("/sager/{case_id}/civilsamfund/startpakker")
async def request_package(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _frivillighed(principal)
        data = PackageIn.model_validate({"items": form.get("items", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            service.request_package(session, case_id=case_id, data=data)
        return RedirectResponse(f"/sager/{case_id}/civilsamfund#startpakker", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = _domain_errors(exc, "", "package")
    return civil_page(request, principal, case_id, errors=errors, form=form, form_for="package", status_code=422)


@router.post("/sager/{case_id}/civilsamfund/startpakker/{package_id}/status")
async def advance_package(case_id: IdPath, package_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    prefix = f"p{package_id}_"
    try:
        _frivillighed(principal)
        data = PackageUpdate.model_validate({"status": form.get("status", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            if package_id not in {p.id for p in service.packages_for(session, case_id=case_id)}:
                raise NotFound(f"no package {package_id} on case {case_id}", danish="Startpakken findes ikke på sagen")
            service.advance_package(session, package_id=package_id, status=data.status)
        return RedirectResponse(f"/sager/{case_id}/civilsamfund#startpakke-{package_id}", status_code=303)
    except ValidationError:
        errors = {prefix + "_": "Vælg en af mulighederne"}  # the status is a button's hidden field
    except DomainError as exc:
        errors = _domain_errors(exc, prefix, "_")
    return civil_page(request, principal, case_id, errors=errors, form=form, form_for="", status_code=422)


# The welcome meetings (R10) are pages of their own, served with these.
router.include_router(welcome_pages.router)
