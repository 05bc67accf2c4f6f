"""H3: Egegårdsvej 22 – the municipal property: rooms and occupancy, inventory, maintenance, inspections."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from housing.facility import service
from housing.facility.models import Facility
from housing.facility.schemas import (
    Condition,
    FacilityIn,
    InspectionDone,
    InspectionIn,
    InventoryIn,
    InventoryUpdate,
    MaintenanceIn,
    MaintenanceUpdate,
    RoomIn,
)
from housing.web import FORMS, READERS, SP, blank_to_none, submit
from shared.auth import Principal
from shared.errors import Conflict, Invalid, NotFound
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/egegaardsvej"
CONDITION_LABELS = {Condition.GOOD.value: "God", Condition.WORN.value: "Slidt", Condition.BROKEN.value: "I stykker"}
MAINTENANCE_LABELS = {"open": "Åben", "assigned": "Tildelt", "done": "Udført"}
LABELS = {
    "facility_name": "Navn",
    "facility_address": "Adresse",
    "room_name": "Værelse",
    "room_beds": "Senge",
    "room_ready_from": "Klar fra",
    "inventory_room_id": "Værelse",
    "inventory_item": "Inventar",
    "inventory_quantity": "Antal",
    "inventory_condition": "Stand",
    "inventory_note": "Bemærkning",
    "maintenance_description": "Beskrivelse",
    "maintenance_room_id": "Værelse",
    "schedule_due_on": "Dato for tilsyn",
    "schedule_interval_days": "Interval i dage",
    "inspection_done_on": "Dato for tilsynet",
    "inspection_inspector": "Tilsynsførende",
    "inspection_findings": "Fund",
    "inspection_follow_up": "Opfølgning",
    "inspection_follow_up_due": "Frist for opfølgning",
}


def _facility(session: Session) -> Facility | None:
    """The property (Egegårdsvej 22 is one; it is created once)."""
    return session.scalar(select(Facility).order_by(Facility.id).limit(1))


def _page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    context: dict[str, Any] = {"facility": None}
    facility = _facility(session)
    if facility is not None:
        overview = service.occupancy(session, facility_id=facility.id)
        inspections = service.inspections(session, facility_id=facility.id)
        context = {
            "facility": overview,
            "inventory": {r.id: service.inventory(session, room_id=r.id) for r in overview.rooms},
            "maintenance": service.maintenance(session, facility_id=facility.id),
            "inspections": inspections,
            "next_inspection": next((i for i in inspections if i.done_on is None), None),
            "room_names": {r.id: r.name for r in overview.rooms},
        }
    return render(
        request,
        "facility.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        condition_labels=CONDITION_LABELS,
        maintenance_labels=MAINTENANCE_LABELS,
        **context,
    )


def _rerender(request: Request, session: Session) -> Any:
    return lambda errors, form: _page(request, session, errors=errors, form=form, status_code=422)


def _facility_id(session: Session) -> int:
    facility = _facility(session)
    if facility is None:
        raise NotFound("no facility", danish="Opret ejendommen først")
    return facility.id


@router.get(PAGE)
def facility_page(request: Request, session: Db, principal: Principal = FORMS.reader("Egegårdsvej 22")) -> Response:
    return _page(request, session, errors={}, form={})


@router.post(PAGE)
async def create_facility(
    request: Request, session: Db, user: Principal = FORMS.reader("oprette ejendommen")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        if _facility(session) is not None:
            raise Conflict("the facility exists", danish="Ejendommen er allerede oprettet")
        service.create_facility(
            session, data=FacilityIn.model_validate({k: form.get(k, "") for k in ("name", "address")})
        )
        return PAGE

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="oprette ejendommen",
        prefix="facility_",
        action=action,
        rerender=_rerender(request, session),
        fields=("name", "address"),
    )


@router.post(f"{PAGE}/vaerelser")
async def add_room(request: Request, session: Db, user: Principal = FORMS.reader("oprette værelser")) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        room = RoomIn.model_validate({k: form.get(k, "") for k in ("name", "beds", "ready_from")})
        service.add_room(session, facility_id=_facility_id(session), data=room)
        return f"{PAGE}#rooms-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="oprette værelser",
        prefix="room_",
        action=action,
        rerender=_rerender(request, session),
        fields=("name", "beds", "ready_from"),
    )


@router.post(f"{PAGE}/inventar")
async def add_inventory(
    request: Request, session: Db, user: Principal = FORMS.reader("registrere inventar")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = InventoryIn.model_validate({k: form.get(k, "") for k in ("item", "quantity", "condition", "note")})
        room_id = form.get("room_id", "")
        if not room_id.isdigit() or len(room_id) > 18:
            raise Invalid("choose a room", field="room_id", danish="Vælg et værelse")
        service.add_inventory(session, room_id=int(room_id), data=data)
        return f"{PAGE}#inventory-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="registrere inventar",
        prefix="inventory_",
        action=action,
        rerender=_rerender(request, session),
        fields=("room_id", "item", "quantity", "condition", "note"),
    )


@router.post("/egegaardsvej-inventar/{item_id}")
async def update_inventory(
    item_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("opdatere inventar")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = blank_to_none({k: form.get(k, "") for k in ("quantity", "condition")}, "quantity", "condition")
        service.update_inventory(session, item_id=item_id, data=InventoryUpdate.model_validate(data))
        return f"{PAGE}#inventory-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="opdatere inventar",
        prefix=f"inv{item_id}_",
        action=action,
        rerender=_rerender(request, session),
        fields=("quantity", "condition"),
    )


@router.post(f"{PAGE}/vedligehold")
async def report_maintenance(
    request: Request, session: Db, user: Principal = FORMS.reader("melde vedligeholdelse")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = blank_to_none({k: form.get(k, "") for k in ("description", "room_id")}, "room_id")
        service.report_maintenance(
            session, facility_id=_facility_id(session), data=MaintenanceIn.model_validate(data), by=by
        )
        return f"{PAGE}#maintenance-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=READERS,
        what="melde vedligeholdelse",
        prefix="maintenance_",
        action=action,
        rerender=_rerender(request, session),
        fields=("description", "room_id"),
    )


@router.post("/vedligehold/{request_id}")
async def update_maintenance(
    request_id: IdPath,
    request: Request,
    session: Db,
    user: Principal = FORMS.reader("tildele og afslutte vedligeholdelse"),
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        if form.get("step") == "done":
            data = {"status": "done", "done_note": form.get("done_note", "")}
        else:
            data = {"assigned_to": form.get("assigned_to", "")}
        service.update_maintenance(session, request_id=request_id, data=MaintenanceUpdate.model_validate(data))
        return f"{PAGE}#maintenance-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="tildele og afslutte vedligeholdelse",
        prefix=f"mr{request_id}_",
        action=action,
        rerender=_rerender(request, session),
        fields=("assigned_to", "done_note"),
    )


@router.post(f"{PAGE}/tilsyn")
async def schedule_inspection(
    request: Request, session: Db, user: Principal = FORMS.reader("planlægge tilsyn")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = InspectionIn.model_validate({k: form.get(k, "") for k in ("due_on", "interval_days")})
        service.schedule_inspection(session, facility_id=_facility_id(session), data=data)
        return f"{PAGE}#inspections-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="planlægge tilsyn",
        prefix="schedule_",
        action=action,
        rerender=_rerender(request, session),
        fields=("due_on", "interval_days"),
    )


@router.post("/tilsyn/{inspection_id}")
async def complete_inspection(
    inspection_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere tilsyn")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        names = ("done_on", "inspector", "findings", "follow_up", "follow_up_due")
        data = InspectionDone.model_validate(blank_to_none({k: form.get(k, "") for k in names}, "follow_up_due"))
        service.complete_inspection(session, inspection_id=inspection_id, data=data)
        return f"{PAGE}#inspections-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="registrere tilsyn",
        prefix="inspection_",
        action=action,
        rerender=_rerender(request, session),
        fields=("done_on", "inspector", "findings", "follow_up", "follow_up_due"),
    )
