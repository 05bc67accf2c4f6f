"""Private leases through the API: landlords, contracts, disputes (H4)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from housing.leases import service
from housing.leases.schemas import (
    DisputeIn,
    DisputeOut,
    DisputeUpdate,
    LandlordIn,
    LandlordOut,
    LeaseIn,
    LeaseOut,
    LeaseUpdate,
)
from housing.web import Placer, Reader
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["privat udlejning"])


@router.post("/landlords", status_code=status.HTTP_201_CREATED, response_model=LandlordOut)
def add_landlord(body: LandlordIn, session: Db, _by: Placer) -> Any:
    return service.add_landlord(session, data=body)


@router.get("/landlords", response_model=list[LandlordOut])
def list_landlords(session: Db, _by: Reader) -> Any:
    return service.landlords(session)


@router.post("/leases", status_code=status.HTTP_201_CREATED, response_model=LeaseOut)
def create_lease(body: LeaseIn, session: Db, by: Placer) -> Any:
    return service.create_lease(session, data=body, by=by)


@router.get("/leases/{lease_id}", response_model=LeaseOut)
def get_lease(lease_id: IdPath, session: Db, _by: Reader) -> Any:
    return service.get_lease(session, lease_id)


@router.patch("/leases/{lease_id}", response_model=LeaseOut)
def update_lease(lease_id: IdPath, body: LeaseUpdate, session: Db, _by: Placer) -> Any:
    """Rent, end date, terms; a stale ``version`` is a 409 (no silent overwrite)."""
    return service.update_lease(session, lease_id=lease_id, data=body)


@router.post("/leases/{lease_id}/disputes", status_code=status.HTTP_201_CREATED, response_model=DisputeOut)
def open_dispute(lease_id: IdPath, body: DisputeIn, session: Db, by: Placer) -> DisputeOut:
    return service.dispute_out(session, service.open_dispute(session, lease_id=lease_id, data=body, by=by))


@router.get("/leases/{lease_id}/disputes", response_model=list[DisputeOut])
def list_disputes(lease_id: IdPath, session: Db, _by: Reader) -> list[DisputeOut]:
    return [service.dispute_out(session, d) for d in service.disputes(session, lease_id=lease_id)]


@router.patch("/disputes/{dispute_id}", response_model=DisputeOut)
def update_dispute(dispute_id: IdPath, body: DisputeUpdate, session: Db, by: Placer) -> DisputeOut:
    return service.dispute_out(session, service.update_dispute(session, dispute_id=dispute_id, data=body, by=by))
