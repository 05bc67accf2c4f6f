"""H1: the readiness board (``/``) and the forms posted from it: assigning a unit, adding a unit."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from housing import lookups
from housing.readiness import service as readiness
from housing.units import service
from housing.units.service import UNIT_STATUS_LABELS, UnitIn
from shared.auth import Department
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.forms import danish_errors, render, signed_in, to_login

router = APIRouter(include_in_schema=False)
COLOUR_LABELS = {"red": "Rød – mangler bolig", "amber": "Gul – mangler bolig", "green": "Grøn – bolig klar"}
# DKFDS tag variant per colour: the tag shows an icon and words as well, never colour alone.
COLOUR_VARIANTS = {"red": "error", "amber": "warning", "green": "success"}
# Housing messages raised without a Danish wording (``DomainError.danish``), by a phrase they contain.
_ASSIGN_MESSAGES = {
    "out of service": "Boligen er ude af drift",
    "is ready from": "Boligen er først klar efter ankomstdatoen – vælg en anden bolig",
    "already": "Sagen har allerede fået anvist en bolig",
    "free bed": "Boligen har for få ledige senge til husstanden",
    "no temporary unit": "Boligen findes ikke",
    "knows no arrival": "Ankomsten er ikke kendt i boligafdelingen endnu",
}


def _danish(exc: DomainError) -> str:
    """The error in Danish for the board: the service's own wording, else a known phrase, else as raised."""
    if exc.danish != exc.message:
        return exc.danish
    return next((dk for en, dk in _ASSIGN_MESSAGES.items() if en in exc.message), exc.message)


def _board(
    request: Request,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    settings = request.app.state.settings
    with request.app.state.runtime.session_factory.begin() as session:  # the read is access-logged
        rows = readiness.board(session, warning_days=settings.readiness_warning_days)
        units = service.list_units(session)
        record_page(request, session, purpose=lookups.LIST_ARRIVALS)
    return render(
        request,
        "board.html",
        status_code,
        rows=rows,
        units=units,
        errors=errors or {},
        form=form or {},
        colour_labels=COLOUR_LABELS,
        colour_variants=COLOUR_VARIANTS,
        unit_labels=UNIT_STATUS_LABELS,
        warning_days=settings.readiness_warning_days,
    )


@router.get("/")
def board_page(request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    return _board(request)


@router.post("/tildel")
async def assign_page(request: Request) -> Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        if principal.department != Department.SOCIAL_PSYKIATRI:
            raise DomainError("Kun Social- og Psykiatriafdelingen kan anvise midlertidig bolig")
        case_id, unit_id = int(form.get("case_id", "")), int(form.get("unit_id", ""))
        with request.app.state.runtime.session_factory.begin() as session:
            service.assign(session, unit_id=unit_id, case_id=case_id, by=principal)
        return RedirectResponse("/", status_code=303)
    except ValueError:
        errors = {"assign": "Vælg en bolig"}
    except DomainError as exc:
        errors = {"assign": _danish(exc)}
    return _board(request, errors=errors, form=form, status_code=422)


@router.post("/boliger")
async def create_unit_page(request: Request) -> Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        if principal.department != Department.SOCIAL_PSYKIATRI:
            raise DomainError("Kun Social- og Psykiatriafdelingen kan oprette boliger")
        unit = UnitIn.model_validate(form)
        with request.app.state.runtime.session_factory.begin() as session:
            service.create_unit(session, unit=unit)
        return RedirectResponse("/", status_code=303)
    except ValidationError as exc:
        errors = {f"unit_{k}": v for k, v in danish_errors(exc).items()}
    except DomainError as exc:
        errors = {"unit__": _danish(exc)}
    return _board(request, errors=errors, form=form, status_code=422)
