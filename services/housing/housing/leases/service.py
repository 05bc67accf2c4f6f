"""Use cases for private leases: landlords, contracts, disputes (H4)."""

from __future__ import annotations

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from housing.leases.models import Dispute, DisputeNote, Landlord, Lease
from housing.leases.schemas import (
    DisputeIn,
    DisputeNoteOut,
    DisputeOut,
    DisputeUpdate,
    LandlordIn,
    LeaseIn,
    LeaseUpdate,
)
from housing.units.models import TemporaryUnit
from shared.auth import Principal
from shared.db import try_insert, utcnow
from shared.errors import Conflict, NotFound


def add_landlord(session: Session, *, data: LandlordIn) -> Landlord:
    row = Landlord(name=data.name, contact=data.contact, cvr=data.cvr)
    if not try_insert(session, row):
        raise Conflict(
            f"a landlord with CVR {data.cvr} exists already",
            field="cvr",
            danish="Der findes allerede en udlejer med dette CVR-nummer",
        )
    return row


def landlords(session: Session) -> list[Landlord]:
    return list(session.scalars(select(Landlord).order_by(Landlord.name)))


def create_lease(session: Session, *, data: LeaseIn, by: Principal) -> Lease:
    if session.get(TemporaryUnit, data.unit_id) is None:
        raise NotFound(f"no temporary unit with id {data.unit_id}", field="unit_id", danish="Boligen findes ikke")
    if session.get(Landlord, data.landlord_id) is None:
        raise NotFound(f"no landlord with id {data.landlord_id}", field="landlord_id", danish="Udlejeren findes ikke")
    overlapping = session.scalar(
        select(Lease.id).where(
            Lease.unit_id == data.unit_id,
            (Lease.end_date.is_(None)) | (Lease.end_date > data.start_date),
            Lease.start_date < data.end_date if data.end_date is not None else true(),
        )
    )
    if overlapping is not None:
        raise Conflict(
            f"unit {data.unit_id} has a running lease ({overlapping})",
            danish="Boligen har allerede en løbende lejekontrakt",
        )
    row = Lease(
        unit_id=data.unit_id,
        landlord_id=data.landlord_id,
        monthly_rent=data.monthly_rent,
        deposit=data.deposit,
        start_date=data.start_date,
        end_date=data.end_date,
        legal_basis=data.legal_basis.value,
        terms=data.terms,
        created_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def get_lease(session: Session, lease_id: int, *, for_update: bool = False) -> Lease:
    row = session.get(Lease, lease_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no lease with id {lease_id}", danish="Lejekontrakten findes ikke")
    return row


def update_lease(session: Session, *, lease_id: int, data: LeaseUpdate) -> Lease:
    row = get_lease(session, lease_id, for_update=True)
    if row.version != data.version:
        raise Conflict(
            f"lease {lease_id} was changed by someone else (version {row.version})",
            danish="Kontrakten er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if data.monthly_rent is not None:
        row.monthly_rent = data.monthly_rent
    if data.end_date is not None:
        if data.end_date <= row.start_date:
            raise Conflict(
                "end_date must be after the start date",
                field="end_date",
                danish="Slutdatoen skal ligge efter startdatoen",
            )
        row.end_date = data.end_date
    if data.terms is not None:
        row.terms = data.terms
    session.flush()
    return row


def open_dispute(session: Session, *, lease_id: int, data: DisputeIn, by: Principal) -> Dispute:
    get_lease(session, lease_id)
    row = Dispute(lease_id=lease_id, title=data.title, opened_by=by.user)
    session.add(row)
    session.flush()
    session.add(DisputeNote(dispute_id=row.id, by=by.user, text=data.note))
    session.flush()
    return row


def update_dispute(session: Session, *, dispute_id: int, data: DisputeUpdate, by: Principal) -> Dispute:
    row = session.get(Dispute, dispute_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no dispute with id {dispute_id}", danish="Sagen om misforhold findes ikke")
    if row.status == "resolved":
        raise Conflict("the dispute is resolved already", danish="Sagen er allerede afsluttet")
    if data.note:
        session.add(DisputeNote(dispute_id=row.id, by=by.user, text=data.note))
    if data.status is not None:
        row.status = data.status.value
        if data.status == "resolved":
            row.resolved_at, row.resolution = utcnow(), data.resolution
    session.flush()
    return row


def dispute_out(session: Session, dispute: Dispute) -> DisputeOut:
    notes = session.scalars(select(DisputeNote).where(DisputeNote.dispute_id == dispute.id).order_by(DisputeNote.id))
    return DisputeOut(
        id=dispute.id,
        lease_id=dispute.lease_id,
        title=dispute.title,
        status=dispute.status,
        opened_by=dispute.opened_by,
        opened_at=dispute.opened_at,
        resolved_at=dispute.resolved_at,
        resolution=dispute.resolution,
        notes=[DisputeNoteOut.model_validate(n) for n in notes],
    )


def disputes(session: Session, *, lease_id: int) -> list[Dispute]:
    get_lease(session, lease_id)
    return list(session.scalars(select(Dispute).where(Dispute.lease_id == lease_id).order_by(Dispute.id)))
