"""Use cases for Egegårdsvej 22: rooms, inventory, maintenance, inspections, occupancy (H3)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from housing.facility.models import Facility, Inspection, InventoryItem, MaintenanceRequest, Room
from housing.facility.schemas import (
    FacilityIn,
    FacilityOut,
    InspectionDone,
    InspectionIn,
    InventoryIn,
    InventoryUpdate,
    MaintenanceIn,
    MaintenanceUpdate,
    RoomIn,
    RoomOut,
)
from housing.units.models import TemporaryUnit
from housing.units.service import beds_taken
from shared.auth import Principal
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Invalid, NotFound


def create_facility(session: Session, *, data: FacilityIn) -> Facility:
    row = Facility(name=data.name, address=data.address)
    if not try_insert(session, row):
        raise Conflict(
            f"a facility at {data.address} exists already",
            field="address",
            danish="Der findes allerede en ejendom på adressen",
        )
    return row


def get_facility(session: Session, facility_id: int) -> Facility:
    row = session.get(Facility, facility_id)
    if row is None:
        raise NotFound(f"no facility with id {facility_id}", danish="Ejendommen findes ikke")
    return row


def add_room(session: Session, *, facility_id: int, data: RoomIn) -> Room:
    """A room is let as a temporary unit (type room) so the readiness board can assign it."""
    facility = get_facility(session, facility_id)
    if session.scalar(select(Room.id).where(Room.facility_id == facility_id, Room.name == data.name)) is not None:
        raise Conflict(f"room {data.name} exists already", field="name", danish="Værelset findes allerede")
    unit = TemporaryUnit(
        address=f"{facility.address}, {data.name}", capacity=data.beds, ready_from=data.ready_from, unit_type="room"
    )
    session.add(unit)
    session.flush()
    room = Room(facility_id=facility_id, name=data.name, unit_id=unit.id)
    if not try_insert(session, room):  # the same room created at the same moment elsewhere
        raise Conflict(f"room {data.name} exists already", field="name", danish="Værelset findes allerede")
    return room


def occupancy(session: Session, *, facility_id: int) -> FacilityOut:
    """Every room with its beds and beds taken (from active assignments)."""
    facility = get_facility(session, facility_id)
    rooms = []
    for room in session.scalars(select(Room).where(Room.facility_id == facility_id).order_by(Room.name)):
        unit = session.get(TemporaryUnit, room.unit_id)
        assert unit is not None
        rooms.append(
            RoomOut(
                id=room.id, name=room.name, unit_id=unit.id, beds=unit.capacity, beds_taken=beds_taken(session, unit.id)
            )
        )
    return FacilityOut(
        id=facility.id,
        name=facility.name,
        address=facility.address,
        rooms=rooms,
        beds=sum(r.beds for r in rooms),
        beds_taken=sum(r.beds_taken for r in rooms),
    )


def _room(session: Session, room_id: int) -> Room:
    room = session.get(Room, room_id)
    if room is None:
        raise NotFound(f"no room with id {room_id}", field="room_id", danish="Værelset findes ikke")
    return room


def add_inventory(session: Session, *, room_id: int, data: InventoryIn) -> InventoryItem:
    _room(session, room_id)
    row = InventoryItem(
        room_id=room_id, item=data.item, quantity=data.quantity, condition=data.condition.value, note=data.note or None
    )
    session.add(row)
    session.flush()
    return row


def update_inventory(session: Session, *, item_id: int, data: InventoryUpdate) -> InventoryItem:
    row = session.get(InventoryItem, item_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no inventory item with id {item_id}", danish="Inventaret findes ikke")
    if data.quantity is not None:
        row.quantity = data.quantity
    if data.condition is not None:
        row.condition = data.condition.value
    if data.note is not None:
        row.note = data.note or None
    session.flush()
    return row


def inventory(session: Session, *, room_id: int) -> list[InventoryItem]:
    _room(session, room_id)
    return list(
        session.scalars(select(InventoryItem).where(InventoryItem.room_id == room_id).order_by(InventoryItem.id))
    )


def report_maintenance(session: Session, *, facility_id: int, data: MaintenanceIn, by: Principal) -> MaintenanceRequest:
    get_facility(session, facility_id)
    if data.room_id is not None and _room(session, data.room_id).facility_id != facility_id:
        raise Invalid("the room is not in this facility", field="room_id", danish="Værelset hører ikke til ejendommen")
    row = MaintenanceRequest(
        facility_id=facility_id, room_id=data.room_id, description=data.description, reported_by=by.user
    )
    session.add(row)
    session.flush()
    return row


def update_maintenance(session: Session, *, request_id: int, data: MaintenanceUpdate) -> MaintenanceRequest:
    row = session.get(MaintenanceRequest, request_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no maintenance request with id {request_id}", danish="Vedligeholdelsesopgaven findes ikke")
    if row.status == "done":
        raise Conflict("the maintenance request is done already", danish="Opgaven er allerede udført")
    if data.assigned_to is not None:
        row.assigned_to = data.assigned_to
        row.status = "assigned"
    if data.status is not None:
        if data.status == "assigned" and not row.assigned_to:
            raise Invalid("assign it to someone first", field="assigned_to", danish="Angiv hvem opgaven er tildelt")
        row.status = data.status.value
        if data.status == "done":
            row.done_at, row.done_note = utcnow(), data.done_note or None
    session.flush()
    return row


def maintenance(session: Session, *, facility_id: int, open_only: bool = False) -> list[MaintenanceRequest]:
    get_facility(session, facility_id)
    query = select(MaintenanceRequest).where(MaintenanceRequest.facility_id == facility_id)
    if open_only:
        query = query.where(MaintenanceRequest.status != "done")
    return list(session.scalars(query.order_by(MaintenanceRequest.id)))


def schedule_inspection(session: Session, *, facility_id: int, data: InspectionIn) -> Inspection:
    get_facility(session, facility_id)
    row = Inspection(facility_id=facility_id, due_on=data.due_on, interval_days=data.interval_days)
    session.add(row)
    session.flush()
    return row


def complete_inspection(session: Session, *, inspection_id: int, data: InspectionDone) -> tuple[Inspection, Inspection]:
    """Record findings and follow-up; the next inspection is scheduled one interval after the due date."""
    row = session.get(Inspection, inspection_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no inspection with id {inspection_id}", danish="Tilsynet findes ikke")
    if row.done_on is not None:
        raise Conflict("the inspection is recorded already", danish="Tilsynet er allerede registreret")
    if data.follow_up_due is not None and data.follow_up_due < data.done_on:
        raise Invalid(
            "follow_up_due is before the inspection",
            field="follow_up_due",
            danish="Opfølgningsfristen ligger før tilsynet",
        )
    row.done_on, row.inspector, row.findings = data.done_on, data.inspector, data.findings
    row.follow_up, row.follow_up_due = data.follow_up or None, data.follow_up_due
    row.follow_up_done = not data.follow_up
    following = Inspection(
        facility_id=row.facility_id,
        due_on=row.due_on + timedelta(days=row.interval_days),
        interval_days=row.interval_days,
    )
    session.add(following)
    session.flush()
    return row, following


def inspections(session: Session, *, facility_id: int) -> list[Inspection]:
    get_facility(session, facility_id)
    return list(
        session.scalars(select(Inspection).where(Inspection.facility_id == facility_id).order_by(Inspection.due_on))
    )
