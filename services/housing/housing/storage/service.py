"""Use cases for stored belongings (H1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from housing.readiness.models import ReadinessCheck
from housing.storage.models import StoredBelongings
from housing.storage.schemas import StorageIn
from shared.auth import Principal
from shared.errors import Invalid, NotFound


def store(session: Session, *, case_id: int, storage: StorageIn, by: Principal) -> StoredBelongings:
    """Record where a household's belongings are kept, what, and for how long."""
    if session.get(ReadinessCheck, case_id) is None:
        raise NotFound(
            f"housing knows no case {case_id}", field="case_id", danish="Sagen er ikke kendt i boligafdelingen"
        )
    row = StoredBelongings(
        case_id=case_id,
        location=storage.location,
        description=storage.description,
        from_date=storage.from_date,
        to_date=storage.to_date,
        created_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def end(session: Session, *, storage_id: int, to_date: date) -> StoredBelongings:
    row = session.get(StoredBelongings, storage_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no stored belongings with id {storage_id}", danish="Opmagasineringen findes ikke")
    if to_date < row.from_date:
        raise Invalid(
            "to_date must not be before from_date", field="to_date", danish="Slutdatoen ligger før startdatoen"
        )
    row.to_date = to_date
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> list[StoredBelongings]:
    query = select(StoredBelongings).where(StoredBelongings.case_id == case_id).order_by(StoredBelongings.from_date)
    return list(session.scalars(query))
