"""H2: moving into temporary housing, per assignment: the checklist, furniture, moving out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from housing import lookups
from housing.movein import service
from housing.movein.models import FurnitureItem, MoveInChecklist
from housing.movein.schemas import FurnitureIn, FurnitureStatus, FurnitureUpdate, MoveInIn
from housing.readiness.models import ReadinessCheck
from housing.units import service as units
from housing.units.models import Assignment, TemporaryUnit
from housing.units.service import MoveOutIn
from housing.web import FORMS, SETTLERS, SP, blank_to_none, submit
from shared.auth import Principal
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import money_input, render

router = APIRouter(include_in_schema=False)
FURNITURE_LABELS = {
    FurnitureStatus.NEEDED.value: "Mangler",
    FurnitureStatus.ORDERED.value: "Bestilt",
    FurnitureStatus.DELIVERED.value: "Leveret",
}
LABELS = {
    "check_electricity_reading": "El-måler",
    "check_water_reading": "Vandmåler",
    "check_heating_reading": "Varmemåler",
    "check_notes": "Noter",
    "check_moved_in_on": "Indflytningsdato",
    "furniture_item": "Inventar",
    "furniture_supplier": "Leverandør",
    "furniture_cost": "Pris",
    "moveout_moved_out_on": "Fraflytningsdato",
    "moveout_reason": "Årsag",
}
CHECK_BOXES = ("keys_handed_over", "house_rules_explained", "guidance_given")
READINGS = ("electricity_reading", "water_reading", "heating_reading")


def _case_numbers(session: Session, case_ids: set[int]) -> dict[int, str]:
    if not case_ids:
        return {}
    checks = session.scalars(select(ReadinessCheck).where(ReadinessCheck.case_id.in_(case_ids)))
    return {c.case_id: c.case_number for c in checks}


@router.get("/anvisninger")
def assignments_page(request: Request, session: Db, principal: Principal = FORMS.reader("indflytningerne")) -> Response:
    """Every household living in temporary housing now, with what the move-in still misses."""
    rows = session.execute(
        select(Assignment, TemporaryUnit)
        .join(TemporaryUnit, TemporaryUnit.id == Assignment.unit_id)
        .where(Assignment.active.is_(True))
        .order_by(Assignment.arrival_date, Assignment.id)
    ).all()
    numbers = _case_numbers(session, {a.case_id for a, _ in rows})
    lists = {a.id: session.get(MoveInChecklist, a.id) for a, _ in rows}
    missing = {i: (service.missing(c) if c else list(service.CHECKS)) for i, c in lists.items()}
    record_page(request, session, purpose=lookups.LIST_TEMPORARY_HOUSING)
    return render(request, "assignments.html", rows=rows, numbers=numbers, missing=missing, lists=lists)


@router.get("/sager/{case_id}/indflytning")
def case_move_in(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("indflytningen")
) -> Response:
    """From the board: the case's current temporary housing."""
    assignment_id = session.scalar(
        select(Assignment.id)
        .where(Assignment.case_id == case_id)
        .order_by(Assignment.active.desc(), Assignment.id.desc())
    )
    if assignment_id is None:
        return render(request, "not_found.html", 404, what=f"en anvist bolig til sag {case_id}")
    return RedirectResponse(f"/anvisninger/{assignment_id}", status_code=303)


def _page(
    request: Request,
    session: Session,
    assignment_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        return render(request, "not_found.html", 404, what=f"anvisning {assignment_id}")
    record_page(request, session, purpose=lookups.READ_MOVE_IN, case_id=assignment.case_id)
    unit = session.get(TemporaryUnit, assignment.unit_id)
    checklist = session.get(MoveInChecklist, assignment_id)
    context: dict[str, Any] = {
        "assignment": assignment,
        "unit": unit,
        "case_number": _case_numbers(session, {assignment.case_id}).get(assignment.case_id, str(assignment.case_id)),
        "checklist": checklist,
        "missing": service.missing(checklist) if checklist else list(service.CHECKS),
        "checks": service.CHECKS,
        "furniture": service.furniture_for(session, assignment_id=assignment_id),
    }
    return render(
        request,
        "assignment.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        furniture_labels=FURNITURE_LABELS,
        **context,
    )


@router.get("/anvisninger/{assignment_id}")
def assignment_page(
    assignment_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("indflytningen")
) -> Response:
    return _page(request, session, assignment_id, errors={}, form={})


def _rerender(request: Request, session: Session, assignment_id: int) -> Any:
    return lambda errors, form: _page(request, session, assignment_id, errors=errors, form=form, status_code=422)


@router.post("/anvisninger/{assignment_id}/tjekliste")
async def save_checklist(
    assignment_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere indflytning")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data: dict[str, Any] = {name: form.get(name) == "true" for name in CHECK_BOXES}
        data.update({name: form.get(name, "") for name in (*READINGS, "moved_in_on")})
        data["notes"] = form.get("notes", "")
        checklist = MoveInIn.model_validate(blank_to_none(data, *READINGS, "moved_in_on"))
        service.record_move_in(session, assignment_id=assignment_id, data=checklist, by=by)
        return f"/anvisninger/{assignment_id}#checklist-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=SETTLERS,
        what="registrere indflytning",
        prefix="check_",
        action=action,
        rerender=_rerender(request, session, assignment_id),
        fields=(*READINGS, "notes", "moved_in_on"),
    )


@router.post("/anvisninger/{assignment_id}/inventar")
async def add_furniture(
    assignment_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere inventar")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = {
            "item": form.get("item", ""),
            "supplier": form.get("supplier", ""),
            "cost": money_input(form.get("cost", "")),
        }
        service.add_furniture(
            session,
            assignment_id=assignment_id,
            data=FurnitureIn.model_validate(blank_to_none(data, "supplier", "cost")),
        )
        return f"/anvisninger/{assignment_id}#furniture-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=SETTLERS,
        what="registrere inventar",
        prefix="furniture_",
        action=action,
        rerender=_rerender(request, session, assignment_id),
        fields=("item", "supplier", "cost"),
    )


@router.post("/inventar/{furniture_id}")
async def update_furniture(
    furniture_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("opdatere inventar")
) -> Response:
    item = session.get(FurnitureItem, furniture_id)
    if item is None:
        return render(request, "not_found.html", 404, what="inventaret")
    assignment_id = item.assignment_id

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = {k: form.get(k, "") for k in ("status", "supplier", "delivered_on")}
        data["cost"] = money_input(form.get("cost", ""))
        update = FurnitureUpdate.model_validate(blank_to_none(data, "supplier", "cost", "delivered_on"))
        service.update_furniture(session, furniture_id=furniture_id, data=update)
        return f"/anvisninger/{assignment_id}#furniture-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=SETTLERS,
        what="opdatere inventar",
        prefix=f"item{furniture_id}_",
        action=action,
        rerender=_rerender(request, session, assignment_id),
        fields=("status", "supplier", "cost", "delivered_on"),
    )


@router.post("/anvisninger/{assignment_id}/fraflytning")
async def move_out(
    assignment_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere fraflytning")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = MoveOutIn.model_validate({k: form.get(k, "") for k in ("moved_out_on", "reason")})
        units.end_assignment(session, assignment_id=assignment_id, on=data.moved_out_on, reason=data.reason)
        return f"/anvisninger/{assignment_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="registrere fraflytning",
        prefix="moveout_",
        action=action,
        rerender=_rerender(request, session, assignment_id),
        fields=("moved_out_on", "reason"),
    )
