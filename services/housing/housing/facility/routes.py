"""Egegårdsvej 22 through the API: rooms, inventory, maintenance, inspections, occupancy (H3)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from housing.facility import service
from housing.facility.schemas import (
    FacilityIn,
    FacilityOut,
    InspectionDone,
    InspectionIn,
    InspectionOut,
    InventoryIn,
    InventoryOut,
    InventoryUpdate,
    MaintenanceIn,
    MaintenanceOut,
    MaintenanceUpdate,
    RoomIn,
    RoomOut,
)
from housing.web import Placer, Reader
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["egegårdsvej"])


@router.post("/facilities", status_code=status.HTTP_201_CREATED, response_model=FacilityOut)
def create_facility(body: FacilityIn, session: Db, _by: Placer) -> FacilityOut:
    facility = service.create_facility(session, data=body)
    return service.occupancy(session, facility_id=facility.id)


@router.get("/facilities/{facility_id}", response_model=FacilityOut)
def occupancy(facility_id: IdPath, session: Db, _by: Reader) -> FacilityOut:
    """The facility's rooms with beds and beds taken."""
    return service.occupancy(session, facility_id=facility_id)


@router.post("/facilities/{facility_id}/rooms", status_code=status.HTTP_201_CREATED, response_model=RoomOut)
def add_room(facility_id: IdPath, body: RoomIn, session: Db, _by: Placer) -> RoomOut:
    room = service.add_room(session, facility_id=facility_id, data=body)
    return RoomOut(id=room.id, name=room.name, unit_id=room.unit_id, beds=body.beds, beds_taken=0)


@router.post("/rooms/{room_id}/inventory", status_code=status.HTTP_201_CREATED, response_model=InventoryOut)
def add_inventory(room_id: IdPath, body: InventoryIn, session: Db, _by: Placer) -> Any:
    return service.add_inventory(session, room_id=room_id, data=body)


@router.get("/rooms/{room_id}/inventory", response_model=list[InventoryOut])
def list_inventory(room_id: IdPath, session: Db, _by: Reader) -> Any:
    return service.inventory(session, room_id=room_id)


@router.patch("/inventory/{item_id}", response_model=InventoryOut)
def update_inventory(item_id: IdPath, body: InventoryUpdate, session: Db, _by: Placer) -> Any:
    return service.update_inventory(session, item_id=item_id, data=body)


@router.post(
    "/facilities/{facility_id}/maintenance", status_code=status.HTTP_201_CREATED, response_model=MaintenanceOut
)
def report_maintenance(facility_id: IdPath, body: MaintenanceIn, session: Db, by: Reader) -> Any:
    """Anyone working with the residents may report; Social- og Psykiatriafdelingen assigns and closes."""
    return service.report_maintenance(session, facility_id=facility_id, data=body, by=by)


@router.get("/facilities/{facility_id}/maintenance", response_model=list[MaintenanceOut])
def list_maintenance(facility_id: IdPath, session: Db, _by: Reader, open_only: bool = False) -> Any:
    return service.maintenance(session, facility_id=facility_id, open_only=open_only)


@router.patch("/maintenance/{request_id}", response_model=MaintenanceOut)
def update_maintenance(request_id: IdPath, body: MaintenanceUpdate, session: Db, _by: Placer) -> Any:
    return service.update_maintenance(session, request_id=request_id, data=body)


@router.post("/facilities/{facility_id}/inspections", status_code=status.HTTP_201_CREATED, response_model=InspectionOut)
def schedule_inspection(facility_id: IdPath, body: InspectionIn, session: Db, _by: Placer) -> Any:
    return service.schedule_inspection(session, facility_id=facility_id, data=body)


@router.get("/facilities/{facility_id}/inspections", response_model=list[InspectionOut])
def list_inspections(facility_id: IdPath, session: Db, _by: Reader) -> Any:
    return service.inspections(session, facility_id=facility_id)


@router.post("/inspections/{inspection_id}/complete", response_model=list[InspectionOut])
def complete_inspection(inspection_id: IdPath, body: InspectionDone, session: Db, _by: Placer) -> Any:
    """Returns the completed inspection and the next one it scheduled."""
    return list(service.complete_inspection(session, inspection_id=inspection_id, data=body))
