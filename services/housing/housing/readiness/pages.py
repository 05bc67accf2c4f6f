"""H1: the readiness board (``/``) and the forms posted from it: assigning a unit, adding a unit."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from housing import lookups
from housing.readiness import service as readiness
from housing.units import service
from housing.units.service import UNIT_STATUS_LABELS, UnitIn
from shared.auth import Department
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, PageUser
from shared.web.forms import danish_errors, render

router = APIRouter(include_in_schema=False)
COLOUR_LABELS = {"red": "Rød – mangler bolig", "amber": "Gul – mangler bolig", "green": "Grøn – bolig klar"}
# DKFDS tag variant per colour: the tag shows an icon and words as well, never colour alone.
COLOUR_VARIANTS = {"red": "error", "amber": "warning", "green": "success"}


def _board(
    request: Request,
    session: Session,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    settings = request.app.state.settings
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
def board_page(request: Request, session: Db, _user: PageUser) -> Response:
    return _board(request, session)


@router.post("/tildel")
async def assign_page(request: Request, session: Db, principal: PageUser) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        if principal.department != Department.SOCIAL_PSYKIATRI:
            raise DomainError("Kun Social- og Psykiatriafdelingen kan anvise midlertidig bolig")
        case_id, unit_id = int(form.get("case_id", "")), int(form.get("unit_id", ""))
        with session.begin_nested():  # a refused assignment writes nothing; the board is still shown
            service.assign(session, unit_id=unit_id, case_id=case_id, by=principal)
        return RedirectResponse("/", status_code=303)
    except ValueError:
        errors = {"assign": "Vælg en bolig"}
    except DomainError as exc:
        errors = {"assign": exc.danish}
    return _board(request, session, errors=errors, form=form, status_code=422)


@router.post("/boliger")
async def create_unit_page(request: Request, session: Db, principal: PageUser) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        if principal.department != Department.SOCIAL_PSYKIATRI:
            raise DomainError("Kun Social- og Psykiatriafdelingen kan oprette boliger")
        unit = UnitIn.model_validate(form)
        with session.begin_nested():
            service.create_unit(session, unit=unit)
        return RedirectResponse("/", status_code=303)
    except ValidationError as exc:
        errors = {f"unit_{k}": v for k, v in danish_errors(exc).items()}
    except DomainError as exc:
        errors = {"unit__": exc.danish}
    return _board(request, session, errors=errors, form=form, status_code=422)
