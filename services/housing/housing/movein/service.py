"""Use cases for moving in: the checklist and furniture (H2)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from housing.movein.models import FurnitureItem, MoveInChecklist
from housing.movein.schemas import FurnitureIn, FurnitureUpdate, MoveInIn
from housing.units.models import Assignment
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.housing import MovedIn
from shared.db import utcnow
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "housing"
CHECKS = {
    "keys_handed_over": "nøgler udleveret",
    "electricity_reading": "el-måler aflæst",
    "water_reading": "vandmåler aflæst",
    "heating_reading": "varmemåler aflæst",
    "house_rules_explained": "husorden gennemgået",
    "guidance_given": "vejledning givet",
}


def _active_assignment(session: Session, assignment_id: int) -> Assignment:
    row = session.get(Assignment, assignment_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no assignment with id {assignment_id}", danish="Anvisningen findes ikke")
    if not row.active:
        raise Conflict(f"assignment {assignment_id} has ended", danish="Anvisningen er afsluttet")
    return row


def case_of(session: Session, *, assignment_id: int) -> int:
    """The case the assignment houses (404 for an unknown assignment)."""
    case_id = session.scalar(select(Assignment.case_id).where(Assignment.id == assignment_id))
    if case_id is None:
        raise NotFound(f"no assignment with id {assignment_id}", danish="Anvisningen findes ikke")
    return case_id


def missing(checklist: MoveInChecklist) -> list[str]:
    return [name for name in CHECKS if not getattr(checklist, name)]


def record_move_in(session: Session, *, assignment_id: int, data: MoveInIn, by: Principal) -> MoveInChecklist:
    """Save the checklist; when every point is done, the move-in is recorded and announced once."""
    assignment = _active_assignment(session, assignment_id)
    checklist = session.get(MoveInChecklist, assignment_id)
    if checklist is not None and checklist.completed_at is not None:
        raise Conflict("the move-in is recorded already", danish="Indflytningen er allerede registreret")
    if checklist is None:
        checklist = MoveInChecklist(assignment_id=assignment_id, updated_by=by.user)
        session.add(checklist)
    for name in ("keys_handed_over", "house_rules_explained", "guidance_given"):
        setattr(checklist, name, getattr(data, name))
    for name in ("electricity_reading", "water_reading", "heating_reading"):
        setattr(checklist, name, getattr(data, name))
    checklist.notes, checklist.updated_by = data.notes or None, by.user
    if not missing(checklist):
        moved_in_on = data.moved_in_on or today()
        if moved_in_on > today():
            raise Invalid(
                "moved_in_on cannot be in the future",
                field="moved_in_on",
                danish="Indflytningsdatoen ligger i fremtiden",
            )
        checklist.completed_at = utcnow()
        assignment.moved_in_on = moved_in_on
        publish(
            session,
            MovedIn(case_id=assignment.case_id, unit_id=assignment.unit_id, moved_in_on=moved_in_on),
            producer=SERVICE,
        )
    session.flush()
    return checklist


def add_furniture(session: Session, *, assignment_id: int, data: FurnitureIn) -> FurnitureItem:
    _active_assignment(session, assignment_id)
    row = FurnitureItem(assignment_id=assignment_id, item=data.item, supplier=data.supplier, cost=data.cost)
    session.add(row)
    session.flush()
    return row


def update_furniture(session: Session, *, furniture_id: int, data: FurnitureUpdate) -> FurnitureItem:
    row = session.get(FurnitureItem, furniture_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no furniture item with id {furniture_id}", danish="Inventaret findes ikke")
    for name in ("status", "supplier", "cost", "delivered_on"):
        value = getattr(data, name)
        if value is not None:
            setattr(row, name, value.value if name == "status" else value)
    session.flush()
    return row


def furniture_for(session: Session, *, assignment_id: int) -> list[FurnitureItem]:
    query = select(FurnitureItem).where(FurnitureItem.assignment_id == assignment_id).order_by(FurnitureItem.id)
    return list(session.scalars(query))
