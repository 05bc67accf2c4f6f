"""Use cases for temporary units and assignments (H1)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from housing.readiness.models import PlacementRequest, ReadinessCheck
from housing.units.models import Assignment, TemporaryUnit
from housing.units.schemas import UNIT_STATUS_LABELS as UNIT_STATUS_LABELS
from housing.units.schemas import MoveOutIn as MoveOutIn
from housing.units.schemas import UnitIn as UnitIn
from housing.units.schemas import UnitStatus, UnitUpdate
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import local_date
from shared.contracts.housing import MovedOut, TemporaryAssigned
from shared.errors import Conflict, Invalid, NotFound

# The ``name as name`` imports re-export what other sub-domains use: they reach this one through its service only.

SERVICE = "housing"


def create_unit(session: Session, *, unit: UnitIn) -> TemporaryUnit:
    row = TemporaryUnit(
        address=unit.address,
        capacity=unit.capacity,
        ready_from=unit.ready_from,
        status=unit.status.value,
        unit_type=unit.unit_type.value,
    )
    session.add(row)
    session.flush()
    return row


def beds_taken(session: Session, unit_id: int) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Assignment.household_size), 0)).where(
                Assignment.unit_id == unit_id, Assignment.active.is_(True)
            )
        )
        or 0
    )


def list_units(session: Session) -> list[tuple[TemporaryUnit, int]]:
    units = session.scalars(select(TemporaryUnit).order_by(TemporaryUnit.ready_from, TemporaryUnit.id)).all()
    return [(u, beds_taken(session, u.id)) for u in units]


def assign(session: Session, *, unit_id: int, case_id: int, by: Principal) -> Assignment:
    """Assign a unit to an arriving household: capacity and dates are checked under a row lock."""
    unit = session.get(TemporaryUnit, unit_id, with_for_update=True)
    if unit is None:
        raise NotFound(f"no temporary unit with id {unit_id}", danish="Boligen findes ikke")
    check = session.get(ReadinessCheck, case_id, with_for_update=True)
    if check is None:
        raise NotFound(
            f"housing knows no arrival for case {case_id}",
            field="case_id",
            danish="Ankomsten er ikke kendt i boligafdelingen endnu",
        )
    if unit.status == UnitStatus.OUT_OF_SERVICE:
        raise Conflict(f"unit {unit_id} ({unit.address}) is out of service", danish="Boligen er ude af drift")
    if unit.ready_from > check.arrival_date:
        raise Conflict(
            f"unit {unit_id} is ready from {unit.ready_from.isoformat()}, after the arrival on "
            f"{check.arrival_date.isoformat()}",
            danish="Boligen er først klar efter ankomstdatoen – vælg en anden bolig",
        )
    current = session.scalar(select(Assignment).where(Assignment.case_id == case_id, Assignment.active.is_(True)))
    if current is not None:
        raise Conflict(
            f"case {case_id} has unit {current.unit_id} already", danish="Sagen har allerede fået anvist en bolig"
        )
    free = unit.capacity - beds_taken(session, unit_id)
    if check.household_size > free:
        raise Conflict(
            f"unit {unit_id} has {free} free bed(s); the household needs {check.household_size}",
            danish="Boligen har for få ledige senge til husstanden",
        )
    if check.household_size < 1:
        raise Invalid("household size must be at least 1", danish="Husstanden skal have mindst én person")
    row = Assignment(
        unit_id=unit_id,
        case_id=case_id,
        household_size=check.household_size,
        arrival_date=check.arrival_date,
        assigned_by=by.user,
    )
    session.add(row)
    check.status, check.unit_id = "ready", unit_id
    for request in session.scalars(
        select(PlacementRequest).where(PlacementRequest.case_id == case_id, PlacementRequest.status == "open")
    ):
        request.status = "fulfilled"
    session.flush()
    publish(
        session,
        TemporaryAssigned(
            case_id=case_id,
            unit_id=unit_id,
            address=unit.address,
            ready_from=unit.ready_from,
            arrival_date=check.arrival_date,
        ),
        producer=SERVICE,
    )
    return row


def get_unit(session: Session, *, unit_id: int, for_update: bool = False) -> TemporaryUnit:
    unit = session.get(TemporaryUnit, unit_id, with_for_update=for_update)
    if unit is None:
        raise NotFound(f"no temporary unit with id {unit_id}", danish="Boligen findes ikke")
    return unit


def update_unit(session: Session, *, unit_id: int, update: UnitUpdate) -> TemporaryUnit:
    """Change status, readiness date or beds, refusing a stale version (two caseworkers at once)."""
    unit = get_unit(session, unit_id=unit_id, for_update=True)
    if unit.version != update.version:
        raise Conflict(
            f"unit {unit_id} was changed by someone else (version {unit.version}, you sent {update.version})",
            danish="Boligen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if update.capacity is not None:
        taken = beds_taken(session, unit_id)
        if update.capacity < taken:
            raise Conflict(
                f"unit {unit_id} has {taken} bed(s) taken; capacity cannot go below that",
                field="capacity",
                danish=f"Der er {taken} optagne senge; antallet kan ikke sættes lavere",
            )
        unit.capacity = update.capacity
    if update.status is not None:
        unit.status = update.status.value
    if update.ready_from is not None:
        unit.ready_from = update.ready_from
    session.flush()
    return unit


def end_assignment(session: Session, *, assignment_id: int, on: date, reason: str) -> Assignment:
    """The household leaves its temporary unit (move-out, or permanent housing accepted)."""
    row = session.get(Assignment, assignment_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no assignment with id {assignment_id}", danish="Anvisningen findes ikke")
    if not row.active:
        raise Conflict(f"assignment {assignment_id} has ended already", danish="Anvisningen er allerede afsluttet")
    if on < local_date(row.assigned_at) - timedelta(days=1):
        raise Invalid(
            "the move-out date is before the assignment",
            field="moved_out_on",
            danish="Fraflytningsdatoen ligger før anvisningen",
        )
    row.active, row.ended_on, row.end_reason = False, on, reason
    session.flush()
    publish(
        session,
        MovedOut(case_id=row.case_id, unit_id=row.unit_id, moved_out_on=on, reason=reason),
        producer=SERVICE,
    )
    return row
