"""Readiness of temporary housing for each arrival, and the periodic check (H1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from housing.readiness.models import PlacementRequest, ReadinessCheck
from housing.units.models import Assignment, TemporaryUnit
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.housing import PlacementRequested, ReadinessFlagged
from shared.db import try_insert, utcnow

SERVICE = "housing"


def _locked_check(
    session: Session, *, case_id: int, case_number: str, household_size: int, arrival_date: date
) -> ReadinessCheck:
    check = session.get(ReadinessCheck, case_id, with_for_update=True)
    if check is None:
        row = ReadinessCheck(
            case_id=case_id, case_number=case_number, household_size=household_size, arrival_date=arrival_date
        )
        try_insert(session, row)  # False: created concurrently; lock theirs below
        check = session.get(ReadinessCheck, case_id, with_for_update=True, populate_existing=True)
        assert check is not None
    return check


def check_arrival(
    session: Session, *, case_id: int, case_number: str, household_size: int, arrival_date: date, as_of: datetime
) -> ReadinessCheck:
    """Is a ready unit assigned for this arrival? If not, ask for a placement (once)."""
    check = _locked_check(
        session, case_id=case_id, case_number=case_number, household_size=household_size, arrival_date=arrival_date
    )
    if as_of.timestamp() >= check.arrival_as_of:  # events may arrive out of order
        check.arrival_date, check.household_size = arrival_date, household_size
        check.arrival_as_of = as_of.timestamp()
    arrival_date, household_size = check.arrival_date, check.household_size
    check.checked_at = utcnow()
    ready_unit = session.scalar(
        select(TemporaryUnit.id)
        .join(Assignment, Assignment.unit_id == TemporaryUnit.id)
        .where(Assignment.case_id == case_id, Assignment.active.is_(True), TemporaryUnit.ready_from <= arrival_date)
    )
    if ready_unit is not None:
        check.status, check.unit_id = "ready", ready_unit
        return check
    check.status = "missing"
    open_request = session.scalar(
        select(PlacementRequest).where(PlacementRequest.case_id == case_id, PlacementRequest.status == "open")
    )
    if open_request is None:
        request = PlacementRequest(case_id=case_id, arrival_date=arrival_date, household_size=household_size)
        session.add(request)
        session.flush()
        publish(
            session,
            PlacementRequested(case_id=case_id, arrival_date=arrival_date, request_id=request.id),
            producer=SERVICE,
        )
    else:
        open_request.arrival_date, open_request.household_size = arrival_date, household_size
    return check


@dataclass(frozen=True)
class BoardRow:
    case_id: int
    case_number: str
    household_size: int
    arrival_date: date
    status: str
    unit_id: int | None
    colour: str  # red, amber, green


def colour(check: ReadinessCheck, warning_days: int, on: date) -> str:
    if check.status == "ready":
        return "green"
    return "red" if check.arrival_date <= on + timedelta(days=warning_days) else "amber"


def board(session: Session, *, warning_days: int) -> list[BoardRow]:
    """Every upcoming arrival with its red/amber/green readiness."""
    on = today()
    checks = session.scalars(
        select(ReadinessCheck)
        .where(ReadinessCheck.arrival_date >= on - timedelta(days=7))
        .order_by(ReadinessCheck.arrival_date, ReadinessCheck.case_id)
    )
    return [
        BoardRow(
            c.case_id, c.case_number, c.household_size, c.arrival_date, c.status, c.unit_id, colour(c, warning_days, on)
        )
        for c in checks
    ]


def flag_unready_arrivals(factory: sessionmaker[Session], *, warning_days: int) -> int:
    """Periodic: flag (once a day) each arrival within ``warning_days`` that has no ready unit."""
    on = today()
    flagged = 0
    with factory.begin() as session:
        checks = session.scalars(
            select(ReadinessCheck)
            .where(
                ReadinessCheck.status != "ready",
                ReadinessCheck.arrival_date <= on + timedelta(days=warning_days),
                ReadinessCheck.arrival_date >= on,
            )
            .with_for_update()
        ).all()
        for check in checks:
            if check.flagged_on == on:
                continue
            check.flagged_on = on
            publish(
                session,
                ReadinessFlagged(
                    case_id=check.case_id, arrival_date=check.arrival_date, days_left=(check.arrival_date - on).days
                ),
                producer=SERVICE,
            )
            flagged += 1
    return flagged
